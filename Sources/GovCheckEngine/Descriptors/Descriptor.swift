import Foundation
import YAMLTree

/// One deployment descriptor, typed against the loaded vocabularies: the facts it states, where it
/// states them, and what was wrong with it.
public struct Descriptor: Sendable {
    /// `metadata.name`, used to name the descriptor in reports.
    public let name: String
    public let path: String
    /// 1-based index of the YAML document within its file.
    public let document: Int
    public let span: SourceSpan
    /// Stated leaf facts by dotted path (null values count as not stated).
    public let values: [String: FactValue]
    /// Where each stated fact (and each stated mapping) is.
    public let spans: [String: SourceSpan]
    /// Warnings (unknown fields) and errors (type mismatches, bad envelope).
    public let diagnostics: [Diagnostic]
    /// `metadata.jurisdictions`: when set, only packs of these jurisdictions evaluate the descriptor.
    public let jurisdictions: [String]?
    /// Where each entry of `jurisdictions` is written, for errors about it.
    public let jurisdictionSpans: [SourceSpan]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The envelope keys that are not facts.
    static let envelopeKeys: Set<String> = ["apiVersion", "kind", "metadata"]
    static let metadataKeys = ["name", "jurisdictions", "description", "owner", "labels"]
    public static let apiVersion = "govcheck/v1"
    public static let kind = "Deployment"
    /// Unknown fields listed one by one per descriptor; the rest are counted in one last warning,
    /// so a file of 100,000 unknown keys gives a short report in bounded time.
    public static let maxUnknownFieldWarnings = 20

