import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file's bytes without trusting the path: the file is stat-ed before it is opened, so a
/// named pipe, a device or an oversized (possibly sparse) file is refused without reading, and the
/// read itself stops one byte past the size limit, so nothing can grow memory beyond it.
enum FileInput {
    /// The bytes of a regular file, at most `limit` of them.
    static func read(path: String, limit: Int) throws(YAMLError) -> [UInt8] {
        let file = SourceFile(path: path, text: "")
        func fail(_ code: YAMLError.Code, _ message: String, _ help: String) -> YAMLError {
            YAMLError(code, message, file: file, mark: Mark(line: 1, column: 1), help: help)
        }
        var st = stat()
        guard stat(path, &st) == 0 else { throw statError(path: path, errno: errno, fail) }
        try checkKind(st, path: path, limit: limit, fail)
        // O_NONBLOCK: should the path be swapped for a pipe after the stat, opening it cannot hang.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw statError(path: path, errno: errno, fail) }
        defer { close(fd) }
        guard fstat(fd, &st) == 0 else { throw statError(path: path, errno: errno, fail) }
        try checkKind(st, path: path, limit: limit, fail)
        let (bytes, complete) = readBounded(fd: fd, limit: limit)
        guard complete else {
            throw fail(.tooLarge, "file grew past the limit of \(describe(bytes: limit)) while it was read",
                       "split the file into smaller files")
        }
        return bytes
    }

    /// Standard input, read once, stopping one byte past `limit` (the caller reports an overrun).
    static func readStandardInput(limit: Int) -> [UInt8] {
        readBounded(fd: STDIN_FILENO, limit: limit).bytes
    }

    /// Reads until end of file or until more than `limit` bytes came; `complete` is false then.
    static func readBounded(fd: Int32, limit: Int) -> (bytes: [UInt8], complete: Bool) {
        var out: [UInt8] = []
        let chunk = 1 << 16
        var buffer = [UInt8](repeating: 0, count: chunk)
        while out.count <= limit {
            let want = min(chunk, limit + 1 - out.count)
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, want) }
            if n > 0 {
                out.append(contentsOf: buffer[0..<n])
            } else if n == 0 {
                return (out, true)
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                // A non-blocking descriptor with nothing ready: wait for data rather than spin.
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&p, 1, -1)
            } else {
                return (out, true)
            }
        }
        return (out, false)
    }

    /// Refuses what is not a regular file, and a regular file over the limit, before any read.
    static func checkKind(_ st: stat, path: String, limit: Int,
                          _ fail: (YAMLError.Code, String, String) -> YAMLError) throws(YAMLError) {
        let kind = st.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what: String
            switch kind {
            case S_IFDIR: what = "a folder"
            case S_IFIFO: what = "a named pipe (FIFO)"
            case S_IFCHR: what = "a character device"
            case S_IFBLK: what = "a block device"
            case S_IFSOCK: what = "a socket"
            default: what = "a special file"
            }
            let help = kind == S_IFIFO
                ? "pass a regular YAML file; to pipe a descriptor in, give '-' and use standard input"
                : "pass a regular YAML file"
            throw fail(.notRegularFile, "this is \(what), not a regular file; it was not read", help)
        }
        if Int(st.st_size) > limit {
            throw fail(.tooLarge, "file is \(describe(bytes: Int(st.st_size))), more than the limit of \(describe(bytes: limit)); it was not read",
                       "split the file into smaller files")
        }
    }

    /// The error for a path that cannot be opened, naming a dangling or looping symbolic link.
    static func statError(path: String, errno code: Int32,
                          _ fail: (YAMLError.Code, String, String) -> YAMLError) -> YAMLError {
        switch code {
        case ENOENT, ENOTDIR:
            var lst = stat()
            if lstat(path, &lst) == 0, lst.st_mode & S_IFMT == S_IFLNK {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
                return fail(.notFound, "this is a symbolic link to '\(target)', which does not exist",
                            "fix or remove the link")
            }
            return fail(.notFound, "no such file", "check the path")
        case ELOOP:
            return fail(.symlinkLoop, "symbolic links loop here; the file cannot be reached",
                        "fix the links so that they end at a file")
        case EACCES, EPERM:
            return fail(.unreadable, "permission denied: the file cannot be read",
                        "make the file readable by the user running govcheck, or leave it out of the paths checked")
        default:
            return fail(.unreadable, "cannot read the file: \(String(cString: strerror(code)))",
                        "check that the path is a readable file")
        }
    }

    /// `209715200 bytes (200 MiB)`, so limits read at a glance.
    static func describe(bytes: Int) -> String {
        let mib = Double(bytes) / Double(1 << 20)
        if bytes >= 1 << 20 {
            return "\(bytes) bytes (\(mib.rounded() == mib ? String(Int(mib)) : String(format: "%.1f", mib)) MiB)"
        }
        return "\(bytes) bytes"
    }
}
