import Foundation
import YAMLTree

/// Records what an evaluation looked at: defaults it relied on, and (for coverage) the outcome of
/// every predicate and rule. One recorder per descriptor evaluation; never shared across threads.
public final class EvaluationRecorder {
    var assumptions: Set<Assumption> = []
    /// When set, predicate outcomes are kept: predicate id → outcomes seen.
    var predicateOutcomes: [Int: Set<Truth>]?
    /// When set, rule condition outcomes are kept: rule id → outcomes seen.
    var ruleOutcomes: [String: Set<Truth>]?

    public init(coverage: Bool = false) {
        if coverage {
            predicateOutcomes = [:]
            ruleOutcomes = [:]
        }
    }
}

/// What one descriptor's evaluation against one pack has worked out so far: the descriptor's
/// facts as slots, and the truth of every program node and predicate judged, so nothing is judged
/// twice. Nodes that read the tier are judged again when the tier decision changes (a later date).
final class EvaluationState {
    let program: ConditionProgram
    let table: FactTable
    var nodes: [UInt8]
    var predicates: [UInt8]
    /// The defaults this evaluation relied on, by `ConditionProgram.assumptionRank`.
    var assumed: [Bool]
    /// Where each fact path asked about is written, or its closest stated mapping (nil: neither).
    var places: [String: SourceSpan?] = [:]
    /// The decision the memo's tier-dependent nodes were judged under.
    var memoDecision = 0
    var decisions = 0

    init(program: ConditionProgram, table: FactTable) {
        self.program = program
        self.table = table
        nodes = [UInt8](repeating: 0, count: program.nodes.count)
        predicates = [UInt8](repeating: 0, count: program.predicates.count)
        assumed = [Bool](repeating: false, count: program.assumptionByRank.count)
    }

    /// The defaults relied on, with any the plain reading recorded, in fact-path order.
    func assumptions(_ recorded: Set<Assumption>) -> [Assumption] {
        var out: [Assumption] = []
        for (i, used) in assumed.enumerated() where used { out.append(program.assumptionByRank[i]) }
        if recorded.isEmpty { return out }
        return Set(out).union(recorded).sorted()
    }

    private var outcomeIDs: [String: Int] = [:]

    /// The memo id of a decision: decisions with the same outcome (status, tier, possible tiers)
    /// make every `tier:` test answer the same, so they share the memo's tier-dependent entries.
    func id(for d: TierDecision?) -> Int {
        guard let d else {
            decisions += 1
            return -decisions
        }
        let key = "\(d.status.rawValue)|\(d.tier ?? "")|\(d.possible.joined(separator: ","))"
        if let id = outcomeIDs[key] { return id }
        decisions += 1
        outcomeIDs[key] = decisions
        return decisions
    }

    /// Forgets the nodes that read the tier, when judging under another decision.
    func use(decision id: Int) {
        guard id != memoDecision else { return }
        for n in program.tierNodes { nodes[Int(n)] = 0 }
        memoDecision = id
    }
}

/// Evaluates conditions, tiers and obligations of one pack against one descriptor, on the
/// evaluation date and on every later date on which the pack's answer can change. A class: it is
/// handed to every rule and date of the timeline, and a struct of this many references cost a
/// retain and release of each on every copy.
public final class Evaluator {
    public let pack: RulePack
    /// The rules in force on `date` (the baseline of that date, or the forced one).
    public private(set) var rules: ResolvedRules
    var compiled: CompiledRules
    /// The date this evaluator judges, the evaluation date or a later one of the timeline.
    public private(set) var date: Day
    public let asOf: Day
    let baseline: String?
    let descriptor: Descriptor
    let recorder: EvaluationRecorder
    let state: EvaluationState
    /// When false, outcomes are not recorded for coverage (later dates of the timeline).
    var recording = true
    private var decisionValue: TierDecision?
    private var decisionID = 0

    var decision: TierDecision? {
        get { decisionValue }
        set {
            decisionValue = newValue
            decisionID = state.id(for: newValue)
        }
    }

    public convenience init(pack: RulePack, descriptor: Descriptor, asOf: Day, baseline: String?, recorder: EvaluationRecorder = .init()) {
        self.init(pack: pack, descriptor: descriptor, asOf: asOf, baseline: baseline, recorder: recorder,
                  table: pack.program.facts.map { FactTable(descriptor, $0) })
    }

