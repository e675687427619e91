import Foundation
import GovCheckEngine

/// Markdown for summaries and SARIF help: text from packs and descriptors is escaped so it shows
/// as written and cannot add HTML, links, emphasis or table cells. Such text never starts a line
/// (line breaks in it are shown as `\n`), so list and heading markers need no escape.
enum Markdown {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in DisplayText.escaped(s) {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&":
                out.append("\\")
                out.append(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    /// A table cell: escaped, on one line.
    static func cell(_ s: String) -> String { escape(s) }
}

/// Paths as CI services want them: relative to the folder govcheck runs in (the repository root
/// in CI), so an absolute path given on the command line still links to the file in the merge
/// request or the code-scanning alert. Paths outside that folder stay as they are.
enum ReportPath {
    static let workingDirectory: String = {
        let cwd = FileManager.default.currentDirectoryPath
        return cwd.hasSuffix("/") ? cwd : cwd + "/"
    }()

    static func relative(_ path: String) -> String {
        if path.hasPrefix(workingDirectory) && path.count > workingDirectory.count { return String(path.dropFirst(workingDirectory.count)) }
        return Glob.normalized(path)
    }
}
