import Foundation
import YAMLTree
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the paths given to `check` into the files to read. Nothing is skipped in silence: every
/// path that is not read (a dangling or looping link, an unreadable folder, a control character in
/// a name, a folder over the file limit) is an input error naming it.
///
/// Folders are searched recursively for `*.yaml` / `*.yml`, leaving out hidden entries and
/// `--exclude` matches when `ScanOptions` say so (each noted as a `PrunedPath`); which of the files
/// found are descriptors is `DescriptorDiscovery`'s decision. Symbolic links to files are followed.
/// Symbolic links to folders are followed once: each real folder (device and inode) is scanned at
/// most once per path given, and a link leading to a folder already scanned (a loop, or a second
/// way to the same folder) is an error instead of a second scan. A folder whose name ends in
/// `.yaml` is a folder, and is searched. Entries that are not regular files but carry a YAML name
/// (named pipes, devices) are passed on, and reading refuses them without opening them.
public enum InputPaths {
    /// Most files one run reads from folders; a folder that would pass it is refused whole. Reports
    /// stream, so a fleet costs no memory per file but its path; the cap keeps a mistaken root
    /// (`check /`) from walking a whole disk.
    public static let maxFiles = 1_000_000

    /// Every YAML file under the paths (hidden ones included), each named file, or `-`; for callers
    /// that read every YAML file as a descriptor.
    public static func expand(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        let scanned = scan(paths, options: ScanOptions(includeHidden: true))
        var files: [String] = []
        var errors = scanned.errors
        for input in scanned.inputs {
            switch input {
            case .named(let p): files.append(p)
            case .folder(let root, let found, _):
                if found.isEmpty {
                    errors.append(noYAMLFiles(root, pruned: 0))
                } else {
                    files.append(contentsOf: found)
                }
            }
        }
        return (files, errors)
    }

    /// What to leave out of folder searches: hidden entries (unless asked for) and `--exclude` patterns.
    public struct ScanOptions: Sendable {
        public var excludes: [PathGlob]
        /// Searches folders and files whose name starts with `.` (`.git`, `.github`, `.build`…) too.
        public var includeHidden: Bool

        public init(excludes: [PathGlob] = [], includeHidden: Bool = false) {
            self.excludes = excludes
            self.includeHidden = includeHidden
        }
    }

    /// A folder or YAML file a search did not enter or read, and why; listed by `check --verbose`.
    public struct PrunedPath: Sendable, Hashable {
        public enum Reason: Sendable, Hashable {
            case hidden
            /// The `--exclude` pattern that matched.
            case excluded(String)
        }

        public let path: String
        public let isFolder: Bool
        public let reason: Reason
    }

    /// One path given: a file (or `-`) to read as it is, or a folder with the YAML files found in
    /// it (sorted) and how many paths under it were left out.
    public enum Input: Sendable {
        case named(String)
        case folder(root: String, files: [String], pruned: Int)
    }