    init(pack: RulePack, descriptor: Descriptor, asOf: Day, baseline: String?, recorder: EvaluationRecorder, table: FactTable?) {
        self.pack = pack
        self.rules = pack.rules(asOf: asOf, baseline: baseline)
        self.compiled = pack.compiledRules(asOf: asOf, baseline: baseline)
        self.asOf = asOf
        self.date = asOf
        self.baseline = baseline
        self.descriptor = descriptor
        self.recorder = recorder
        let index = pack.program.facts ?? FactIndex(vocabulary: pack.vocabulary, predicates: pack.program.predicates)
        if pack.program.facts == nil { pack.program.bind(index) }
        self.state = EvaluationState(program: pack.program, table: table ?? FactTable(descriptor, index))
    }

    /// The same descriptor judged on a later date: that date's rules, no coverage recording; the
    /// memo and the recorder are shared.
    private init(_ other: Evaluator, day: Day) {
        pack = other.pack
        rules = other.pack.rules(asOf: day, baseline: other.baseline)
        compiled = other.pack.compiledRules(asOf: day, baseline: other.baseline)
        date = day
        asOf = other.asOf
        baseline = other.baseline
        descriptor = other.descriptor
        recorder = other.recorder
        state = other.state
        recording = false
        decision = nil
    }

    func moved(to day: Day) -> Evaluator { Evaluator(self, day: day) }

    /// Evaluates the pack: the tier first (obligations may refer to it), its timeline, then every
    /// obligation, with duties that start later (on their own date or with a later tier) as upcoming.
    public static func evaluate(pack: RulePack, descriptor: Descriptor, asOf: Day, baseline: String?,
                                includeNotApplicable: Bool, recorder: EvaluationRecorder = .init()) -> PackEvaluation {
        evaluate(pack: pack, descriptor: descriptor, asOf: asOf, baseline: baseline, includeNotApplicable: includeNotApplicable,
                 recorder: recorder, table: nil)
    }

    /// The same, with the descriptor's facts already tabled (shared by every pack of a run).
    static func evaluate(pack: RulePack, descriptor: Descriptor, asOf: Day, baseline: String?,
                         includeNotApplicable: Bool, recorder: EvaluationRecorder, table: FactTable?) -> PackEvaluation {
        let e = Evaluator(pack: pack, descriptor: descriptor, asOf: asOf, baseline: baseline, recorder: recorder, table: table)
        let decision = e.decideTier()
        e.decision = decision
        if e.recording {
            for tier in e.rules.tiers where tier.otherwise {
                recorder.ruleOutcomes?[tier.id, default: []].insert(Truth(decision.status == .decided && decision.tier == tier.id))
            }
        }
        // Later dates: the tier of each date, kept for the duties that start then.
        var later: [Evaluator] = []
        var timeline: [TierChange] = []
        var last = decision
        for day in pack.eventDates(after: asOf) {
            let f = e.moved(to: day)
            let d = f.decideTier()
            f.decision = d
            later.append(f)
            if !d.sameOutcome(as: last) {
                timeline.append(TierChange(from: day, baseline: f.rules.baseline?.id, decision: d))
                last = d
            }
        }
        var now: [ObligationResult] = []
        var seen = Set<String>()
        var pending: [String] = []
        let baselineNow = e.rules.baseline?.id
        for (i, o) in e.rules.obligations.enumerated() {
            seen.insert(o.id)
            let result = e.evaluate(o, compiled: e.compiled.obligations[i])
            if result.status == .notApplicable || result.status == .upcoming { pending.append(o.id) }
            now.append(result)
        }
        // Duties that only a later text of the law introduces, in the order the texts bring them.
        var extra: [String] = []
        for f in later {
            for o in f.rules.obligations where !seen.contains(o.id) {
                seen.insert(o.id)
                extra.append(o.id)
            }
        }
        // Each duty that does not apply yet, as of the first later date it is in force: the dates
        // are walked in order, every open duty looked at on each, so the memo of tier-dependent
        // conditions serves all of them before the next date's decision replaces it.
        var found: [String: ObligationResult] = [:]
        var open = pending + extra
        for f in later where !open.isEmpty {
            open.removeAll { id in
                guard let r = Evaluator.inForce(id, f, decisionNow: decision, baselineNow: baselineNow) else { return false }
                found[id] = r
                return true
            }
        }
        var obligations = now.map { found[$0.id] ?? $0 }
        for id in extra { if let r = found[id] { obligations.append(r) } }
        if !includeNotApplicable { obligations.removeAll { $0.status == .notApplicable } }
        // Sorted through their positions: moving the results themselves costs a retain and release
        // of every field for every swap.
        let keys = obligations.map { (statusOrder($0.status), $0.severity, $0.id) }
        let order = keys.indices.sorted { a, b in
            (keys[a].0, keys[b].1, keys[a].2) < (keys[b].0, keys[a].1, keys[b].2)
        }
        obligations = order.map { obligations[$0] }
        return PackEvaluation(pack: pack.id, packVersion: pack.version, jurisdiction: pack.jurisdiction,
                              baseline: baselineNow, asOf: asOf, tier: decision, timeline: timeline,
                              obligations: obligations, assumptions: e.state.assumptions(recorder.assumptions))
    }

