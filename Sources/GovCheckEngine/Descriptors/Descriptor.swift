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
                                    help: "start the document with 'apiVersion: \(Descriptor.apiVersion)'"))
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
        if let v = root["apiVersion"] {
            if v.scalar?.text != Descriptor.apiVersion {
                diags.append(Diagnostic(.error, "descriptor.api-version",
                                        "unsupported apiVersion \(shown(v))", at: v.span,
                                        help: "this govcheck reads 'apiVersion: \(Descriptor.apiVersion)'"))
            }
        } else {
            diags.append(Diagnostic(.error, "descriptor.missing-api-version", "missing 'apiVersion'", at: root.span,
                                    help: "add 'apiVersion: \(Descriptor.apiVersion)' at the top"))
        }
        if let k = root["kind"] {
            if k.scalar?.text != Descriptor.kind {
                diags.append(Diagnostic(.error, "descriptor.kind", "unsupported kind \(shown(k))",
                                        at: k.span, help: "a descriptor has 'kind: \(Descriptor.kind)'"))
            }
        } else {
            diags.append(Diagnostic(.error, "descriptor.missing-kind", "missing 'kind'", at: root.span,
                                    help: "add 'kind: \(Descriptor.kind)'"))
        }
        if let m = root["metadata"], let n = m["name"]?.scalar, case .string(let s) = n.value, !s.isEmpty {
            // Reports print the name: control characters in it become visible escapes.
            name = DisplayText.escaped(s)
        } else {
            diags.append(Diagnostic(.error, "descriptor.missing-name", "missing 'metadata.name'",
                                    at: root["metadata"]?.span ?? root.span,
                                    help: "add 'metadata: {name: <a short name for this deployment>}'"))
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
                                            at: j.span))
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
                                                at: m.span ?? pair.value.span, help: m.help))
                    }
                } else if vocabulary.prefixes.contains(path) {
                    if let children = pair.value.mapping {
                        spans[path] = pair.value.span
                        walk(children, prefix: path)
                    } else {
                        diags.append(Diagnostic(.error, "descriptor.type-mismatch",
                                                "'\(path)': expected a mapping, found \(pair.value.kindDescription)",
                                                at: pair.value.span,
                                                help: "it holds facts such as '\(Descriptor.childExample(of: path, in: vocabulary))'"))
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
                diags.append(Diagnostic(.warning, "descriptor.unknown-field", "unknown metadata field \(DisplayText.quoted(u.path))", at: u.span,
                                        help: Suggest.help(u.path, Descriptor.metadataKeys)
                                            ?? "metadata takes \(Descriptor.metadataKeys.joined(separator: ", "))"))
            } else {
                diags.append(Diagnostic(.warning, "descriptor.unknown-field", "unknown field \(DisplayText.quoted(u.path))", at: u.span,
                                        help: vocabulary.pathSuggestions.help(u.path)
                                            ?? "no loaded rule pack reads it; check the spelling or remove it"))
            }
        }
        if unknown.count > Descriptor.maxUnknownFieldWarnings {
            let rest = unknown.count - Descriptor.maxUnknownFieldWarnings
            diags.append(Diagnostic(.warning, "descriptor.unknown-field",
                                    "and \(rest) more unknown field\(rest == 1 ? "" : "s") from here on, not listed one by one",
                                    at: unknown[Descriptor.maxUnknownFieldWarnings].span,
                                    help: "no loaded rule pack reads them; fix or remove the fields above and run again"))
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