    /// Expands the paths given, keeping each folder's files together so that callers can tell
    /// which were named and which were found.
    public static func scan(_ paths: [String], options: ScanOptions) -> (inputs: [Input], errors: [InputError], pruned: [PrunedPath]) {
        var inputs: [Input] = []
        var errors: [InputError] = []
        var pruned: [PrunedPath] = []
        var found = 0
        var sawStdin = false
        func fail(_ path: String, _ code: String, _ message: String, _ help: String, zh: Diagnostic.Translation? = nil) {
            errors.append(InputError(file: DisplayText.escaped(path), document: nil, diagnostics: [DiagnosticRecord(
                Diagnostic(.error, code, message, at: nil, path: path, help: help, zh: zh))]))
        }
        for p in paths {
            // Standard input is read once, however often '-' is given.
            if p == "-" {
                if !sawStdin { inputs.append(.named(p)) }
                sawStdin = true
                continue
            }
            if DisplayText.needsEscaping(p) {
                fail(p, "io.bad-name", "the path contains a control character; it was not read", "rename the file or folder")
                continue
            }
            var lst = stat()
            guard lstat(p, &lst) == 0 else {
                let code = errno
                if code == ENOENT || code == ENOTDIR { fail(p, "io.not-found", "no such file or folder", "check the path", zh: .init("没有这个文件或文件夹", help: "请检查路径")) }
                else { fail(p, "io.unreadable", "cannot read this path: \(String(cString: strerror(code)))", "check the path and its permissions") }
                continue
            }
            var st = lst
            if lst.st_mode & S_IFMT == S_IFLNK {
                guard stat(p, &st) == 0 else {
                    let (code, message, help) = linkError(p, errno)
                    fail(p, code, message, help)
                    continue
                }
            }
            guard st.st_mode & S_IFMT == S_IFDIR else {
                inputs.append(.named(p))
                found += 1
                continue
            }
            var scan = Scan(root: p, budget: maxFiles - found, options: options)
            scan.run(rootStat: st)
            errors.append(contentsOf: scan.errors)
            pruned.append(contentsOf: scan.pruned)
            if scan.overflow {
                fail(p, "io.too-many-files",
                     "this folder holds more than \(scan.budget) .yaml/.yml files (the limit of one run is \(maxFiles)); none of them were checked",
                     "check its subfolders in separate runs")
            } else if !scan.found.isEmpty || scan.errors.isEmpty {
                found += scan.found.count
                inputs.append(.folder(root: p, files: scan.found.sorted(), pruned: scan.pruned.count))
            }
        }
        return (inputs, errors, pruned)
    }

    /// The error for a folder search that found no YAML file at all.
    public static func noYAMLFiles(_ root: String, pruned: Int) -> InputError {
        let left = pruned == 0 ? "" : "; \(pruned) hidden or excluded path\(pruned == 1 ? " was" : "s were") not searched"
        let leftZh = pruned == 0 ? "" : "；有 \(pruned) 个隐藏或被排除的路径未搜索"
        return InputError(file: DisplayText.escaped(root), document: nil, diagnostics: [DiagnosticRecord(
            Diagnostic(.error, "io.no-descriptors", "no .yaml or .yml files in this folder" + left, at: nil, path: root,
                       help: pruned == 0 ? "check the path" : "check the path; --verbose lists what was left out, --include-hidden searches hidden folders",
                       zh: .init("该文件夹中没有 .yaml 或 .yml 文件" + leftZh,
                                 help: pruned == 0 ? "请检查路径" : "请检查路径；--verbose 列出未搜索的路径，--include-hidden 搜索隐藏文件夹")))])
    }

    static func isYAML(_ name: String) -> Bool {
        let ext = (name as NSString).pathExtension.lowercased()
        return ext == "yaml" || ext == "yml"
    }