    /// The obligation as of the later date `f` judges, if it is in force then (or whether it applies
    /// then hinges on unstated facts), reported as upcoming from that date; nil if not.
    static func inForce(_ id: String, _ f: Evaluator, decisionNow: TierDecision, baselineNow: String?) -> ObligationResult? {
        guard let i = f.compiled.obligationIndex[id] else { return nil }
        let o = f.rules.obligations[i]
        let c = f.compiled.obligations[i]
        // Most dates change nothing for most duties: the status alone decides whether to look on.
        let quick = f.status(o, c)
        guard quick != .notApplicable, quick != .upcoming else { return nil }
        let r = f.evaluate(o, compiled: c)
        let tier = f.decision.flatMap { $0.sameOutcome(as: decisionNow) ? nil : $0.label }
        // Undetermined only because the start date hangs on the route: still upcoming, with
        // the possible dates; undetermined because whether it applies hangs on facts: say so.
        let status: ObligationStatus
        switch r.status {
        case .disabled: status = .disabled
        case .undetermined where r.possibleStarts.isEmpty: status = .undetermined
        default: status = .upcoming
        }
        let from = r.status == .undetermined ? max(f.date, r.appliesFrom) : f.date
        let text = f.rules.baseline?.id == baselineNow ? nil : f.rules.baseline?.id
        return r.upcoming(status: status, from: from, tierAtStart: tier, remediation: o.remediation, textBaseline: text)
    }

    static let statusRank: [ObligationStatus: Int] = Dictionary(uniqueKeysWithValues: ObligationStatus.allCases.enumerated().map { ($1, $0) })
    static func statusOrder(_ s: ObligationStatus) -> Int { statusRank[s]! }

    // MARK: Conditions

    /// The three-valued truth of a condition.
    public func truth(_ c: Condition) -> Truth {
        if let n = state.program.lookup(c) { return truth(node: n) }
        // A tree the pack never compiled (not reachable from its rules): judged by its parts.
        switch c {
        case .all(let cs, _):
            var result = Truth.true
            for sub in cs {
                switch truth(sub) {
                case .false: return .false
                case .unknown: result = .unknown
                case .true: break
                }
            }
            return result
        case .any(let cs, _):
            var result = Truth.false
            for sub in cs {
                switch truth(sub) {
                case .true: return .true
                case .unknown: result = .unknown
                case .false: break
                }
            }
            return result
        case .not(let sub, _): return !truth(sub)
        case .use(_, let sub, _): return truth(sub)
        case .tier(let id, _): return tierTruth(id)
        case .predicate(let p): return predicateTruth(p)
        }
    }

    /// The truth of a program node, from the memo or judged now (children in order, stopping as
    /// soon as the answer is known, as Kleene logic allows).
    func truth(node i: Int32) -> Truth {
        let program = state.program
        let n = program.nodes[Int(i)]
        if n.tierDependent { state.use(decision: decisionID) }
        let m = state.nodes[Int(i)]
        if m != 0 { return Truth.all[Int(m) - 1] }
        var t: Truth
        switch n.kind {
        case .all:
            t = .true
            var k = n.first
            let end = n.first + n.count
            while k < end {
                switch truth(node: program.kids[Int(k)]) {
                case .false: t = .false; k = end; continue
                case .unknown: t = .unknown
                case .true: break
                }
                k += 1
            }
        case .any:
            t = .false
            var k = n.first
            let end = n.first + n.count
            while k < end {
                switch truth(node: program.kids[Int(k)]) {
                case .true: t = .true; k = end; continue
                case .unknown: t = .unknown
                case .false: break
                }
                k += 1
            }
        case .not: t = !truth(node: n.first)
        case .tier: t = n.first >= 0 ? tierTruth(program.tierIDs[Int(n.first)]) : .false
        case .predicate: t = predicateTruth(index: n.first)
        }
        // A tier-dependent node judged with no decision yet is not kept: it is unknown only for now.
        if !(n.tierDependent && decisionValue == nil) { state.nodes[Int(i)] = Truth.code(t) }
        return t
    }

