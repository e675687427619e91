import Foundation

/// Where a report's bytes go: a file, standard output, or memory (for tests and the library),
/// through one buffer so a fleet report is written in large blocks, not line by line.
public final class ReportOutput {
    private let handle: FileHandle?
    private let ownsHandle: Bool
    private var buffer: [UInt8] = []
    private var written: [UInt8] = []
    /// Bytes written so far, for benchmarks and summaries.
    public private(set) var byteCount = 0
    /// Set when a write to the file failed (disk full, closed pipe); the run reports it.
    public private(set) var failed = false

    /// Writes to an open handle (standard output); the handle is not closed at the end.
    public init(handle: FileHandle) {
        self.handle = handle
        self.ownsHandle = false
        buffer.reserveCapacity(1 << 16)
    }

    /// Creates (or truncates) the file; nil when it cannot be created.
    public init?(path: String) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else { return nil }
        self.handle = h
        self.ownsHandle = true
        buffer.reserveCapacity(1 << 16)
    }

    /// Keeps the report in memory; read it with `text` after `close()`.
    public init() {
        handle = nil
        ownsHandle = false
    }

    public func write(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 16 { flush() }
    }

    public func write(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func flush() {
        byteCount += buffer.count
        if let handle {
            if !failed {
                do { try handle.write(contentsOf: buffer) } catch { failed = true }
            }
        } else {
            written.append(contentsOf: buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, closes it.
    public func close() {
        flush()
        if ownsHandle { try? handle?.close() }
    }

    /// The in-memory report.
    public var text: String { String(decoding: written + buffer, as: UTF8.self) }
}
