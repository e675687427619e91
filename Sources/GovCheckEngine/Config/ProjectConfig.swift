import Foundation
import YAMLTree

/// A repository's defaults for `govcheck check`, from `.govcheck.yaml` (envelope `govcheck: 1`,
/// `kind: Config`), so that CI and people run the same check without repeating flags. Every value
/// keeps where it was written, so errors and `--print-config` can name its line. Paths in the file
/// are relative to the folder that holds it.
public struct ProjectConfig: Sendable {
    /// A value with the place it was written.
    public struct Setting<Value: Sendable>: Sendable {
        public let value: Value
        public let line: Int
        public let column: Int
    }

    /// A report written to a file: `output: {sarif: govcheck.sarif}`.
    public struct Output: Sendable, Hashable {
        public let format: String
        public let file: String
    }

    public static let fileName = ".govcheck.yaml"
    public static let kind = "Config"
    /// The keys a config may hold, in the order docs/configuration.md documents them.
    public static let keys = ["govcheck", "kind", "paths", "exclude", "includeHidden", "failOn", "packs", "rules", "baseline",
                              "waivers", "output", "asOf", "lang"]

    /// The file, as it is displayed (relative to the working directory when it is under it or above it).
    public let path: String
    /// The folder paths in the file are relative to, as a prefix to join ("" for the working directory).
    public let base: String
    public var paths: Setting<[String]>?
    public var exclude: Setting<[String]>?
    public var includeHidden: Setting<Bool>?
    public var failOn: Setting<String>?
    public var packs: Setting<[String]>?
    public var rules: Setting<[String]>?
    public var baseline: Setting<String>?
    /// The waivers file (`kind: Waivers`), like `--waivers`.
    public var waivers: Setting<String>?
    public var output: Setting<[Output]>?
    public var asOf: Setting<Day>?
    public var lang: Setting<Language>?

    /// The source line text of a setting, for errors the frontend finds later (an unknown pack).
    let file: SourceFile?

    /// A path written in the file, as the run uses it: relative to the file's folder.
    public func resolve(_ p: String) -> String {
        if base.isEmpty || p.hasPrefix("/") || p == "-" { return p }
        return p == "." ? base : (base as NSString).appendingPathComponent(p)
    }

    /// A located error about a setting's value (for checks that need loaded packs, like pack ids).
    public func diagnostic(line: Int, column: Int, _ message: String, help: String?) -> Diagnostic {
        let mark = Mark(line: line, column: column)
        let span = file.map { SourceSpan(file: $0, start: mark, end: mark) }
        return Diagnostic(.error, "config.value", message, at: span, path: path, help: help)
    }

    // MARK: Finding the file

    /// Where the search for a config went: the file found, or the folder where it stopped.
    public struct Search: Sendable {
        /// The config file, displayed relative to the working directory.
        public let found: String?
        /// The folder whose `.git` ended the search (the repository root), or nil at the filesystem root.
        public let stoppedAt: String?
    }