    func tierTruth(_ id: String) -> Truth {
        guard let d = decisionValue else { return .unknown }
        switch d.status {
        case .decided: return Truth(d.tier == id)
        case .needsReview: return d.possible.contains(id) ? .unknown : .false
        case .unclassified: return .false
        }
    }

    /// The value of a fact: stated, or its default (recorded as an assumption), or nil when unknown.
    public func value(_ p: Predicate) -> FactValue? {
        if let v = Evaluator.stated(p, descriptor) { return v }
        if let d = p.fact.defaultValue {
            recorder.assumptions.insert(Assumption(fact: p.path, value: d.description))
            return d
        }
        return nil
    }

    /// A predicate's truth, from the memo or judged now (and recorded for coverage).
    public func predicateTruth(_ p: Predicate) -> Truth {
        guard let k = state.program.predicateIndex(of: p) else { return Evaluator.reference(p, descriptor, self) }
        return predicateTruth(index: k)
    }

    func predicateTruth(index k: Int32) -> Truth {
        let m = state.predicates[Int(k)]
        if m != 0 { return Truth.all[Int(m) - 1] }
        let t = judge(k)
        state.predicates[Int(k)] = Truth.code(t)
        recorder.predicateOutcomes?[state.program.predicates[Int(k)].id, default: []].insert(t)
        return t
    }

    /// One compiled predicate against the descriptor's slot (or the fact's default).
    private func judge(_ k: Int32) -> Truth {
        let program = state.program
        let f = program.fast[Int(k)]
        let table = state.table
        var v = f.slot >= 0 ? table.slots[Int(f.slot)] : SlotValue()
        if f.op == .exists { return Truth((v.state != 0) == f.want) }
        var fromDefault = false
        if v.state == 0 {
            guard let d = f.defaultValue else { return .unknown }
            state.assumed[Int(program.assumptionRank[Int(k)])] = true
            v = d
            fromDefault = true
        }
        // A stated group (mapping) takes part only in `exists`; any other test of it is false.
        if v.state == 2 { return .false }
        func compare<T: Comparable>(_ a: T, _ b: T) -> Truth {
            switch f.compare {
            case .eq: return Truth(a == b)
            case .gt: return Truth(a > b)
            case .gte: return Truth(a >= b)
            case .lt: return Truth(a < b)
            case .lte: return Truth(a <= b)
            }
        }
        func codes() -> [Int32] {
            if v.overflow { return fromDefault ? program.codeLists[Int(v.text)] : table.lists[Int(v.text)] }
            return (0..<64).compactMap { v.bits & (1 << UInt64($0)) != 0 ? Int32($0) : nil }
        }
        switch f.op {
        case .exists: return .unknown
        case .codeIn: return Truth(v.code >= 0 && v.code < 64 && f.mask & (1 << UInt64(v.code)) != 0)
        case .codeInList: return Truth(v.code >= 0 && program.codeLists[Int(f.aux)].contains(v.code))
        case .numberCompare:
            if v.number.isNaN || f.number.isNaN { return f.compare == .eq ? .false : .unknown }
            return compare(v.number, f.number)
        case .dayCompare: return compare(v.day, f.day)
        case .numberIn:
            let x = f.datesAsNumbers ? Decimal(Int(v.day)) : v.number
            return Truth(program.numberLists[Int(f.aux)].contains(x))
        case .listAny: return v.overflow ? Truth(!Set(codes()).isDisjoint(with: maskCodes(f.mask))) : Truth(v.bits & f.mask != 0)
        case .listAll: return v.overflow ? Truth(Set(maskCodes(f.mask)).isSubset(of: Set(codes()))) : Truth(v.bits & f.mask == f.mask)
        case .listAnyExact: return Truth(!Set(codes()).isDisjoint(with: program.codeLists[Int(f.aux)]))
        case .listAllExact: return Truth(Set(program.codeLists[Int(f.aux)]).isSubset(of: Set(codes())))
        case .matches:
            guard v.text >= 0 else { return .unknown }
            let s = fromDefault ? program.defaultStrings[Int(v.text)] : table.strings[Int(v.text)]
            return Truth(program.regexes[Int(f.aux)].matches(s))
        case .never: return .unknown
        }
    }

