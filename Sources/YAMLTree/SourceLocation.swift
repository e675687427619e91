import Foundation

/// A position in a source file, 1-based, with columns counted in Unicode scalars (as libyaml does).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Line number starting from 1.
    public let line: Int
    /// Column number starting from 1, counted in Unicode scalars.
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A file's path and text, shared by every node read from it so errors can quote the source line.
///
/// Line starts are indexed once, so looking up the line of each of many diagnostics costs no
/// rescan of the file; a line's text is kept once it was asked for, so diagnostics on one long line
/// share a single copy.
public final class SourceFile: @unchecked Sendable, Hashable {
    /// The path as the user gave it (or `<stdin>`); used verbatim in messages.
    public let path: String
    /// The decoded text.
    public let text: String
    /// UTF-8 offsets where each line starts, breaking lines as libyaml does (LF, CR LF, CR, NEL,
    /// U+2028, U+2029), so line numbers agree with the parser's marks.
    private let lineStarts: [Int]
    /// For each line, the UTF-8 offset where its text ends (before the break).
    private let lineEnds: [Int]
    private let lock = NSLock()
    private var lines: [Int: String] = [:]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        var starts = [0]
        var ends: [Int] = []
        let bytes = Array(text.utf8)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var width = 0
            if b == 0x0A { width = 1 } else if b == 0x0D { width = i + 1 < n && bytes[i + 1] == 0x0A ? 2 : 1 }
            else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0x85 { width = 2 }
            else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { width = 3 }
            if width > 0 {
                ends.append(i)
                i += width
                starts.append(i)
            } else {
                i += 1
            }
        }
        ends.append(n)
        lineStarts = starts
        lineEnds = ends
    }

    /// The number of lines (a final line break opens an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// The text of a 1-based line, without its line break, or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        lock.lock()
        defer { lock.unlock() }
        if let cached = lines[number] { return cached }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
        let end = utf8.index(utf8.startIndex, offsetBy: lineEnds[number - 1])
        let s = String(text[start..<end])
        lines[number] = s
        return s
    }

    public static func == (a: SourceFile, b: SourceFile) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}

/// A range of source text: where a node, key or error starts and ends in which file.
public struct SourceSpan: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let file: SourceFile
    public let start: Mark
    public let end: Mark

    public init(file: SourceFile, start: Mark, end: Mark) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// `path:line:column`, the form editors and CI annotations understand.
    public var description: String { "\(file.path):\(start.line):\(start.column)" }

    public static func < (a: SourceSpan, b: SourceSpan) -> Bool {
        (a.file.path, a.start) < (b.file.path, b.start)
    }
}
