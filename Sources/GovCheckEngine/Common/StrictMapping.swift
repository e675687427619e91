import YAMLTree

/// The located problems of a govcheck file that could not be used (config, findings baseline).
public struct FileProblems: Error, Sendable {
    public let diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

/// Reads one mapping of a govcheck file (config, findings baseline) strictly: unknown keys with a
/// "did you mean", wrong types and missing keys are located errors under the file's own code
/// prefix (`config.`, `baseline.`), all collected in one pass.
struct StrictMapping {
    let node: Node
    let pairs: [Pair]
    let prefix: String
    let sink: DiagnosticSink

    init?(_ node: Node, _ what: String, prefix: String, sink: DiagnosticSink) {
        guard let pairs = node.mapping else {
            sink.error("\(prefix).type", "\(what) must be a mapping, found \(node.kindDescription)", at: node.span)
            return nil
        }
        self.node = node
        self.pairs = pairs
        self.prefix = prefix
        self.sink = sink
    }

    subscript(key: String) -> Node? { node[key] }

    /// Reports keys outside `allowed`, suggesting the closest (also for `fail-on` written for `failOn`).
    func checkKeys(_ allowed: [String], in what: String) {
        for p in pairs where !allowed.contains(p.key) {
            let camel = StrictMapping.camelCase(p.key)
            let hint = allowed.contains(camel) ? "did you mean '\(camel)'?" : Suggest.help(p.key, allowed)
            sink.error("\(prefix).unknown-key", "unknown key \(DisplayText.quoted(p.key)) in \(what)", at: p.keySpan,
                       help: (hint.map { $0 + " " } ?? "") + "keys: \(allowed.joined(separator: ", "))")
        }
    }

    /// `fail-on` and `fail_on` as `failOn`.
    static func camelCase(_ key: String) -> String {
        var out = ""
        var upper = false
        for c in key {
            if c == "-" || c == "_" { upper = true; continue }
            out += upper ? c.uppercased() : String(c)
            upper = false
        }
        return out
    }

    func required(_ key: String, in what: String) -> Node? {
        if let n = node[key] { return n }
        sink.error("\(prefix).missing-key", "\(what) is missing '\(key)'", at: node.span)
        return nil
    }

    func string(_ n: Node, _ what: String) -> String? {
        if let s = n.scalar, s.value != .null {
            if case .string(let v) = s.value { return v }
            // A bare number or date (`asOf: 2026-12-01` is typed as a string already) reads as its text.
            if case .number = s.value { return s.text }
        }
        sink.error("\(prefix).type", "\(what) must be a string, found \(n.kindDescription)", at: n.span)
        return nil
    }

    func strings(_ n: Node, _ what: String) -> [String]? {
        guard let items = n.sequence else {
            sink.error("\(prefix).type", "\(what) must be a list, found \(n.kindDescription)", at: n.span,
                       help: "write a list, e.g. [\(n.scalar?.text ?? "…")]")
            return nil
        }
        let out = items.compactMap { string($0, "an item of \(what)") }
        return out.count == items.count ? out : nil
    }

    func bool(_ n: Node, _ what: String) -> Bool? {
        guard case .bool(let b)? = n.scalar?.value else {
            sink.error("\(prefix).type", "\(what) must be true or false, found \(n.kindDescription)", at: n.span)
            return nil
        }
        return b
    }

    func int(_ n: Node, _ what: String) -> Int? {
        guard let s = n.scalar, case .number = s.value, let v = Int(s.text) else {
            sink.error("\(prefix).type", "\(what) must be a whole number, found \(n.kindDescription)", at: n.span)
            return nil
        }
        return v
    }

    /// Checks `govcheck: 1` and `kind`, the envelope of every govcheck file other than descriptors.
    func envelope(kind: String, what: String) -> Bool {
        var ok = true
        if let v = required("govcheck", in: what) {
            if v.scalar?.text != "1" {
                sink.error("\(prefix).version", "unsupported format version \(v.scalar.map { DisplayText.quoted($0.text) } ?? v.kindDescription)",
                           at: v.span, help: "this govcheck reads 'govcheck: 1'")
                ok = false
            }
        } else { ok = false }
        if let k = required("kind", in: what) {
            if k.scalar?.text != kind {
                sink.error("\(prefix).kind", "this is not a \(kind): 'kind' is \(k.scalar.map { DisplayText.quoted($0.text) } ?? k.kindDescription)",
                           at: k.span, help: "a \(what) has 'kind: \(kind)'")
                ok = false
            }
        } else { ok = false }
        return ok
    }
}