    private func maskCodes(_ m: UInt64) -> [Int32] { (0..<64).compactMap { m & (1 << UInt64($0)) != 0 ? Int32($0) : nil } }

    /// The plain reading of a predicate from the descriptor's dictionaries: the meaning the compiled
    /// tests must agree with (a test compares the two on every sample), and the answer for a
    /// predicate the pack did not compile.
    /// What the descriptor states of a predicate's fact: its value, or `.object` for a stated group.
    static func stated(_ p: Predicate, _ d: Descriptor) -> FactValue? {
        if let v = d.values[p.path] { return v }
        if case .object = p.fact.type, d.spans[p.path] != nil { return .object }
        return nil
    }

    static func reference(_ p: Predicate, _ d: Descriptor, _ e: Evaluator?) -> Truth {
        if case .exists(let want) = p.op { return Truth(d.states(p.path) == want) }
        let v: FactValue?
        if let e { v = e.value(p) } else { v = stated(p, d) ?? p.fact.defaultValue }
        guard let v else { return .unknown }
        func compare(_ a: FactValue, _ b: FactValue) -> Int? {
            switch (a, b) {
            case (.number(let x), .number(let y)):
                if x.isNaN || y.isNaN { return nil }
                return x < y ? -1 : (x > y ? 1 : 0)
            case (.date(let x), .date(let y)): return x < y ? -1 : (x > y ? 1 : 0)
            default: return nil
            }
        }
        switch (p.op, v) {
        case (.equals(let x), _): return Truth(v == x)
        case (.in(let xs), _): return Truth(xs.contains(v))
        case (.contains(let x), .list(let items)): return Truth(items.contains(x))
        case (.containsAny(let xs), .list(let items)): return Truth(xs.contains(where: items.contains))
        case (.containsAll(let xs), .list(let items)): return Truth(xs.allSatisfy(items.contains))
        case (.gt(let x), _): return compare(v, x).map { Truth($0 > 0) } ?? .unknown
        case (.gte(let x), _): return compare(v, x).map { Truth($0 >= 0) } ?? .unknown
        case (.lt(let x), _): return compare(v, x).map { Truth($0 < 0) } ?? .unknown
        case (.lte(let x), _): return compare(v, x).map { Truth($0 <= 0) } ?? .unknown
        case (.matches(let r), .string(let s)): return Truth(r.matches(s))
        default: return .unknown
        }
    }

    /// The unstated facts behind an unknown result: only branches that are themselves unknown.
    public func decidingFacts(_ c: Condition) -> [String] {
        guard let n = state.program.lookup(c) else { return [] }
        return decidingFacts(node: n)
    }

    func decidingFacts(node: Int32) -> [String] {
        var out: [String] = []
        let program = state.program
        func walk(_ i: Int32) {
            guard truth(node: i) == .unknown else { return }
            let n = program.nodes[Int(i)]
            switch n.kind {
            case .all, .any: for k in n.first..<(n.first + n.count) { walk(program.kids[Int(k)]) }
            case .not: walk(n.first)
            case .tier: out.append(contentsOf: decisionValue?.decidingFacts ?? [])
            case .predicate: out.append(program.predicates[Int(n.first)].path)
            }
        }
        walk(node)
        return unique(out)
    }

    /// The evidence facts that keep a `satisfiedWhen` from holding.
    func failingFacts(node: Int32) -> [String] {
        var out: [String] = []
        let program = state.program
        func walk(_ i: Int32, want: Truth) {
            let t = truth(node: i)
            guard t != want else { return }
            let n = program.nodes[Int(i)]
            switch n.kind {
            case .all, .any: for k in n.first..<(n.first + n.count) { walk(program.kids[Int(k)], want: want) }
            case .not: walk(n.first, want: !want)
            case .tier: break
            case .predicate: out.append(program.predicates[Int(n.first)].path)
            }
        }
        walk(node, want: .true)
        return unique(out)
    }

