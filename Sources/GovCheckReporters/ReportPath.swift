import Foundation
import GovCheckEngine

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