    /// Reads one YAML document as a descriptor; never throws, problems become diagnostics.
    public init(document doc: YAMLDocument, path: String, vocabulary: Vocabulary) {
        var diags: [Diagnostic] = []
        var values: [String: FactValue] = [:]
        var spans: [String: SourceSpan] = [:]
        var name = "\(path)#\(doc.index)"
        self.path = path
        self.document = doc.index
        self.span = doc.root.span
        guard let pairs = doc.root.mapping else {
            diags.append(Diagnostic(.error, "descriptor.not-a-mapping",
                                    "a descriptor must be a mapping, found \(doc.root.kindDescription)", at: doc.root.span,
                                    help: "start the document with 'apiVersion: \(Descriptor.apiVersion)'",
                                    zh: .init("描述文件必须是映射，实际为\(DiagnosticChinese.kind(doc.root))",
                                              help: "以 'apiVersion: \(Descriptor.apiVersion)' 开始该文档")))
            self.name = name
            self.values = [:]
            self.spans = [:]
            self.diagnostics = diags
            self.jurisdictions = nil
            self.jurisdictionSpans = []
            return
        }
        let root = doc.root
        func shown(_ n: Node) -> String { n.scalar.map { DisplayText.quoted($0.text) } ?? n.kindDescription }
        func shownZh(_ n: Node) -> String { n.scalar.map { DisplayText.quoted($0.text) } ?? DiagnosticChinese.kind(n) }
        if let v = root["apiVersion"] {
            if v.scalar?.text != Descriptor.apiVersion {
                diags.append(Diagnostic(.error, "descriptor.api-version",
                                        "unsupported apiVersion \(shown(v))", at: v.span,
                                        help: "this govcheck reads 'apiVersion: \(Descriptor.apiVersion)'",
                                        zh: .init("不支持的 apiVersion \(shownZh(v))", help: "本版 govcheck 读取 'apiVersion: \(Descriptor.apiVersion)'")))
            }
        } else {
            diags.append(Diagnostic(.error, "descriptor.missing-api-version", "missing 'apiVersion'", at: root.span,
                                    help: "add 'apiVersion: \(Descriptor.apiVersion)' at the top",
                                    zh: .init("缺少 'apiVersion'", help: "在文件开头加上 'apiVersion: \(Descriptor.apiVersion)'")))
        }
        if let k = root["kind"] {
            if k.scalar?.text != Descriptor.kind {
                diags.append(Diagnostic(.error, "descriptor.kind", "unsupported kind \(shown(k))",
                                        at: k.span, help: "a descriptor has 'kind: \(Descriptor.kind)'",
                                        zh: .init("不支持的 kind \(shownZh(k))", help: "描述文件写作 'kind: \(Descriptor.kind)'")))
            }
        } else {
            diags.append(Diagnostic(.error, "descriptor.missing-kind", "missing 'kind'", at: root.span,
                                    help: "add 'kind: \(Descriptor.kind)'",
                                    zh: .init("缺少 'kind'", help: "加上 'kind: \(Descriptor.kind)'")))
        }
        if let m = root["metadata"], let n = m["name"]?.scalar, case .string(let s) = n.value, !s.isEmpty {
            // Reports print the name: control characters in it become visible escapes.
            name = DisplayText.escaped(s)
        } else {
            diags.append(Diagnostic(.error, "descriptor.missing-name", "missing 'metadata.name'",
                                    at: root["metadata"]?.span ?? root.span,
                                    help: "add 'metadata: {name: <a short name for this deployment>}'",
                                    zh: .init("缺少 'metadata.name'", help: "加上 'metadata: {name: <该部署的简称>}'")))
        }
        self.name = name
        /// Unknown fields, collected first and reported in source order up to the cap.
        var unknown: [(path: String, span: SourceSpan, metadata: Bool)] = []
        var jurisdictions: [String]?
        var jurisdictionSpans: [SourceSpan] = []
        if let m = root["metadata"] {
            for p in m.mapping ?? [] where !Descriptor.metadataKeys.contains(p.key) {
                unknown.append((p.key, p.keySpan, true))
            }
            if let j = m["jurisdictions"] {
                if let items = j.sequence, items.allSatisfy({ if case .string? = $0.scalar?.value { return true }; return false }) {
                    jurisdictions = items.compactMap { $0.scalar.map { DisplayText.escaped($0.text) } }
                    jurisdictionSpans = items.map(\.span)
                } else {
                    diags.append(Diagnostic(.error, "descriptor.type-mismatch", "'metadata.jurisdictions' must be a list of strings such as [EU, CN]",
                                            at: j.span, zh: .init("'metadata.jurisdictions' 必须是字符串列表，例如 [EU, CN]")))
                }
            }
        }
        self.jurisdictions = jurisdictions
        self.jurisdictionSpans = jurisdictionSpans

        // Facts: every other top-level key, with dotted keys merged into the same paths.
        var facts: [Pair] = []
        for pair in pairs where !Descriptor.envelopeKeys.contains(pair.key) {
            let first = FactKeys.segments(pair.key)[0]
            if Descriptor.envelopeKeys.contains(first) {
                diags.append(Diagnostic(.error, "descriptor.dotted-envelope",
                                        "\(DisplayText.quoted(pair.key)): the envelope (\(Descriptor.envelopeKeys.sorted().joined(separator: ", "))) is not written with dotted keys",
                                        at: pair.keySpan, help: "write it nested, e.g. 'metadata: {name: …}'"))
                continue
            }
            facts.append(pair)
        }
        var merger = FactKeys()
        facts = merger.merge(facts, span: root.span)
        diags.append(contentsOf: merger.diagnostics)

        func walk(_ pairs: [Pair], prefix: String) {
            for pair in pairs {
                let path = prefix.isEmpty ? pair.key : prefix + "." + pair.key
                if case .scalar(let s) = pair.value.content, s.value == .null { continue }
                if let decl = vocabulary[path] {
                    switch FactValue.from(pair.value, as: decl.type) {
                    case .success(let v):
                        values[path] = v
                        spans[path] = pair.value.span
                        if case .object = decl.type, let children = pair.value.mapping {
                            walk(children, prefix: path)
                        }
                    case .failure(let m):
                        diags.append(Diagnostic(.error, "descriptor.type-mismatch", "'\(path)': \(m.message)",
                                                at: m.span ?? pair.value.span, help: m.help,
                                                zh: m.zhMessage.map { .init("'\(path)'：\($0)", help: m.zhHelp) }))
                    }
                } else if vocabulary.prefixes.contains(path) {
                    if let children = pair.value.mapping {
                        spans[path] = pair.value.span
                        walk(children, prefix: path)
                    } else {
                        diags.append(Diagnostic(.error, "descriptor.type-mismatch",
                                                "'\(path)': expected a mapping, found \(pair.value.kindDescription)",
                                                at: pair.value.span,
                                                help: "it holds facts such as '\(Descriptor.childExample(of: path, in: vocabulary))'",
                                                zh: .init("'\(path)'：应为映射，实际为\(DiagnosticChinese.kind(pair.value))",
                                                          help: "其下是 '\(Descriptor.childExample(of: path, in: vocabulary))' 这样的事实")))
                    }
                } else {
                    unknown.append((path, pair.keySpan, false))
                }
            }
        }
        walk(facts, prefix: "")

        unknown.sort { $0.span < $1.span }
        for u in unknown.prefix(Descriptor.maxUnknownFieldWarnings) {
            if u.metadata {
                let near = Suggest.closest(to: u.path, in: Descriptor.metadataKeys)
                diags.append(Diagnostic(.warning, "descriptor.unknown-field", "unknown metadata field \(DisplayText.quoted(u.path))", at: u.span,
                                        help: near.map { "did you mean '\($0)'?" }
                                            ?? "metadata takes \(Descriptor.metadataKeys.joined(separator: ", "))",
                                        zh: .init("未知的 metadata 字段 \(DisplayText.quoted(u.path))",
                                                  help: near.map(DiagnosticChinese.didYouMean)
                                                      ?? "metadata 可写的字段：\(Descriptor.metadataKeys.joined(separator: ", "))")))
            } else {
                let near = vocabulary.pathSuggestions.closest(to: u.path)
                diags.append(Diagnostic(.warning, "descriptor.unknown-field", "unknown field \(DisplayText.quoted(u.path))", at: u.span,
                                        help: near.map { "did you mean '\($0)'?" }
                                            ?? "no loaded rule pack reads it; check the spelling or remove it",
                                        zh: .init("未知字段 \(DisplayText.quoted(u.path))",
                                                  help: near.map(DiagnosticChinese.didYouMean)
                                                      ?? "已加载的规则包都不读取该字段；请检查拼写或删除它")))
            }
        }
        if unknown.count > Descriptor.maxUnknownFieldWarnings {
            let rest = unknown.count - Descriptor.maxUnknownFieldWarnings
            diags.append(Diagnostic(.warning, "descriptor.unknown-field",
                                    "and \(rest) more unknown field\(rest == 1 ? "" : "s") from here on, not listed one by one",
                                    at: unknown[Descriptor.maxUnknownFieldWarnings].span,
                                    help: "no loaded rule pack reads them; fix or remove the fields above and run again",
                                    zh: .init("此处起另有 \(rest) 个未知字段，未逐一列出",
                                              help: "已加载的规则包都不读取这些字段；请修正或删除上面的字段后再运行")))
        }
        self.values = values
        self.spans = spans
        self.diagnostics = diags.sorted()
    }

    static func childExample(of prefix: String, in vocabulary: Vocabulary) -> String {
        vocabulary.sortedPaths.first { $0.hasPrefix(prefix + ".") } ?? prefix
    }

    /// True when the descriptor states the fact (or, for an object, the mapping).
    func states(_ path: String) -> Bool { values[path] != nil || spans[path] != nil }
}