    /// The predicates that justify a node's (known) truth value: for `all` that holds, every
    /// conjunct's support; for `any` that holds, the first branch that holds; mirrored under `not`.
    func support(node i: Int32, _ want: Truth = .true) -> [Int32] {
        guard truth(node: i) == want, want != .unknown else { return [] }
        let program = state.program
        let n = program.nodes[Int(i)]
        switch n.kind {
        case .predicate: return [n.first]
        case .not: return support(node: n.first, !want)
        case .tier: return []
        case .all, .any:
            let conjunctive = n.kind == .all ? want == .true : want == .false
            let children = (n.first..<(n.first + n.count)).map { program.kids[Int($0)] }
            if conjunctive { return children.flatMap { support(node: $0, want) } }
            for s in children where truth(node: s) == want { return support(node: s, want) }
            return []
        }
    }

    /// A predicate's fact as reports show it: value and place, or "not stated".
    func factRef(_ p: Predicate) -> FactRef {
        let stated = descriptor.values[p.path] ?? (descriptor.spans[p.path] != nil ? .object : nil)
        let span = descriptor.spans[p.path]
        let shown = stated ?? p.fact.defaultValue
        return FactRef(path: p.path, value: shown?.description, assumed: stated == nil && shown != nil,
                       line: span?.start.line, column: span?.start.column)
    }

    /// The first stated fact that made a node true, to anchor a finding in the descriptor.
    func anchor(node: Int32) -> SourceSpan? {
        for k in support(node: node) { if let s = descriptor.spans[state.program.predicates[Int(k)].path] { return s } }
        return nil
    }

    func unique(_ xs: [String]) -> [String] {
        if xs.count < 2 { return xs }
        // Short lists (the usual case) without hashing.
        if xs.count <= 12 {
            var out: [String] = []
            out.reserveCapacity(xs.count)
            for x in xs where !out.contains(x) { out.append(x) }
            return out
        }
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }

    // MARK: Tiers

    func reason(_ r: TierRule, node: Int32, citation: CitationRef) -> TierReason {
        var facts: [FactRef] = []
        var seen = Set<String>()
        if node >= 0 {
            for k in support(node: node) {
                let p = state.program.predicates[Int(k)]
                if seen.insert(p.path).inserted { facts.append(factRef(p)) }
            }
        }
        return TierReason(rule: r.id, citation: citation, appliesFrom: r.appliesFrom, rationale: r.rationale, facts: facts)
    }

    /// The first tier that holds on `date`; `needs-review` when a tier above it is unknown.
    public func decideTier() -> TierDecision {
        let nodes = compiled.tierRules
        // Coverage asks whether each rule's condition was seen true and false, so under coverage
        // every rule is evaluated, including those below the tier that decides.
        if recording, recorder.ruleOutcomes != nil {
            for (ti, tier) in rules.tiers.enumerated() { for (ri, rule) in tier.rules.enumerated() where nodes[ti][ri] >= 0 {
                recorder.ruleOutcomes?[rule.id, default: []].insert(truth(node: nodes[ti][ri]))
            } }
        }
        var doubtful: [Tier] = []
        var facts: [String] = []
        for (ti, tier) in rules.tiers.enumerated() {
            var held: [Int] = []
            var unknown = false
            if tier.otherwise {
                if doubtful.isEmpty, let rule = tier.rules.first {
                    return TierDecision(status: .decided, tier: tier.id, title: tier.title, severity: tier.severity,
                                        reasons: [reason(rule, node: -1, citation: compiled.tierRuleCitations[ti][0])],
                                        possible: [], decidingFacts: [])
                }
                doubtful.append(tier)
                break
            }
            for (ri, rule) in tier.rules.enumerated() where rule.appliesFrom <= date {
                let node = nodes[ti][ri]
                guard node >= 0 else { continue }
                switch truth(node: node) {
                case .true: held.append(ri)
                case .unknown:
                    unknown = true
                    facts.append(contentsOf: decidingFacts(node: node))
                case .false: break
                }
            }
            if !held.isEmpty {
                let reasons = held.map { reason(tier.rules[$0], node: nodes[ti][$0], citation: compiled.tierRuleCitations[ti][$0]) }
                if doubtful.isEmpty {
                    return TierDecision(status: .decided, tier: tier.id, title: tier.title, severity: tier.severity, reasons: reasons,
                                        possible: [], decidingFacts: [])
                }
                return TierDecision(status: .needsReview, tier: tier.id, title: tier.title, severity: tier.severity,
                                    reasons: reasons, possible: doubtful.map(\.id) + [tier.id], decidingFacts: unique(facts))
            }
            if unknown { doubtful.append(tier) }
        }
        if doubtful.isEmpty {
            return TierDecision(status: .unclassified, tier: nil, title: nil, severity: .none, reasons: [], possible: [],
                                decidingFacts: [])
        }
        return TierDecision(status: .needsReview, tier: nil, title: nil, severity: doubtful.map(\.severity).max() ?? .none,
                            reasons: [], possible: doubtful.map(\.id), decidingFacts: unique(facts))
    }

