import Foundation
import YAMLTree

/// A result the answers so far leave open: a tier under review (now or on a later date of the
/// timeline) or an obligation whose applicability or start date hangs on unstated facts.
public struct OpenItem: Sendable, Hashable {
    public let pack: String
    /// `tier`, `tier@<date>` or the obligation id.
    public let key: String
    public let decidingFacts: [String]
}

/// What the questionnaire asks next, and why.
public struct InterviewStep: Sendable {
    public enum Reason: Sendable {
        /// The fact decides open tiers or obligations; `settles` is the expected number of them
        /// an answer decides (averaged over the possible answers).
        case deciding(openItems: Int, settles: Double)
        /// The fact is evidence for a duty that applies and is not met.
        case evidence(pack: String, obligation: String, title: LocalizedText, citation: LocalizedText)
    }

    public let fact: FactDeclaration
    /// Nil when no question file asks for the fact (lint flags it); the description stands in.
    public let question: Question?
    public let stage: QuestionStage
    public let reason: Reason
}

/// The computed questionnaire: evaluates the partial descriptor, takes the unstated facts that
/// would decide what is still open, ranks them in the law's order and by how much an answer can
/// settle, and asks the best one. Unknown stays unknown: a skipped fact is never assumed.
public struct Interview: Sendable {
    public let packs: [RulePack]
    public let vocabulary: Vocabulary
    public let book: QuestionBook
    public let asOf: Day
    public let baseline: String?
    /// Ask for the evidence of duties that apply but are not met, once everything is decided.
    public var askEvidence: Bool
    /// How many of the best-counted candidates of the earliest stage are scored by trying values.
    public var trialWidth = 6
    /// Comparison operands per fact path, to try numbers and dates on both sides of each threshold.
    let thresholds: [String: [FactValue]]

    public init(packs: [RulePack], vocabulary: Vocabulary, book: QuestionBook, asOf: Day, baseline: String? = nil, askEvidence: Bool = true) {
        self.packs = packs
        self.vocabulary = vocabulary
        self.book = book
        self.asOf = asOf
        self.baseline = baseline
        self.askEvidence = askEvidence
        var t: [String: Set<FactValue>] = [:]
        func collect(_ c: Condition?) {
            for p in c?.predicates ?? [] {
                switch p.op {
                case .gt(let v), .gte(let v), .lt(let v), .lte(let v), .equals(let v): t[p.path, default: []].insert(v)
                case .in(let vs): t[p.path, default: []].formUnion(vs)
                default: break
                }
            }
        }
        for pack in packs {
            for dr in pack.derivedRoles { collect(dr.when) }
            for rules in pack.resolved {
                for tier in rules.tiers { for r in tier.rules { collect(r.when) } }
                for o in rules.obligations {
                    collect(o.appliesWhen); collect(o.satisfiedWhen)
                    for route in o.startRoutes { collect(route.when) }
                }
            }
        }
        thresholds = t.mapValues { $0.sorted { $0.description < $1.description } }
    }

    // MARK: Evaluation

    /// The answers as a descriptor, typed by the vocabularies (errors are the caller's bug: values
    /// come from the vocabulary's own types).
    public func descriptor(_ values: [String: FactValue], name: String = "interview") -> Descriptor {
        let text = DescriptorText.plain(values, name: name)
        let docs = (try? YAMLReader.read(bytes: Array(text.utf8), path: "<answers>")) ?? []
        let doc = docs.first ?? YAMLDocument(index: 1, root: Node(.mapping([]), span: SourceSpan(file: SourceFile(path: "<answers>", text: ""), start: Mark(line: 1, column: 1), end: Mark(line: 1, column: 1))))
        return Descriptor(document: doc, path: "<answers>", vocabulary: vocabulary)
    }

    public func evaluate(_ values: [String: FactValue], packs selected: [RulePack]? = nil, includeNotApplicable: Bool = false) -> [PackEvaluation] {
        let d = descriptor(values)
        return (selected ?? packs).map {
            Evaluator.evaluate(pack: $0, descriptor: d, asOf: asOf, baseline: baseline, includeNotApplicable: includeNotApplicable)
        }
    }

    /// The results the evaluations leave open.
    public static func openItems(_ evaluations: [PackEvaluation]) -> [OpenItem] {
        var out: [OpenItem] = []
        for e in evaluations {
            if e.tier.status == .needsReview { out.append(OpenItem(pack: e.pack, key: "tier", decidingFacts: e.tier.decidingFacts)) }
            for c in e.timeline where c.decision.status == .needsReview {
                out.append(OpenItem(pack: e.pack, key: "tier@\(c.from)", decidingFacts: c.decision.decidingFacts))
            }
            for o in e.obligations where o.status == .undetermined || !o.decidingFacts.isEmpty {
                out.append(OpenItem(pack: e.pack, key: o.id, decidingFacts: o.decidingFacts))
            }
        }
        return out
    }

