import Foundation
import YAMLTree

/// Reads one YAML mapping of a pack, vocabulary or test file into typed fields, reporting wrong
/// types and unknown keys (with a "did you mean") to a sink instead of stopping at the first.
struct NodeReader {
    let node: Node
    let what: String
    let sink: DiagnosticSink
    let pairs: [Pair]

    /// Nil (and an error) when `node` is not a mapping.
    init?(_ node: Node, _ what: String, _ sink: DiagnosticSink) {
        guard let pairs = node.mapping else {
            sink.error("pack.expected-mapping", "\(what) must be a mapping, found \(node.kindDescription)", at: node.span)
            return nil
        }
        self.node = node
        self.what = what
        self.sink = sink
        self.pairs = pairs
    }

    subscript(key: String) -> Node? { node[key] }

    /// Reports keys outside `allowed`.
    func checkKeys(_ allowed: [String]) {
        for p in pairs where !allowed.contains(p.key) {
            sink.error("pack.unknown-key", "unknown key '\(p.key)' in \(what)", at: p.keySpan,
                       help: Suggest.help(p.key, allowed) ?? "allowed keys: \(allowed.joined(separator: ", "))")
        }
    }

    func required(_ key: String) -> Node? {
        if let n = node[key] { return n }
        sink.error("pack.missing-key", "\(what) is missing '\(key)'", at: node.span)
        return nil
    }

    func string(_ key: String, required req: Bool = true) -> String? {
        guard let n = req ? required(key) : node[key] else { return nil }
        return NodeReader.string(n, "'\(key)'", sink)
    }

    static func string(_ n: Node, _ what: String, _ sink: DiagnosticSink) -> String? {
        guard let s = n.scalar else {
            sink.error("pack.type", "\(what) must be a string, found \(n.kindDescription)", at: n.span)
            return nil
        }
        if case .string(let v) = s.value { return v }
        // Numbers written bare (`article: 5`) are accepted as their text.
        if case .number = s.value { return s.text }
        sink.error("pack.type", "\(what) must be a string, found \(n.kindDescription)", at: n.span,
                   help: "quote the value")
        return nil
    }

    func bool(_ key: String) -> Bool? {
        guard let n = node[key] else { return nil }
        guard case .bool(let b)? = n.scalar?.value else {
            sink.error("pack.type", "'\(key)' must be true or false, found \(n.kindDescription)", at: n.span)
            return nil
        }
        return b
    }

    func day(_ key: String, required req: Bool = true) -> Day? {
        guard let n = req ? required(key) : node[key] else { return nil }
        return NodeReader.day(n, "'\(key)'", sink)
    }

    static func day(_ n: Node, _ what: String, _ sink: DiagnosticSink) -> Day? {
        if let s = n.scalar, Day(s.text) == nil, let why = Day.problem(s.text) {
            sink.error("pack.date", "\(what): \(DisplayText.quoted(s.text)) is not a valid date: \(why)", at: n.span)
            return nil
        }
        guard let s = n.scalar, let d = Day(s.text) else {
            sink.error("pack.date", "\(what) must be a date as YYYY-MM-DD, found \(n.scalar.map { "'\($0.text)'" } ?? n.kindDescription)",
                       at: n.span)
            return nil
        }
        return d
    }

    func strings(_ key: String, required req: Bool = false) -> [String]? {
        guard let n = req ? required(key) : node[key] else { return nil }
        guard let items = n.sequence else {
            sink.error("pack.type", "'\(key)' must be a list, found \(n.kindDescription)", at: n.span)
            return nil
        }
        return items.compactMap { NodeReader.string($0, "an item of '\(key)'", sink) }
    }

    func text(_ key: String, required req: Bool = true, needsChinese: Bool = false) -> LocalizedText? {
        guard let n = req ? required(key) : node[key] else { return nil }
        return NodeReader.text(n, "'\(key)'", sink, needsChinese: needsChinese)
    }

    static func text(_ n: Node, _ what: String, _ sink: DiagnosticSink, needsChinese: Bool) -> LocalizedText? {
        guard let r = NodeReader(n, what, sink) else { return nil }
        r.checkKeys(["en", "zh"])
        guard let en = r.string("en") else { return nil }
        let zh = r.string("zh", required: needsChinese)
        return LocalizedText(en: en, zh: zh)
    }

    func list(_ key: String, required req: Bool = false) -> [Node]? {
        guard let n = req ? required(key) : node[key] else { return nil }
        guard let items = n.sequence else {
            sink.error("pack.type", "'\(key)' must be a list, found \(n.kindDescription)", at: n.span)
            return nil
        }
        return items
    }

    func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, required req: Bool = true) -> E?
    where E.RawValue == String {
        guard let n = req ? required(key) : node[key], let s = NodeReader.string(n, "'\(key)'", sink) else { return nil }
        if let v = E(rawValue: s) { return v }
        let all = E.allCases.map(\.rawValue)
        sink.error("pack.value", "'\(s)' is not a valid \(key)", at: n.span,
                   help: Suggest.help(s, all) ?? "one of: \(all.joined(separator: ", "))")
        return nil
    }
}

/// Checks that an id is lowercase kebab-case (letters, digits, dashes), so ids stay stable in URLs and SARIF.
func isKebabID(_ s: String) -> Bool {
    !s.isEmpty && s.first!.isLetter && s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
}
