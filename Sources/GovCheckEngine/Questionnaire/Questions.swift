import Foundation
import YAMLTree

/// Where a question sits in the law's own order: the questionnaire asks scope and roles before
/// prohibitions, high-risk and transparency (EU), and so on for China; evidence comes last.
public enum QuestionStage: String, Sendable, CaseIterable, Comparable {
    case scope, roles, prohibited
    case highRisk = "high-risk"
    case transparency, gpai
    case publicOpinion = "public-opinion"
    /// China: the generative-AI service duties beyond public-opinion attributes (model origin, users).
    case service
    case deepSynthesis = "deep-synthesis"
    case algorithm, labeling
    case personalInformation = "personal-information"
    case security, evidence

    public var rank: Int { QuestionStage.allCases.firstIndex(of: self)! }
    public static func < (a: QuestionStage, b: QuestionStage) -> Bool { a.rank < b.rank }
}

/// The question that asks for one fact: what to ask, why it matters in law, and plain labels for
/// its values, written beside the vocabulary so a rule author adds a fact and its question as data.
public struct Question: Sendable {
    public let fact: String
    public let stage: QuestionStage
    public let text: LocalizedText
    /// Longer explanation shown under the question.
    public let help: LocalizedText?
    /// The legal basis, shown on `?` and written as the field's comment in the descriptor.
    public let basis: LocalizedText
    /// Plain-language labels of enum values (and of `true`/`false` for a bool), by value.
    public let labels: [String: LocalizedText]
    /// A short decision aid (for roles: who is the provider, who the deployer, when one becomes the other).
    public let aid: LocalizedText?
    public let span: SourceSpan
}

/// Related facts asked together as one question, so an officer answers a set of statements (a
/// checklist of yes/no facts) or the figures of one record (a form) at once; only the members that
/// still decide are listed.
public struct QuestionGroup: Sendable {
    public enum Kind: String, Sendable {
        /// Yes/no facts: ticked true, unticked false, marked unknown.
        case checklist
        /// Numbers, dates, text and single choices, one field after another; an empty field stays unknown.
        case form

        /// The kind of group a fact of this type can join, or nil (lists are asked on their own).
        public init?(for type: FactType) {
            switch type {
            case .bool: self = .checklist
            case .number, .date, .string, .enumeration: self = .form
            default: return nil
            }
        }
    }
    public let id: String
    public let kind: Kind
    public let title: LocalizedText
    /// Member facts in the order listed (all bool, one stage, each with its own question).
    public let facts: [String]
    public let stage: QuestionStage
    public let span: SourceSpan
}

/// Every question loaded for a run, by fact path, with the problems found in the files.
public struct QuestionBook: Sendable {
    public private(set) var questions: [String: Question] = [:]
    public private(set) var groups: [String: QuestionGroup] = [:]
    /// The group each grouped fact belongs to.
    public private(set) var groupOf: [String: String] = [:]
    public internal(set) var diagnostics: [Diagnostic] = []
    /// The question files read (those whose vocabulary was loaded).
    public internal(set) var files: [String] = []

    public init() {}

    public subscript(fact: String) -> Question? { questions[fact] }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func add(_ q: Question, sink: DiagnosticSink) {
        if let earlier = questions[q.fact] {
            sink.error("questions.duplicate", "fact '\(q.fact)' has a question already", at: q.span,
                       help: "keep one question per fact", notes: [.init(message: "the other question", span: earlier.span)])
            return
        }
        questions[q.fact] = q
    }

    /// Adds a group once its members' questions are read: members must all be yes/no facts (a
    /// checklist) or all typed values (a form), each with a question of the same stage, in no other group.
    mutating func add(_ g: (id: String, title: LocalizedText, facts: [(String, SourceSpan)], span: SourceSpan), vocabulary: Vocabulary, sink: DiagnosticSink) {
        if let earlier = groups[g.id] {
            sink.error("questions.duplicate-group", "a group '\(g.id)' exists already", at: g.span,
                       help: "give each group its own id", notes: [.init(message: "the other group", span: earlier.span)])
            return
        }
        var members: [String] = []
        var stage: QuestionStage?
        var kind: QuestionGroup.Kind?
        for (path, span) in g.facts {
            guard let q = questions[path] else {
                sink.error("questions.group-member", "'\(path)' has no question in this file", at: span,
                           help: "a group lists facts whose questions the same file gives")
                continue
            }
            guard let k = vocabulary[path].flatMap({ QuestionGroup.Kind(for: $0.type) }) else {
                sink.error("questions.group-member", "'\(path)' is a \(vocabulary[path]?.type.name ?? "fact"): a group lists yes/no facts or typed values", at: span,
                           help: "ask a fact with a list of choices on its own")
                continue
            }
            if let earlier = kind, earlier != k {
                sink.error("questions.group-member", "'\(path)' is a \(vocabulary[path]!.type.name); the group's other facts make it a \(earlier.rawValue)", at: span,
                           help: "a group is a checklist of bool facts or a form of numbers, dates, text and single choices, not both")
                continue
            }
            kind = k
            if let other = groupOf[path] ?? (members.contains(path) ? g.id : nil) {
                sink.error("questions.group-member", "'\(path)' is in group '\(other)' already", at: span, help: "a fact belongs to one group at most")
                continue
            }
            if let st = stage, st != q.stage {
                sink.error("questions.group-stage", "'\(path)' is asked at stage '\(q.stage.rawValue)', the group's other facts at '\(st.rawValue)'",
                           at: span, help: "a group's facts share one stage, so the checklist comes where the law asks them")
                continue
            }
            stage = q.stage
            members.append(path)
        }
        guard let stage, let kind, members.count >= 2 else {
            if members.count < 2 {
                sink.error("questions.group-size", "group '\(g.id)' needs at least two valid facts", at: g.span,
                           help: "ask a single fact on its own")
            }
            return
        }
        groups[g.id] = QuestionGroup(id: g.id, kind: kind, title: g.title, facts: members, stage: stage, span: g.span)
        for m in members { groupOf[m] = g.id }
    }
}