    /// True when every selected pack gives a decided answer (tier, timeline, every obligation).
    public static func decided(_ evaluations: [PackEvaluation]) -> Bool { openItems(evaluations).isEmpty }

    // MARK: Choosing the next question

    /// The next question, or nil when nothing that is still open can be decided by asking (every
    /// candidate fact has been answered or skipped) and, with `askEvidence`, no evidence is missing.
    public func next(_ values: [String: FactValue], asked: Set<String>) -> InterviewStep? {
        let evaluations = evaluate(values)
        if let step = nextDeciding(values, asked: asked, evaluations: evaluations) { return step }
        return askEvidence ? nextEvidence(asked: asked, values: values, evaluations: evaluations) : nil
    }

    func stage(of path: String) -> QuestionStage {
        book[path]?.stage ?? (path.contains(".evidence.") ? .evidence : .scope)
    }

    func nextDeciding(_ values: [String: FactValue], asked: Set<String>, evaluations: [PackEvaluation]) -> InterviewStep? {
        let items = Interview.openItems(evaluations)
        var count: [String: Int] = [:]
        for i in items { for f in Set(i.decidingFacts) where !asked.contains(f) && values[f] == nil && vocabulary[f] != nil { count[f, default: 0] += 1 } }
        guard !count.isEmpty else { return nil }
        // The law's order first: only the earliest stage that still has a candidate is considered.
        let first = count.keys.map(stage(of:)).min()!
        let pool = count.keys.filter { stage(of: $0) == first }
            .sorted { (count[$0]!, $1) > (count[$1]!, $0) }
        var best: (path: String, score: Double)?
        for path in pool.prefix(trialWidth) {
            let s = settles(path, values: values, items: items)
            if best == nil || s > best!.score + 1e-9 || (abs(s - best!.score) <= 1e-9 && tieBreak(path, best!.path, count)) {
                best = (path, s)
            }
        }
        let path = best!.path
        return InterviewStep(fact: vocabulary[path]!, question: book[path], stage: first,
                             reason: .deciding(openItems: count[path]!, settles: best!.score))
    }

    func tieBreak(_ a: String, _ b: String, _ count: [String: Int]) -> Bool {
        (count[a]!, b) > (count[b]!, a)
    }

    /// How much answering `path` settles, averaged over the answers tried: an open item that an
    /// answer decides counts 1, one whose deciding facts shrink counts the share removed (half weight).
    func settles(_ path: String, values: [String: FactValue], items: [OpenItem]) -> Double {
        let touched = items.filter { $0.decidingFacts.contains(path) }
        let packIDs = Set(touched.map(\.pack))
        let selected = packs.filter { packIDs.contains($0.id) }
        let trials = trialValues(path)
        guard !trials.isEmpty else { return 0 }
        var total = 0.0
        for v in trials {
            var next = values
            next[path] = v
            let after = Dictionary(Interview.openItems(evaluate(next, packs: selected)).map { ("\($0.pack)#\($0.key)", $0) },
                                   uniquingKeysWith: { a, _ in a })
            var gain = 0.0
            for i in touched {
                guard let a = after["\(i.pack)#\(i.key)"] else { gain += 1; continue }
                let before = Double(Set(i.decidingFacts).count)
                let now = Double(Set(a.decidingFacts).count)
                gain += max(-0.25, min(0.5, 0.5 * (before - now) / max(before, 1)))
            }
            total += gain
        }
        return total / Double(trials.count)
    }

    /// The answers tried when scoring a fact: every value of a bool or enum, none or each one of a
    /// list, and both sides of every threshold the rules compare a number or date with.
    func trialValues(_ path: String) -> [FactValue] {
        guard let f = vocabulary[path] else { return [] }
        switch f.type {
        case .bool: return [.bool(true), .bool(false)]
        case .enumeration(let vs): return vs.map { .string($0) }
        case .list(.enumeration(let vs)): return [.list([])] + vs.map { .list([$0]) }
        case .list(.string): return [.list([]), .list(["x"])]
        case .string: return [.string("x")]
        case .object: return []
        case .number:
            var out: [FactValue] = []
            for t in thresholds[path] ?? [] {
                guard case .number(let n) = t else { continue }
                let step = n == 0 ? Decimal(1) : (n < 0 ? -n : n) / 2
                out.append(contentsOf: [.number(n - step), .number(n), .number(n + step)])
            }
            return out.isEmpty ? [.number(1)] : Interview.unique(out)
        case .date:
            var out: [FactValue] = []
            for t in thresholds[path] ?? [] {
                guard case .date(let d) = t else { continue }
                out.append(contentsOf: [.date(d.adding(days: -1)), .date(d), .date(d.adding(days: 1))])
            }
            return out.isEmpty ? [.date(asOf)] : Interview.unique(out)
        }
    }