    // MARK: Obligations

    /// Whether the obligation binds the operator: through a stated role, or through a role the law
    /// assigns (a derived role whose condition holds). Unknown names the facts that would decide.
    func bindsTruth(_ o: Obligation, _ c: CompiledObligation, facts wanted: Bool = true) -> (Truth, [String], Int?) {
        guard c.binds >= 0, let p = o.bindsTest else { return (.true, [], nil) }
        var result = truth(node: c.binds)
        if result == .true { return (.true, [], nil) }
        var deciding = result == .unknown && wanted ? [p.path] : []
        for (i, dr) in pack.derivedRoles.enumerated() where o.binds.contains(dr.role) {
            let node = pack.derivedRoleNodes[i]
            switch truth(node: node) {
            case .true: return (.true, [], i)
            case .unknown:
                result = .unknown
                if wanted { deciding.append(contentsOf: decidingFacts(node: node)) }
            case .false: break
            }
        }
        return (result, wanted ? unique(deciding) : [], nil)
    }

    /// The start date of an obligation that applies: the first dated route that holds. When an
    /// earlier route is unknown, every date still possible is returned with the facts that decide.
    func start(_ o: Obligation, _ c: CompiledObligation, facts wanted: Bool = true) -> (dates: [Day], route: String?, deciding: [String]) {
        guard !o.startRoutes.isEmpty else { return ([o.appliesFrom], nil, []) }
        var dates: [Day] = []
        var deciding: [String] = []
        for (i, route) in o.startRoutes.enumerated() {
            let t = c.routes[i] >= 0 ? truth(node: c.routes[i]) : .true
            switch t {
            case .false: continue
            case .true:
                if !dates.contains(route.from) { dates.append(route.from) }
                return (dates, dates.count == 1 ? route.name : nil, unique(deciding))
            case .unknown:
                if !dates.contains(route.from) { dates.append(route.from) }
                if wanted, c.routes[i] >= 0 { deciding.append(contentsOf: decidingFacts(node: c.routes[i])) }
            }
        }
        return (dates, nil, unique(deciding))
    }

    /// The status alone (what the timeline needs to know whether to look further), judging the
    /// same nodes as the full evaluation so nothing differs when the full one follows.
    func status(_ o: Obligation, _ c: CompiledObligation) -> ObligationStatus {
        let (bound, _, _) = bindsTruth(o, c, facts: false)
        let appliesT = c.applies >= 0 ? truth(node: c.applies) : .true
        var applies = bound
        if bound != .false {
            if appliesT == .false { applies = .false } else if appliesT == .unknown { applies = .unknown }
        }
        var status: ObligationStatus
        switch applies {
        case .false: status = .notApplicable
        case .unknown: status = .undetermined
        case .true:
            let s = start(o, c, facts: false)
            if s.dates.isEmpty {
                status = .undetermined
            } else if s.dates.allSatisfy({ $0 > date }) {
                status = .upcoming
            } else if s.dates.allSatisfy({ $0 <= date }) {
                status = .missing  // met or missing: in force either way
            } else {
                status = .undetermined
            }
        }
        if o.disabledReason != nil && status != .notApplicable { status = .disabled }
        return status
    }

    public func evaluate(_ o: Obligation) -> ObligationResult {
        guard let i = compiled.obligationIndex[o.id] else {
            // An obligation of another text than this evaluator's: judged under its own text.
            let f = pack.resolved.indices.first { pack.resolved[$0].obligations.contains { $0.id == o.id && $0.span == o.span } }
            let c = CompiledRules(pack.resolved[f ?? 0], pack.program) { CitationFormatter.reference($0, in: pack) }
            return evaluate(o, compiled: c.obligations[c.obligationIndex[o.id] ?? 0])
        }
        return evaluate(o, compiled: compiled.obligations[i])
    }