/// Finds and reads question files (`kind: Questions`) with the same strict YAML reader, header and
/// located errors as packs and vocabularies.
public enum QuestionLoader {
    /// Every `*.yaml` / `*.yml` file in a folder named `questions` under the given roots, sorted.
    public static func discover(_ roots: [String]) -> [String] {
        let fm = FileManager.default
        var found: [String] = []
        for root in roots {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDir) else { continue }
            if !isDir.boolValue {
                if (root as NSString).deletingLastPathComponent.hasSuffix("questions") && isYAML(root) { found.append(root) }
                continue
            }
            if (root as NSString).lastPathComponent == "questions" {
                for f in (try? fm.contentsOfDirectory(atPath: root)) ?? [] where isYAML(f) {
                    found.append((root as NSString).appendingPathComponent(f))
                }
            }
            guard let e = fm.enumerator(atPath: root) else { continue }
            while let rel = e.nextObject() as? String {
                let parent = ((rel as NSString).deletingLastPathComponent as NSString).lastPathComponent
                if parent == "questions" && isYAML(rel) { found.append((root as NSString).appendingPathComponent(rel)) }
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }.sorted()
    }

    static func isYAML(_ p: String) -> Bool { p.hasSuffix(".yaml") || p.hasSuffix(".yml") }

    /// Reads the question files under `roots` for the facts of `vocabulary`. A file whose
    /// vocabulary is not loaded (no loaded fact is declared in it) is skipped.
    public static func load(roots: [String], vocabulary: Vocabulary) -> QuestionBook {
        var book = QuestionBook()
        let sink = DiagnosticSink()
        // The files the loaded facts are declared in, by standardized path.
        var declaredIn: [String: [String]] = [:]
        for (path, f) in vocabulary.facts {
            declaredIn[URL(fileURLWithPath: f.span.file.path).standardizedFileURL.path, default: []].append(path)
        }
        for file in discover(roots) {
            read(file, vocabulary: vocabulary, declaredIn: declaredIn, book: &book, sink: sink)
        }
        book.diagnostics = Array(Set(sink.items)).sorted()
        return book
    }

    static func read(_ file: String, vocabulary: Vocabulary, declaredIn: [String: [String]], book: inout QuestionBook, sink: DiagnosticSink) {
        let docs: [YAMLDocument]
        do { docs = try YAMLReader.read(path: file) } catch { sink.append(Diagnostic(error)); return }
        guard docs.count == 1 else {
            sink.error("questions.documents", "a question file holds exactly one YAML document, found \(docs.count)", at: docs.last?.root.span)
            return
        }
        guard let r = NodeReader(docs[0].root, "the question file", sink) else { return }
        r.checkKeys(["govcheck", "kind", "id", "vocabulary", "stage", "questions", "groups"])
        PackLoader.checkHeader(r, kind: "Questions", sink: sink)
        _ = r.string("id")
        guard let vocabNode = r.required("vocabulary"), let vocabRel = NodeReader.string(vocabNode, "'vocabulary'", sink) else { return }
        let dir = (file as NSString).deletingLastPathComponent
        let vocabPath = URL(fileURLWithPath: (dir as NSString).appendingPathComponent(vocabRel)).standardizedFileURL.path
        guard FileManager.default.fileExists(atPath: vocabPath) else {
            sink.error("questions.vocabulary-not-found", "vocabulary file '\(vocabRel)' does not exist", at: vocabNode.span,
                       help: "give the vocabulary (or pack.yaml with local facts) these questions ask for, relative to this file")
            return
        }
        // Questions for a vocabulary that no loaded pack uses are not this run's business.
        guard let facts = declaredIn[vocabPath] else { return }
        let own = Set(facts)
        book.files.append(file)
        let defaultStage = r["stage"].flatMap { stage($0, sink) }
        for n in r.list("questions", required: true) ?? [] {
            guard let q = question(n, vocabulary: vocabulary, own: own, vocabRel: vocabRel, defaultStage: defaultStage, sink: sink) else { continue }
            book.add(q, sink: sink)
        }
        for n in r.list("groups") ?? [] {
            guard let g = NodeReader(n, "a question group", sink) else { continue }
            g.checkKeys(["id", "title", "facts"])
            guard let id = g.string("id"), let title = g.text("title", needsChinese: true),
                  let factsNode = g.required("facts") else { continue }
            guard let items = factsNode.sequence else {
                sink.error("pack.type", "'facts' must be a list, found \(factsNode.kindDescription)", at: factsNode.span)
                continue
            }
            let facts = items.compactMap { item in NodeReader.string(item, "an item of 'facts'", sink).map { ($0, item.span) } }
            book.add((id, title, facts, n.span), vocabulary: vocabulary, sink: sink)
        }
    }