    static func unique(_ xs: [FactValue]) -> [FactValue] {
        var seen = Set<FactValue>()
        return xs.filter { seen.insert($0).inserted }
    }

    /// The next evidence fact of a duty that applies and is not met: most severe duty first.
    func nextEvidence(asked: Set<String>, values: [String: FactValue], evaluations: [PackEvaluation]) -> InterviewStep? {
        var missing: [(PackEvaluation, ObligationResult)] = []
        for e in evaluations { for o in e.obligations where o.status == .missing { missing.append((e, o)) } }
        missing.sort { ($1.1.severity, $0.0.pack, $0.1.id) < ($0.1.severity, $1.0.pack, $1.1.id) }
        for (e, o) in missing {
            for f in o.missingEvidence where !asked.contains(f) && values[f] == nil {
                guard let decl = vocabulary[f] else { continue }
                return InterviewStep(fact: decl, question: book[f], stage: .evidence,
                                     reason: .evidence(pack: e.pack, obligation: o.id, title: o.title, citation: o.citation.text))
            }
        }
        return nil
    }
}

extension Interview {
    /// Types a typed-in answer exactly as `check` would read it in a descriptor: a number, a date,
    /// a string or values of an enum. The error says what is wrong and what is expected.
    public func parse(_ text: String, for fact: FactDeclaration) -> Result<FactValue, AnswerError> {
        let t = text.trimmingCharacters(in: .whitespaces)
        let literal: String
        switch fact.type {
        case .string: literal = DescriptorText.quoted(text)
        case .number:
            guard t.range(of: #"^[+-]?((\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|0x[0-9A-Fa-f]+)$"#, options: .regularExpression) != nil else {
                return .failure(AnswerError(message: "'\(t)' is not a number", help: "write digits, e.g. 12, 0.5 or 3.8e25"))
            }
            literal = t
        case .date:
            guard t.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else {
                return .failure(AnswerError(message: "'\(t)' is not a date", help: "write it as YYYY-MM-DD, e.g. 2025-09-15"))
            }
            literal = t
        case .bool:
            switch t.lowercased() {
            case "true", "yes", "y": return .success(.bool(true))
            case "false", "no", "n": return .success(.bool(false))
            default: return .failure(AnswerError(message: "'\(t)' is neither yes nor no", help: "answer yes or no"))
            }
        case .enumeration(let vs):
            guard vs.contains(t) else {
                return .failure(AnswerError(message: "'\(t)' is not one of the choices", help: Suggest.help(t, vs) ?? "choose one of: \(vs.joined(separator: ", "))"))
            }
            return .success(.string(t))
        case .list(let item):
            let parts = t.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            if parts == ["none"] || parts.isEmpty { return .success(.list([])) }
            if case .enumeration(let vs) = item, let bad = parts.first(where: { !vs.contains($0) }) {
                return .failure(AnswerError(message: "'\(bad)' is not one of the choices", help: Suggest.help(bad, vs) ?? "choose from: \(vs.joined(separator: ", "))"))
            }
            return .success(.list(parts))
        case .object:
            return .failure(AnswerError(message: "'\(fact.path)' is a group of facts", help: "answer its facts one by one"))
        }
        let d = descriptor([:], extra: "\(fact.path): \(literal)\n")
        if let v = d.values[fact.path] { return .success(v) }
        let diag = d.diagnostics.first { $0.severity == .error }
        return .failure(AnswerError(message: diag.map { m in m.message.replacingOccurrences(of: "'\(fact.path)': ", with: "") } ?? "'\(t)' is not a valid \(fact.type.name)",
                                    help: diag?.help ?? "write a \(fact.type.name)"))
    }

    func descriptor(_ values: [String: FactValue], extra: String) -> Descriptor {
        let text = DescriptorText.plain(values, name: "interview") + extra
        guard let doc = (try? YAMLReader.read(bytes: Array(text.utf8), path: "<answer>"))?.first else { return descriptor(values) }
        return Descriptor(document: doc, path: "<answer>", vocabulary: vocabulary)
    }
}

/// A typed-in answer that does not fit its fact, with what to write instead.
public struct AnswerError: Error, Sendable {
    public let message: String
    public let help: String
}