    /// The error for a symbolic link whose target cannot be reached.
    static func linkError(_ path: String, _ code: Int32) -> (String, String, String) {
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)).map { DisplayText.quoted($0) } ?? "its target"
        switch code {
        case ENOENT, ENOTDIR:
            return ("io.not-found", "this is a symbolic link to \(target), which does not exist; it was not read", "fix or remove the link")
        case ELOOP:
            return ("io.symlink-loop", "symbolic links loop here; the path leads nowhere and was not read", "fix the links so that they end at a file or folder")
        default:
            return ("io.unreadable", "cannot follow this symbolic link: \(String(cString: strerror(code)))", "check the link and its permissions")
        }
    }

    /// One folder search: iterative (no recursion however deep the tree), sorted, bounded.
    struct Scan {
        struct Key: Hashable { let dev: UInt64; let ino: UInt64 }

        let root: String
        let budget: Int
        let options: ScanOptions
        var found: [String] = []
        var errors: [InputError] = []
        var pruned: [PrunedPath] = []
        var overflow = false
        var visited: [Key: String] = [:]

        init(root: String, budget: Int, options: ScanOptions = ScanOptions(includeHidden: true)) {
            self.root = root
            self.budget = max(0, budget)
            self.options = options
        }

        /// True (and noted) when a hidden entry or an `--exclude` pattern keeps `name` out of the search.
        mutating func leftOut(_ full: String, _ rel: String, _ name: String, isFolder: Bool) -> Bool {
            if !options.includeHidden && name.hasPrefix(".") {
                pruned.append(PrunedPath(path: full, isFolder: isFolder, reason: .hidden))
                return true
            }
            if let g = options.excludes.first(where: { $0.matches(rel, isFolder: isFolder) }) {
                pruned.append(PrunedPath(path: full, isFolder: isFolder, reason: .excluded(g.pattern)))
                return true
            }
            return false
        }

        mutating func fail(_ path: String, _ code: String, _ message: String, _ help: String) {
            errors.append(InputError(file: DisplayText.escaped(path), document: nil, diagnostics: [DiagnosticRecord(
                Diagnostic(.error, code, message, at: nil, path: path, help: help))]))
        }

        static func key(_ st: stat) -> Key { Key(dev: UInt64(st.st_dev), ino: UInt64(st.st_ino)) }

        mutating func run(rootStat: stat) {
            visited[Scan.key(rootStat)] = root
            // Each folder with its path relative to the root, which `--exclude` patterns match.
            var stack = [(root, "")]
            while let (dir, relDir) = stack.popLast() {
                guard let names = list(dir) else { continue }
                // Pushed in reverse so that folders are searched in name order (the final list is sorted anyway).
                var subfolders: [(String, String)] = []
                for name in names {
                    let full = (dir as NSString).appendingPathComponent(name)
                    let rel = relDir.isEmpty ? name : relDir + "/" + name
                    if !options.includeHidden && name.hasPrefix(".") {
                        // Not followed or read: only noted, when it is a folder or a YAML file.
                        var hst = stat()
                        let isFolder = lstat(full, &hst) == 0 && hst.st_mode & S_IFMT == S_IFDIR
                        if isFolder || InputPaths.isYAML(name) { _ = leftOut(full, rel, name, isFolder: isFolder) }
                        continue
                    }
                    var lst = stat()
                    guard lstat(full, &lst) == 0 else {
                        fail(full, "io.unreadable", "cannot read this entry: \(String(cString: strerror(errno)))", "check the folder's permissions")
                        continue
                    }
                    var st = lst
                    let isLink = lst.st_mode & S_IFMT == S_IFLNK
                    if isLink {
                        guard stat(full, &st) == 0 else {
                            let (code, message, help) = InputPaths.linkError(full, errno)
                            fail(full, code, message, help)
                            continue
                        }
                    }
                    let isDir = st.st_mode & S_IFMT == S_IFDIR
                    guard isDir || InputPaths.isYAML(name) else { continue }
                    if leftOut(full, rel, name, isFolder: isDir) { continue }
                    if DisplayText.needsEscaping(name) {
                        fail(full, "io.bad-name", "the name contains a control character; it was not read", "rename it")
                        continue
                    }
                    if isDir {
                        let k = Scan.key(st)
                        if let first = visited[k] {
                            fail(full, "io.symlink-loop",
                                 "this \(isLink ? "symbolic link leads" : "path leads") to a folder this scan already reads (as \(DisplayText.quoted(first))); it is not read twice",
                                 isLink ? "remove the link, or check the folder it points to on its own" : "check the folder once")
                            continue
                        }
                        visited[k] = full
                        subfolders.append((full, rel))
                    } else {
                        found.append(full)
                        if found.count > budget {
                            overflow = true
                            found = []
                            return
                        }
                    }
                }
                stack.append(contentsOf: subfolders.reversed())
            }
        }

        /// The entry names of a folder, sorted, or nil (and an error) when it cannot be read.
        mutating func list(_ dir: String) -> [String]? {
            guard let d = opendir(dir) else {
                let code = errno
                let why = code == EACCES || code == EPERM ? "permission denied" : String(cString: strerror(code))
                fail(dir, "io.unreadable", "cannot read this folder: \(why); the files in it were not checked",
                     "make the folder readable by the user running govcheck, or leave it out of the paths checked")
                return nil
            }
            defer { closedir(d) }
            var names: [String] = []
            while let e = readdir(d) {
                let name = withUnsafePointer(to: e.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                names.append(name)
            }
            return names.sorted()
        }
    }
}