    static func stage(_ n: Node, _ sink: DiagnosticSink) -> QuestionStage? {
        guard let s = NodeReader.string(n, "'stage'", sink) else { return nil }
        if let st = QuestionStage(rawValue: s) { return st }
        let all = QuestionStage.allCases.map(\.rawValue)
        sink.error("questions.stage", "'\(s)' is not a stage", at: n.span,
                   help: Suggest.help(s, all) ?? "stages, in the order asked: \(all.joined(separator: ", "))")
        return nil
    }

    static func question(_ n: Node, vocabulary: Vocabulary, own: Set<String>, vocabRel: String, defaultStage: QuestionStage?,
                         sink: DiagnosticSink) -> Question? {
        guard let r = NodeReader(n, "a question", sink) else { return nil }
        r.checkKeys(["fact", "stage", "text", "help", "basis", "values", "aid"])
        // The stage is read first, so a question with an unknown fact still has its stage checked.
        let explicitStage = r["stage"].map { stage($0, sink) }
        guard let factNode = r.required("fact"), let path = NodeReader.string(factNode, "'fact'", sink) else { return nil }
        guard own.contains(path), let decl = vocabulary[path] else {
            let hint = Suggest.help(path, own.sorted())
            sink.error("questions.unknown-fact", "'\(path)' is not a fact of \(vocabRel)", at: factNode.span,
                       help: hint ?? "a question asks for a fact declared in the file named by 'vocabulary'")
            return nil
        }
        let st: QuestionStage?
        if let s = explicitStage { st = s } else if let d = defaultStage { st = d } else {
            sink.error("pack.missing-key", "a question is missing 'stage' (and the file sets no default 'stage')", at: n.span)
            st = nil
        }
        let text = r.text("text", needsChinese: true)
        let help = r.text("help", required: false, needsChinese: true)
        let basis = r.text("basis", needsChinese: true)
        let aid = r.text("aid", required: false, needsChinese: true)
        var labels: [String: LocalizedText] = [:]
        let allowed: [String]?
        switch decl.type {
        case .bool: allowed = ["true", "false"]
        default: allowed = decl.type.allowedValues
        }
        if let v = r["values"] {
            if let allowed, let vr = NodeReader(v, "'values'", sink) {
                for p in vr.pairs {
                    guard allowed.contains(p.key) else {
                        sink.error("questions.unknown-value", "'\(p.key)' is not a value of '\(path)'", at: p.keySpan,
                                   help: Suggest.help(p.key, allowed) ?? "its values: \(allowed.joined(separator: ", "))")
                        continue
                    }
                    if let t = NodeReader.text(p.value, "the label of '\(p.key)'", sink, needsChinese: true) { labels[p.key] = t }
                }
                let missing = allowed.filter { a in !vr.pairs.contains { $0.key == a } }
                if !missing.isEmpty {
                    sink.error("questions.missing-label", "'values' has no label for \(missing.map { "'\($0)'" }.joined(separator: ", "))",
                               at: v.span, help: "label every value, so the person answering sees each choice in plain words")
                }
            } else if allowed == nil {
                sink.error("questions.values", "'\(path)' is a \(decl.type.name): only enum, list-of-enum and bool facts take 'values'",
                           at: v.span)
            }
        } else if let allowed = decl.type.allowedValues {
            sink.error("questions.missing-label", "a question for the \(decl.type.name) '\(path)' needs 'values' with a label for each of: \(allowed.joined(separator: ", "))",
                       at: n.span)
        }
        guard let st, let text, let basis else { return nil }
        return Question(fact: path, stage: st, text: text, help: help, basis: basis, labels: labels, aid: aid, span: n.span)
    }
}
