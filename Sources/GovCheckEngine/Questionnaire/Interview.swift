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
        /// Not a fact: which of the duties that apply and are not met have evidence to record
        /// (`Interview.checklistPath`); only the ticked ones get evidence questions.
        case checklist(duties: [Duty])
        /// Several facts of one group asked as one question: a checklist (ticked true, unticked
        /// false, "don't know" unknown) or a form (an empty field unknown). `members` still decide
        /// `openItems` results (0: they are evidence for duties ticked in the checklist).
        case group(QuestionGroup, members: [FactDeclaration], openItems: Int)
    }

    /// A duty that applies and is not met, with the evidence facts that would meet it.
    public struct Duty: Sendable {
        /// `pack/obligation`, the value ticked in the checklist.
        public let key: String
        public let title: LocalizedText
        public let citation: LocalizedText
        public let evidence: [String]
    }

    /// One field of a form step, shown with the field's own question.
    public func field(_ f: FactDeclaration, book: QuestionBook) -> InterviewStep {
        InterviewStep(fact: f, question: book[f.path], stage: stage, reason: reason)
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
    /// How many of the best-counted candidates of the earliest stage are also scored by trying
    /// their values (0: rank by count only). Lookahead evaluates the packs once per value tried, so
    /// it costs a multiple of the plain ranking; `init --lookahead N` turns it on.
    public var lookahead = 0
    /// Comparison operands per fact path, to try numbers and dates on both sides of each threshold.
    let thresholds: [String: [FactValue]]
    /// The enum and list values the rules test, per fact path.
    let tests: [String: Set<String>]
    static let maxTrials = 4
    /// Self-classification tags with the facts behind them, for every value of the tag.
    let selfClassifications: [(tag: String, underlying: [String])]

    public init(packs: [RulePack], vocabulary: Vocabulary, book: QuestionBook, asOf: Day, baseline: String? = nil, askEvidence: Bool = true) {
        self.packs = packs
        self.vocabulary = vocabulary
        self.book = book
        self.asOf = asOf
        self.baseline = baseline
        self.askEvidence = askEvidence
        var t: [String: Set<FactValue>] = [:]
        var named: [String: Set<String>] = [:]
        func collect(_ c: Condition?) {
            for p in c?.predicates ?? [] {
                switch p.op {
                case .contains(let v): named[p.path, default: []].insert(v)
                case .containsAny(let vs), .containsAll(let vs): named[p.path, default: []].formUnion(vs)
                default: break
                }
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
        for (path, vs) in t { for v in vs { if case .string(let s) = v { named[path, default: []].insert(s) } } }
        tests = named
        selfClassifications = vocabulary.sortedPaths.compactMap { path in
            guard let sc = vocabulary[path]?.selfClassification else { return nil }
            return (path, sc.allFacts)
        }
    }

    // MARK: Evaluation

    /// The answers as a descriptor, typed by the vocabularies (errors are the caller's bug: values
    /// come from the vocabulary's own types).
    public func descriptor(_ values: [String: FactValue], name: String = "interview") -> Descriptor {
        // Built as a node tree (no YAML text round trip): one dotted key per fact, as a file would say it.
        let span = Interview.span
        func scalar(_ text: String, _ style: Scalar.Style) -> Node { Node(.scalar(Scalar(text: text, style: style)), span: span) }
        func node(_ v: FactValue) -> Node {
            switch v {
            case .bool(let b): return scalar(b ? "true" : "false", .plain)
            case .number: return scalar(v.description, .plain)
            case .date(let d): return scalar(d.description, .plain)
            case .string(let s): return scalar(s, .doubleQuoted)
            case .list(let items): return Node(.sequence(items.map { scalar($0, .doubleQuoted) }), span: span)
            case .object: return Node(.mapping([]), span: span)
            }
        }
        var pairs = [
            Pair(key: "apiVersion", keySpan: span, value: scalar(Descriptor.apiVersion, .plain)),
            Pair(key: "kind", keySpan: span, value: scalar(Descriptor.kind, .plain)),
            Pair(key: "metadata", keySpan: span, value: Node(.mapping([Pair(key: "name", keySpan: span, value: scalar(name, .doubleQuoted))]), span: span)),
        ]
        for path in values.keys.sorted() { pairs.append(Pair(key: path, keySpan: span, value: node(values[path]!))) }
        return Descriptor(document: YAMLDocument(index: 1, root: Node(.mapping(pairs), span: span)), path: "<answers>", vocabulary: vocabulary)
    }

    static let span = SourceSpan(file: SourceFile(path: "<answers>", text: ""), start: Mark(line: 1, column: 1), end: Mark(line: 1, column: 1))

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

    /// The pseudo-path of the evidence checklist question.
    public static let checklistPath = "govcheck.evidence_checklist"

    /// The next question, or nil when nothing that is still open can be decided by asking (every
    /// candidate fact has been answered or skipped) and, with `askEvidence`, no ticked duty lacks
    /// evidence. `evidenceFor` holds the duties ticked in the checklist (nil: not asked yet).
    /// `offered` holds the duties already listed in a checklist: evidence can make further duties
    /// apply (a filing number brings the duty to display it), and those get a checklist of their own.
    public func next(_ values: [String: FactValue], asked: Set<String>, evidenceFor: Set<String>? = nil,
                     offered: Set<String> = []) -> InterviewStep? {
        let evaluations = evaluate(values)
        if let step = nextDeciding(values, asked: asked, evaluations: evaluations) { return step }
        guard askEvidence else { return nil }
        guard let ticked = evidenceFor else { return checklist(evaluations, excluding: offered) }
        if let step = nextEvidence(asked: asked, values: values, evaluations: evaluations, ticked: ticked) { return step }
        return checklist(evaluations, excluding: offered)
    }

    /// The duties that apply and are not met, most severe first, as one multiple-choice question.
    func checklist(_ evaluations: [PackEvaluation], excluding offered: Set<String> = []) -> InterviewStep? {
        let duties = Interview.missing(evaluations).map { e, o in
            InterviewStep.Duty(key: "\(e.pack)/\(o.id)", title: o.title, citation: o.citation.text, evidence: o.missingEvidence)
        }.filter { !offered.contains($0.key) }
        guard !duties.isEmpty else { return nil }
        var labels: [String: LocalizedText] = [:]
        for d in duties {
            labels[d.key] = LocalizedText(en: "\(d.title.en) (\(d.citation.en))", zh: "\(d.title.text(Language.zh))（\(d.citation.text(Language.zh))）")
        }
        let fact = FactDeclaration(path: Interview.checklistPath, type: .list(.enumeration(duties.map { $0.key })),
                                   description: LocalizedText(en: "The duties that apply and are not met.", zh: "适用但尚未满足的义务。"),
                                   defaultValue: nil, informational: true, span: Interview.span)
        let q = Question(fact: Interview.checklistPath, stage: .evidence,
                         text: LocalizedText(en: "These duties apply and their evidence is not recorded. For which of them can you record evidence now? Tick none to finish.",
                                             zh: "以下义务适用但尚未记录证据。现在可以为哪些义务记录证据？不勾选则结束。"),
                         help: LocalizedText(en: "Each ticked duty gets the questions for its evidence; the others stay missing in the result.",
                                             zh: "每项勾选的义务将询问其证据；其余义务在结果中仍为 missing。"),
                         basis: LocalizedText(en: "The citations are those of the duties listed.", zh: "依据为所列各项义务的条文。"),
                         labels: labels, aid: nil, span: Interview.span)
        return InterviewStep(fact: fact, question: q, stage: .evidence, reason: .checklist(duties: duties))
    }

    static func missing(_ evaluations: [PackEvaluation]) -> [(PackEvaluation, ObligationResult)] {
        var missing: [(PackEvaluation, ObligationResult)] = []
        for e in evaluations { for o in e.obligations where o.status == .missing { missing.append((e, o)) } }
        missing.sort { ($1.1.severity, $0.0.pack, $0.1.id) < ($0.1.severity, $1.0.pack, $1.1.id) }
        return missing
    }

    func stage(of path: String) -> QuestionStage {
        book[path]?.stage ?? (path.contains(".evidence.") ? .evidence : .scope)
    }

    func nextDeciding(_ values: [String: FactValue], asked: Set<String>, evaluations: [PackEvaluation]) -> InterviewStep? {
        let items = Interview.openItems(evaluations)
        var count: [String: Int] = [:]
        for i in items { for f in Set(i.decidingFacts) where !asked.contains(f) && values[f] == nil && vocabulary[f] != nil { count[f, default: 0] += 1 } }
        // A self-declared classification is never a deciding fact (its absence hides nothing), but
        // once the facts behind it were asked and left unknown, the operator's or the regulator's
        // own classification is the one answer left that can add the category: ask it then.
        for (tag, underlying) in selfClassifications where !asked.contains(tag) && values[tag] == nil {
            let skipped = Set(underlying.filter { asked.contains($0) && values[$0] == nil })
            guard !skipped.isEmpty else { continue }
            let n = items.filter { !skipped.isDisjoint(with: $0.decidingFacts) }.count
            if n > 0 { count[tag, default: 0] += n }
        }
        // Once nothing else decides, the defaults the results rest on: each is an assumption the
        // report shows, so the questionnaire asks to confirm it rather than leave it assumed.
        if count.isEmpty {
            for e in evaluations {
                for a in e.assumptions where !asked.contains(a.fact) && values[a.fact] == nil && vocabulary[a.fact] != nil {
                    count[a.fact, default: 0] += 1
                }
            }
            // Yes/no defaults are confirmed together, as one checklist.
            if let step = defaultsStep(Set(count.keys), items: items) { return step }
        }
        guard !count.isEmpty else { return nil }
        // The law's order first: only the earliest stage that still has a candidate is considered.
        let first = count.keys.map(stage(of:)).min()!
        let pool = count.keys.filter { stage(of: $0) == first }
            .sorted { tieBreak($0, $1, count) }
        var best: (path: String, score: Double)?
        if lookahead == 0 || pool.count == 1 { best = (pool[0], 0) }
        for path in pool.prefix(lookahead) where pool.count > 1 {
            let s = settles(path, values: values, items: items)
            if best == nil || s > best!.score + 1e-9 || (abs(s - best!.score) <= 1e-9 && tieBreak(path, best!.path, count)) {
                best = (path, s)
            }
        }
        let path = best!.path
        if let step = groupStep(around: path, candidates: { count[$0] != nil }, items: items) { return step }
        return InterviewStep(fact: vocabulary[path]!, question: book[path], stage: first,
                             reason: .deciding(openItems: count[path]!, settles: best!.score))
    }

    /// The yes/no defaults the results rest on, as one checklist, when there are two or more.
    func defaultsStep(_ defaults: Set<String>, items: [OpenItem]) -> InterviewStep? {
        let bools = defaults.filter { if case .bool = vocabulary[$0]?.type { return book[$0] != nil }; return false }
            .sorted(by: declaredBefore)
        guard bools.count >= 2 else { return nil }
        let stage = bools.map(stage(of:)).min()!
        let g = QuestionGroup(id: "assumed-defaults", kind: .checklist,
                              title: LocalizedText(en: "The results so far rest on defaults for these statements (each assumed as its vocabulary says); confirm them.",
                                                   zh: "目前的结果依赖这些陈述的默认值（按词汇表的默认假设）；请确认。"),
                              facts: bools, stage: stage, span: Interview.span)
        return groupStep(g, members: bools.compactMap { vocabulary[$0] }, items: items)
    }

    /// The pseudo-path prefix of a group question.
    public static let groupPrefix = "govcheck.group."

    /// The checklist or form of `path`'s group when two or more of its members are candidates;
    /// `items` are the open results, to count those the members decide (none for evidence).
    func groupStep(around path: String, candidates: (String) -> Bool, items: [OpenItem] = []) -> InterviewStep? {
        guard let gid = book.groupOf[path], let g = book.groups[gid] else { return nil }
        let members = g.facts.filter(candidates).compactMap { vocabulary[$0] }
        guard members.count >= 2, members.contains(where: { $0.path == path }) else { return nil }
        return groupStep(g, members: members, items: items)
    }

    func groupStep(_ g: QuestionGroup, members: [FactDeclaration], items: [OpenItem]) -> InterviewStep {
        var labels: [String: LocalizedText] = [:]
        for m in members { labels[m.path] = book[m.path]?.text ?? m.description }
        let fact = FactDeclaration(path: Interview.groupPrefix + g.id, type: g.kind == .checklist ? .list(.enumeration(members.map(\.path))) : .object,
                                   description: g.title, defaultValue: nil, informational: true, span: g.span)
        let instructions = g.kind == .checklist
            ? LocalizedText(en: g.title.en + " Tick each statement that is true; an unticked one is recorded as No. Mark the ones you do not know as [?].",
                            zh: g.title.text(Language.zh) + "请勾选属实的各项；未勾选的记为“否”；不清楚的请标为 [?]。")
            : LocalizedText(en: g.title.en + " Give each value; leave a field empty if you do not know it.",
                            zh: g.title.text(Language.zh) + "请逐项填写；不清楚的留空。")
        let q = Question(fact: fact.path, stage: g.stage, text: instructions,
                         help: nil,
                         basis: LocalizedText(en: members.compactMap { book[$0.path].map { "\($0.fact): \($0.basis.en)" } }.joined(separator: "\n"),
                                              zh: members.compactMap { book[$0.path].map { "\($0.fact)：\($0.basis.text(Language.zh))" } }.joined(separator: "\n")),
                         labels: labels, aid: nil, span: g.span)
        let paths = Set(members.map(\.path))
        let open = items.filter { !paths.isDisjoint(with: $0.decidingFacts) }.count
        return InterviewStep(fact: fact, question: q, stage: g.stage, reason: .group(g, members: members, openItems: open))
    }

    /// Equal scores: the fact more open results wait for, then the one declared first (vocabularies
    /// follow the order of the law), then the path.
    func tieBreak(_ a: String, _ b: String, _ count: [String: Int]) -> Bool {
        if count[a]! != count[b]! { return count[a]! > count[b]! }
        return declaredBefore(a, b)
    }

    /// Vocabulary order (file, then line), then the path.
    func declaredBefore(_ a: String, _ b: String) -> Bool {
        let la = vocabulary[a].map { ($0.span.file.path, $0.span.start.line) } ?? ("", 0)
        let lb = vocabulary[b].map { ($0.span.file.path, $0.span.start.line) } ?? ("", 0)
        return la != lb ? la < lb : a < b
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
        case .enumeration(let vs):
            let tested = vs.filter { tests[path]?.contains($0) ?? false }
            return (tested.count >= 2 ? tested : vs).prefix(Interview.maxTrials).map { .string($0) }
        case .list(.enumeration(let vs)):
            // None, and each value the rules test (at most a few): enough to see what the answer can settle.
            let tested = vs.filter { tests[path]?.contains($0) ?? false }
            return [.list([])] + (tested.isEmpty ? vs : tested).prefix(Interview.maxTrials - 1).map { .list([$0]) }
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
    func nextEvidence(asked: Set<String>, values: [String: FactValue], evaluations: [PackEvaluation], ticked: Set<String>) -> InterviewStep? {
        let duties = Interview.missing(evaluations).filter { ticked.contains("\($0.0.pack)/\($0.1.id)") }
        // Every evidence fact still wanted by a ticked duty, most severe duty first.
        var wanted: [String] = []
        for (_, o) in duties { for f in o.missingEvidence where !asked.contains(f) && values[f] == nil && vocabulary[f] != nil && !wanted.contains(f) { wanted.append(f) } }
        for (e, o) in duties {
            for f in o.missingEvidence where !asked.contains(f) && values[f] == nil {
                guard let decl = vocabulary[f] else { continue }
                if let step = groupStep(around: f, candidates: { wanted.contains($0) }) { return step }
                // Facts no group takes: the evidence of the ticked duties asked together, yes/no
                // facts as one checklist, references and figures as one form (a few at a time).
                if book.groupOf[f] == nil, let kind = QuestionGroup.Kind(for: decl.type) {
                    let pool = wanted.filter { book.groupOf[$0] == nil && vocabulary[$0].flatMap { QuestionGroup.Kind(for: $0.type) } == kind }
                    if pool.count >= 2, pool.contains(f) {
                        let members = Array(pool.drop { $0 != f }.prefix(Interview.evidenceBatch))
                        if members.count >= 2 {
                            let g = QuestionGroup(id: "evidence", kind: kind,
                                                  title: LocalizedText(en: "Evidence for the duties you ticked:", zh: "所勾选义务的证据："),
                                                  facts: members, stage: .evidence, span: Interview.span)
                            return groupStep(g, members: members.compactMap { vocabulary[$0] }, items: [])
                        }
                    }
                }
                return InterviewStep(fact: decl, question: book[f], stage: .evidence,
                                     reason: .evidence(pack: e.pack, obligation: o.id, title: o.title, citation: o.citation.text))
            }
        }
        return nil
    }

    /// How many evidence facts one automatic checklist or form holds at most.
    static let evidenceBatch = 8
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
