import GovCheckEngine

/// The list of facts a descriptor can state: path, type, values, description, the question that
/// asks for it and the rules that read it, as text, JSON or Markdown (`govcheck facts`).
public enum FactCatalog {
    public enum Format: String, Sendable, CaseIterable { case text, json, markdown }

    /// One fact with what the catalog shows about it.
    public struct Entry: Sendable {
        public let fact: FactDeclaration
        public let question: Question?
        public let readers: [FactReader]

        public init(fact: FactDeclaration, question: Question?, readers: [FactReader]) {
            self.fact = fact
            self.question = question
            self.readers = readers
        }
    }

    /// Entries for the given facts, in vocabulary order (file, then line).
    public static func entries(_ facts: [FactDeclaration], packs: [RulePack], book: QuestionBook) -> [Entry] {
        let readers = FactUsage.readers(packs)
        return facts.sorted { ($0.span.file.path, $0.span.start.line, $0.path) < ($1.span.file.path, $1.span.start.line, $1.path) }
            .map { Entry(fact: $0, question: book[$0.path], readers: readers[$0.path] ?? []) }
    }

    public static func render(_ entries: [Entry], format: Format, language: Language) -> String {
        switch format {
        case .text: return text(entries, language)
        case .markdown: return markdown(entries, language)
        case .json: return json(entries)
        }
    }

    static func values(_ e: Entry, _ l: Language) -> [(String, String?)] {
        let allowed: [String]
        if case .bool = e.fact.type { allowed = e.question?.labels.isEmpty == false ? ["true", "false"] : [] } else { allowed = e.fact.type.allowedValues ?? [] }
        return allowed.map { ($0, e.question?.labels[$0]?.text(l)) }
    }

    static func readerText(_ r: FactReader) -> String { "\(r.pack)/\(r.rule) (\(r.kind.rawValue))" }

    static func text(_ entries: [Entry], _ l: Language) -> String {
        var out = ""
        for e in entries {
            var head = "\(e.fact.path)  \(e.fact.type.name)"
            if e.fact.informational { head += "  informational" }
            if let d = e.fact.defaultValue { head += "  default: \(d.description)" }
            out += head + "\n"
            out += "  " + e.fact.description.text(l) + "\n"
            let vs = values(e, l)
            if !vs.isEmpty { out += "  values: " + vs.map { v, label in label.map { "\(v) (\($0))" } ?? v }.joined(separator: "; ") + "\n" }
            if let q = e.question {
                out += "  question [\(q.stage.rawValue)]: \(q.text.text(l))\n"
                out += "  basis: \(q.basis.text(l))\n"
            } else if !e.fact.informational {
                out += "  question: none\n"
            }
            if !e.readers.isEmpty { out += "  read by: " + e.readers.map(readerText).joined(separator: ", ") + "\n" }
            out += "\n"
        }
        out += "\(entries.count) fact\(entries.count == 1 ? "" : "s")\n"
        return out
    }

    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func markdown(_ entries: [Entry], _ l: Language) -> String {
        var out = "| fact | type | values | description | question | read by |\n|---|---|---|---|---|---|\n"
        for e in entries {
            let type = e.fact.type.name + (e.fact.informational ? ", informational" : "") + (e.fact.defaultValue.map { ", default \($0.description)" } ?? "")
            let vs = values(e, l).map { v, label in "`\(v)`" + (label.map { " \($0)" } ?? "") }.joined(separator: "<br>")
            let q = e.question.map { "\($0.text.text(l)) (\($0.basis.text(l)))" } ?? ""
            let readers = e.readers.map { "`\($0.pack)/\($0.rule)`" }.joined(separator: ", ")
            out += "| `\(e.fact.path)` | \(cell(type)) | \(cell(vs)) | \(cell(e.fact.description.text(l))) | \(cell(q)) | \(readers) |\n"
        }
        return out
    }

    static func json(_ entries: [Entry]) -> String {
        var w = JSONWriter()
        w.object { w in
            w.int("schemaVersion", 1)
            w.array("facts") { w in
                for e in entries {
                    w.object { w in
                        w.string("path", e.fact.path)
                        w.string("type", typeName(e.fact.type))
                        if case .list(let item) = e.fact.type { w.string("of", item == .string ? "string" : "enum") }
                        w.strings("values", e.fact.type.allowedValues ?? [])
                        w.text("description", e.fact.description)
                        if e.fact.informational { w.bool("informational", true) }
                        if let d = e.fact.defaultValue { w.string("default", d.description) }
                        if let q = e.question {
                            w.object("question") { w in
                                w.string("stage", q.stage.rawValue)
                                w.text("text", q.text)
                                w.text("help", q.help)
                                w.text("basis", q.basis)
                                w.text("aid", q.aid)
                                if !q.labels.isEmpty {
                                    w.object("labels") { w in
                                        let order = e.fact.type.allowedValues ?? ["true", "false"]
                                        for v in order { w.text(v, q.labels[v]) }
                                    }
                                }
                            }
                        }
                        if !e.readers.isEmpty {
                            w.array("readBy") { w in
                                for r in e.readers { w.object { w in w.string("pack", r.pack); w.string("rule", r.rule); w.string("kind", r.kind.rawValue) } }
                            }
                        }
                    }
                }
            }
        }
        return w.out + "\n"
    }

    static func typeName(_ t: FactType) -> String {
        switch t {
        case .enumeration: return "enum"
        case .list: return "list"
        default: return t.name
        }
    }
}