    func evaluate(_ o: Obligation, compiled c: CompiledObligation) -> ObligationResult {
        let (bound, roleFacts, via) = bindsTruth(o, c)
        let appliesT = c.applies >= 0 ? truth(node: c.applies) : .true
        var applies = bound
        if bound != .false {
            if appliesT == .false { applies = .false } else if appliesT == .unknown { applies = .unknown }
        }
        if recording { recorder.ruleOutcomes?[o.id, default: []].insert(applies) }
        var status: ObligationStatus
        var missing: [String] = []
        var deciding: [String] = []
        var from = o.appliesFrom
        var possible: [Day] = []
        var route: String?
        switch applies {
        case .false: status = .notApplicable
        case .unknown:
            status = .undetermined
            deciding = unique(roleFacts + (appliesT == .unknown && c.applies >= 0 ? decidingFacts(node: c.applies) : []))
        case .true:
            let s = start(o, c)
            route = s.route
            if s.dates.count > 1 { possible = s.dates.sorted() }
            if let first = s.dates.first, s.dates.count == 1 { from = first } else if let earliest = s.dates.min() { from = earliest }
            if s.dates.isEmpty {
                // No dated route holds although the duty applies: the pack leaves the date open.
                status = .undetermined
                deciding = s.deciding
            } else if s.dates.allSatisfy({ $0 > date }) {
                status = .upcoming
            } else if s.dates.allSatisfy({ $0 <= date }) {
                if c.satisfied >= 0, truth(node: c.satisfied) == .true {
                    status = .met
                } else {
                    status = .missing
                    missing = c.satisfied >= 0 ? failingFacts(node: c.satisfied) : []
                }
            } else {
                // In force on one route and not yet on another: the route's facts decide.
                status = .undetermined
                deciding = s.deciding
            }
        }
        let span = (c.applies >= 0 ? anchor(node: c.applies) : nil) ?? descriptor.span
        let evidence = (status == .missing ? missing.first : status == .undetermined ? deciding.first : nil).flatMap(place)
        if o.disabledReason != nil && status != .notApplicable { status = .disabled }
        return ObligationResult(
            id: o.id, title: o.title, status: status, severity: o.severity, citation: c.citation,
            binds: o.binds, appliesFrom: from, possibleStarts: possible, route: route, tierAtStart: nil,
            boundAs: via.map { DerivedRoleRef(role: pack.derivedRoles[$0].role, citation: pack.derivedRoleCitations[$0]) }, textBaseline: nil,
            remediation: status == .missing || status == .upcoming ? o.remediation : nil,
            missingEvidence: missing, decidingFacts: deciding, disabledReason: o.disabledReason,
            line: span.start.line, column: span.start.column, evidenceLine: evidence?.start.line, evidenceColumn: evidence?.start.column)
    }

    /// Where a fact is written, or its closest stated enclosing mapping (`eu.evidence` for
    /// `eu.evidence.fria.ref`), so a finding can point at where to add it.
    func place(_ path: String) -> SourceSpan? {
        if let known = state.places[path] { return known }
        var found = descriptor.spans[path]
        var p = Substring(path)
        while found == nil, let dot = p.lastIndex(of: ".") {
            p = p[..<dot]
            found = descriptor.spans[String(p)]
        }
        state.places[path] = .some(found)
        return found
    }
}

extension Truth {
    /// The three values in a fixed order, for compact storage.
    static let all: [Truth] = [.true, .false, .unknown]

    /// 1 + the index in `all`, so 0 can mean "not judged yet".
    static func code(_ t: Truth) -> UInt8 {
        switch t {
        case .true: return 1
        case .false: return 2
        case .unknown: return 3
        }
    }
}

extension TierDecision {
    /// True when two decisions give the same answer (status, tier and possible tiers), whatever
    /// the reasons: the timeline lists a date only when the answer changes.
    func sameOutcome(as other: TierDecision) -> Bool {
        status == other.status && tier == other.tier && possible == other.possible
    }
}

extension ObligationResult {
    /// This result, as a duty that starts later: on `from`, possibly under another tier.
    func upcoming(status: ObligationStatus, from: Day, tierAtStart: String?, remediation: LocalizedText, textBaseline: String?) -> ObligationResult {
        ObligationResult(id: id, title: title, status: status, severity: severity, citation: citation, binds: binds,
                         appliesFrom: from, possibleStarts: possibleStarts, route: route, tierAtStart: tierAtStart,
                         boundAs: boundAs, textBaseline: textBaseline, remediation: status == .upcoming ? remediation : nil, missingEvidence: [],
                         decidingFacts: decidingFacts, disabledReason: disabledReason, line: line, column: column,
                         evidenceLine: status == .undetermined ? evidenceLine : nil, evidenceColumn: status == .undetermined ? evidenceColumn : nil)
    }
}