    /// Looks for `.govcheck.yaml` in `directory` and each folder above it, stopping after the
    /// repository root (the first folder that holds `.git`, a folder or a worktree's file) or at the
    /// filesystem root, as SwiftLint and Semgrep do: a checkout never picks up a file from outside it.
    public static func find(from directory: String) -> Search {
        var dir = URL(fileURLWithPath: directory).standardizedFileURL.path
        var up = 0
        let fm = FileManager.default
        while true {
            let candidate = (dir as NSString).appendingPathComponent(fileName)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDir) {
                let shown = up == 0 ? fileName : Array(repeating: "..", count: up).joined(separator: "/") + "/" + fileName
                return Search(found: shown, stoppedAt: nil)
            }
            if fm.fileExists(atPath: (dir as NSString).appendingPathComponent(".git")) { return Search(found: nil, stoppedAt: dir) }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || dir == "/" { return Search(found: nil, stoppedAt: nil) }
            dir = parent
            up += 1
        }
    }

    // MARK: Reading

    /// Reads a config strictly: unknown keys (with a did-you-mean), wrong types, unknown formats,
    /// languages and dates are located errors, all reported at once.
    public static func read(path: String, formats: [String]) -> Result<ProjectConfig, FileProblems> {
        let docs: [YAMLDocument]
        do {
            docs = try YAMLReader.read(path: path)
        } catch {
            return .failure(FileProblems([Diagnostic(error)]))
        }
        let sink = DiagnosticSink()
        let what = "a govcheck config"
        if docs.count > 1 {
            sink.error("config.documents", "a config is one YAML document; this file holds \(docs.count)", at: docs[1].root.span,
                       help: "remove the '---' and what follows, or merge the documents")
        }
        let root = docs[0].root
        guard let m = StrictMapping(root, what, prefix: "config", sink: sink) else { return .failure(FileProblems(sink.items)) }
        m.checkKeys(keys, in: what)
        guard m.envelope(kind: kind, what: what) else { return .failure(FileProblems(sink.items)) }
        let dir = (path as NSString).deletingLastPathComponent
        var c = ProjectConfig(path: path, base: dir == "." ? "" : dir, file: root.span.file)
        func at<V>(_ n: Node, _ v: V?) -> Setting<V>? { v.map { Setting(value: $0, line: n.span.start.line, column: n.span.start.column) } }
        func nonEmpty(_ n: Node, _ key: String, _ list: [String]?) -> [String]? {
            guard let list else { return nil }
            for (i, s) in list.enumerated() where s.isEmpty {
                sink.error("config.value", "item \(i + 1) of '\(key)' is empty", at: n.sequence?[i].span ?? n.span)
                return nil
            }
            return list
        }
        if let n = m["paths"] { c.paths = at(n, nonEmpty(n, "paths", m.strings(n, "'paths'"))) }
        if let n = m["exclude"] {
            let list = nonEmpty(n, "exclude", m.strings(n, "'exclude'"))
            for (i, g) in (list ?? []).enumerated() {
                do throws(PathGlob.Problem) { _ = try PathGlob(g) } catch {
                    sink.error("config.value", error.message, at: n.sequence?[i].span ?? n.span)
                }
            }
            c.exclude = at(n, list)
        }
        if let n = m["includeHidden"] { c.includeHidden = at(n, m.bool(n, "'includeHidden'")) }
        if let n = m["failOn"] {
            // A string of comma-separated terms, or a list of terms.
            let terms = n.sequence != nil ? m.strings(n, "'failOn'")?.joined(separator: ",") : m.string(n, "'failOn'")
            c.failOn = at(n, terms)
        }
        if let n = m["packs"] { c.packs = at(n, nonEmpty(n, "packs", m.strings(n, "'packs'"))) }
        if let n = m["rules"] { c.rules = at(n, nonEmpty(n, "rules", m.strings(n, "'rules'"))) }
        if let n = m["baseline"], let s = m.string(n, "'baseline'") {
            if s.isEmpty { sink.error("config.value", "'baseline' is empty", at: n.span, help: "name the findings baseline file, or remove the key") }
            else { c.baseline = at(n, s) }
        }
        if let n = m["waivers"], let s = m.string(n, "'waivers'") {
            if s.isEmpty { sink.error("config.value", "'waivers' is empty", at: n.span, help: "name the waivers file (kind: Waivers), or remove the key") }
            else { c.waivers = at(n, s) }
        }
        if let n = m["output"] {
            if let pairs = n.mapping {
                var outs: [Output] = []
                for p in pairs {
                    guard formats.contains(p.key) else {
                        sink.error("config.value", "unknown report format \(DisplayText.quoted(p.key)) in 'output'", at: p.keySpan,
                                   help: (Suggest.help(p.key, formats).map { $0 + " " } ?? "") + "formats: \(formats.joined(separator: ", "))")
                        continue
                    }
                    if let f = m.string(p.value, "the file of '\(p.key)'") {
                        if f.isEmpty { sink.error("config.value", "the file of '\(p.key)' is empty", at: p.value.span) }
                        else { outs.append(Output(format: p.key, file: f)) }
                    }
                }
                c.output = at(n, outs)
            } else {
                sink.error("config.type", "'output' must be a mapping of format to file, found \(n.kindDescription)", at: n.span,
                           help: "write e.g. output: {sarif: govcheck.sarif, json: govcheck.json}")
            }
        }
        if let n = m["asOf"] {
            if let s = n.scalar?.text, let d = Day(s) {
                c.asOf = at(n, d)
            } else {
                let why = n.scalar.flatMap { Day.problem($0.text) }.map { ": \($0)" } ?? ""
                sink.error("config.value", "'asOf' must be a date as YYYY-MM-DD, found \(n.scalar.map { DisplayText.quoted($0.text) } ?? n.kindDescription)\(why)",
                           at: n.span, help: "remove the key to evaluate as of today")
            }
        }
        if let n = m["lang"], let s = m.string(n, "'lang'") {
            if let l = Language(rawValue: s) { c.lang = at(n, l) }
            else {
                let all = Language.allCases.map(\.rawValue)
                sink.error("config.value", "unknown language \(DisplayText.quoted(s))", at: n.span,
                           help: (Suggest.help(s, all).map { $0 + " " } ?? "") + "languages: \(all.joined(separator: ", "))")
            }
        }
        if sink.hasErrors { return .failure(FileProblems(sink.items.sorted())) }
        return .success(c)
    }

    init(path: String, base: String, file: SourceFile?) {
        self.path = path
        self.base = base
        self.file = file
    }
}
