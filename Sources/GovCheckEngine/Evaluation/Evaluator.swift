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

/// Truths of a descriptor's predicates, computed once per descriptor and pack: predicates do not
/// depend on the date, so the tier timeline re-reads them at every date for free.
final class PredicateMemo {
    /// 0: not computed; otherwise 1 + the raw index of the truth.
    var slots: [UInt8]
    init(count: Int) { slots = [UInt8](repeating: 0, count: max(count, 0)) }
}

/// Evaluates conditions, tiers and obligations of one pack against one descriptor, on the
/// evaluation date and on every later date on which the pack's answer can change.
public struct Evaluator {
    public let pack: RulePack
    /// The rules in force on `date` (the baseline of that date, or the forced one).
    public private(set) var rules: ResolvedRules
    /// The date this evaluator judges, the evaluation date or a later one of the timeline.
    public private(set) var date: Day
    public let asOf: Day
    let baseline: String?
    let descriptor: Descriptor
    let recorder: EvaluationRecorder
    let memo: PredicateMemo
    /// When false, outcomes are not recorded for coverage (later dates of the timeline).
    var recording = true
    var decision: TierDecision?

    public init(pack: RulePack, descriptor: Descriptor, asOf: Day, baseline: String?, recorder: EvaluationRecorder = .init()) {
        self.pack = pack
        self.rules = pack.rules(asOf: asOf, baseline: baseline)
        self.asOf = asOf
        self.date = asOf
        self.baseline = baseline
        self.descriptor = descriptor
        self.recorder = recorder
        self.memo = PredicateMemo(count: pack.predicateCount)
    }

    /// The same descriptor judged on a later date: that date's rules, no coverage recording.
    func moved(to day: Day) -> Evaluator {
        var e = self
        e.date = day
        e.rules = pack.rules(asOf: day, baseline: baseline)
        e.recording = false
        e.decision = nil
        return e
    }

    /// Evaluates the pack: the tier first (obligations may refer to it), its timeline, then every
    /// obligation, with duties that start later (on their own date or with a later tier) as upcoming.
    public static func evaluate(pack: RulePack, descriptor: Descriptor, asOf: Day, baseline: String?,
                                includeNotApplicable: Bool, recorder: EvaluationRecorder = .init()) -> PackEvaluation {
        var e = Evaluator(pack: pack, descriptor: descriptor, asOf: asOf, baseline: baseline, recorder: recorder)
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
            var f = e.moved(to: day)
            let d = f.decideTier()
            f.decision = d
            later.append(f)
            if !d.sameOutcome(as: last) {
                timeline.append(TierChange(from: day, baseline: f.rules.baseline?.id, decision: d))
                last = d
            }
        }
        var obligations: [ObligationResult] = []
        var seen = Set<String>()
        for o in e.rules.obligations {
            seen.insert(o.id)
            var result = e.evaluate(o)
            if result.status == .notApplicable || result.status == .upcoming {
                result = Evaluator.firstInForce(o.id, later, decisionNow: decision, baselineNow: e.rules.baseline?.id) ?? result
            }
            obligations.append(result)
        }
        // Duties that only a later text of the law introduces.
        for f in later {
            for o in f.rules.obligations where !seen.contains(o.id) {
                seen.insert(o.id)
                if let r = Evaluator.firstInForce(o.id, later, decisionNow: decision, baselineNow: e.rules.baseline?.id) { obligations.append(r) }
            }
        }
        if !includeNotApplicable { obligations.removeAll { $0.status == .notApplicable } }
        obligations.sort { (statusOrder($0.status), $1.severity, $0.id) < (statusOrder($1.status), $0.severity, $1.id) }
        return PackEvaluation(pack: pack.id, packVersion: pack.version, jurisdiction: pack.jurisdiction,
                              baseline: e.rules.baseline?.id, asOf: asOf, tier: decision, timeline: timeline,
                              obligations: obligations, assumptions: recorder.assumptions.sorted())
    }

    /// The obligation as of the first later date on which it is in force (or on which whether it
    /// applies hinges on unstated facts), reported as upcoming from that date; nil if never.
    static func firstInForce(_ id: String, _ later: [Evaluator], decisionNow: TierDecision, baselineNow: String?) -> ObligationResult? {
        for f in later {
            guard let o = f.rules.obligations.first(where: { $0.id == id }) else { continue }
            let r = f.evaluate(o)
            switch r.status {
            case .notApplicable, .upcoming, .waived: continue
            case .undetermined, .missing, .met, .disabled:
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
        }
        return nil
    }

    static func statusOrder(_ s: ObligationStatus) -> Int { ObligationStatus.allCases.firstIndex(of: s)! }

    // MARK: Conditions

    /// The three-valued truth of a condition.
    public func truth(_ c: Condition) -> Truth {
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
        case .predicate(let p): return memoized(p)
        }
    }

    /// A predicate's truth from the memo, computed and recorded on first use.
    func memoized(_ p: Predicate) -> Truth {
        guard p.id >= 0, p.id < memo.slots.count else { return predicateTruth(p) }
        let slot = memo.slots[p.id]
        if slot != 0 { return Truth.all[Int(slot) - 1] }
        let t = predicateTruth(p)
        memo.slots[p.id] = UInt8(Truth.all.firstIndex(of: t)! + 1)
        recorder.predicateOutcomes?[p.id, default: []].insert(t)
        return t
    }

    func tierTruth(_ id: String) -> Truth {
        guard let d = decision else { return .unknown }
        switch d.status {
        case .decided: return Truth(d.tier == id)
        case .needsReview: return d.possible.contains(id) ? .unknown : .false
        case .unclassified: return .false
        }
    }

    /// The value of a fact: stated, or its default (recorded as an assumption), or nil when unknown.
    public func value(_ p: Predicate) -> FactValue? {
        if let v = descriptor.values[p.path] { return v }
        if case .object = p.fact.type, descriptor.spans[p.path] != nil { return .object }
        if let d = p.fact.defaultValue {
            recorder.assumptions.insert(Assumption(fact: p.path, value: d.description))
            return d
        }
        return nil
    }

    public func predicateTruth(_ p: Predicate) -> Truth {
        if case .exists(let want) = p.op { return Truth(descriptor.states(p.path) == want) }
        guard let v = value(p) else { return .unknown }
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

    func compare(_ a: FactValue, _ b: FactValue) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            if x.isNaN || y.isNaN { return nil }
            return x < y ? -1 : (x > y ? 1 : 0)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        default: return nil
        }
    }

    /// The unstated facts behind an unknown result: only branches that are themselves unknown.
    public func decidingFacts(_ c: Condition) -> [String] {
        var out: [String] = []
        func walk(_ c: Condition) {
            guard truth(c) == .unknown else { return }
            switch c {
            case .all(let cs, _), .any(let cs, _): cs.forEach(walk)
            case .not(let s, _), .use(_, let s, _): walk(s)
            case .tier: out.append(contentsOf: decision?.decidingFacts ?? [])
            case .predicate(let p): out.append(p.path)
            }
        }
        walk(c)
        return unique(out)
    }

    /// The evidence facts that keep a `satisfiedWhen` from holding.
    func failingFacts(_ c: Condition) -> [String] {
        var out: [String] = []
        func walk(_ c: Condition, want: Truth) {
            let t = truth(c)
            guard t != want else { return }
            switch c {
            case .all(let cs, _), .any(let cs, _): cs.forEach { walk($0, want: want) }
            case .not(let s, _): walk(s, want: !want)
            case .use(_, let s, _): walk(s, want: want)
            case .tier: break
            case .predicate(let p): out.append(p.path)
            }
        }
        walk(c, want: .true)
        return unique(out)
    }

    /// The predicates that justify a condition's (known) truth value: for `all` that holds, every
    /// conjunct's support; for `any` that holds, the first branch that holds; mirrored under `not`.
    func support(_ c: Condition, _ want: Truth = .true) -> [Predicate] {
        guard truth(c) == want, want != .unknown else { return [] }
        switch c {
        case .predicate(let p): return [p]
        case .use(_, let s, _): return support(s, want)
        case .not(let s, _): return support(s, !want)
        case .tier: return []
        case .all(let cs, _), .any(let cs, _):
            let conjunctive: Bool
            if case .all = c { conjunctive = want == .true } else { conjunctive = want == .false }
            if conjunctive { return cs.flatMap { support($0, want) } }
            for s in cs where truth(s) == want { return support(s, want) }
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

    /// The first stated fact that made a condition true, to anchor a finding in the descriptor.
    func anchor(_ c: Condition) -> SourceSpan? {
        for p in support(c) { if let s = descriptor.spans[p.path] { return s } }
        return nil
    }

    func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }

    // MARK: Tiers

    func reason(_ r: TierRule) -> TierReason {
        var facts: [FactRef] = []
        var seen = Set<String>()
        for p in r.when.map({ support($0) }) ?? [] where seen.insert(p.path).inserted { facts.append(factRef(p)) }
        return TierReason(rule: r.id, citation: CitationFormatter.reference(r.citation, in: pack), appliesFrom: r.appliesFrom,
                          rationale: r.rationale, facts: facts)
    }

    /// The first tier that holds on `date`; `needs-review` when a tier above it is unknown.
    public func decideTier() -> TierDecision {
        // Coverage asks whether each rule's condition was seen true and false, so under coverage
        // every rule is evaluated, including those below the tier that decides.
        if recording, recorder.ruleOutcomes != nil {
            for tier in rules.tiers { for rule in tier.rules { if let w = rule.when {
                recorder.ruleOutcomes?[rule.id, default: []].insert(truth(w))
            } } }
        }
        var doubtful: [Tier] = []
        var facts: [String] = []
        for tier in rules.tiers {
            var held: [TierRule] = []
            var unknown = false
            if tier.otherwise {
                if doubtful.isEmpty, let rule = tier.rules.first {
                    return TierDecision(status: .decided, tier: tier.id, title: tier.title, severity: tier.severity,
                                        reasons: [reason(rule)], possible: [], decidingFacts: [])
                }
                doubtful.append(tier)
                break
            }
            for rule in tier.rules where rule.appliesFrom <= date {
                guard let when = rule.when else { continue }
                switch truth(when) {
                case .true: held.append(rule)
                case .unknown:
                    unknown = true
                    facts.append(contentsOf: decidingFacts(when))
                case .false: break
                }
            }
            if !held.isEmpty {
                let reasons = held.map(reason)
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
    func bindsTruth(_ o: Obligation) -> (Truth, [String], DerivedRole?) {
        guard let p = o.bindsPredicate(in: pack) else { return (.true, [], nil) }
        var result = predicateTruth(p)
        if result == .true { return (.true, [], nil) }
        var deciding = result == .unknown ? [p.path] : []
        for dr in pack.derivedRoles where o.binds.contains(dr.role) {
            switch truth(dr.when) {
            case .true: return (.true, [], dr)
            case .unknown:
                result = .unknown
                deciding.append(contentsOf: decidingFacts(dr.when))
            case .false: break
            }
        }
        return (result, unique(deciding), nil)
    }

    /// The start date of an obligation that applies: the first dated route that holds. When an
    /// earlier route is unknown, every date still possible is returned with the facts that decide.
    func start(_ o: Obligation) -> (dates: [Day], route: String?, deciding: [String]) {
        guard !o.startRoutes.isEmpty else { return ([o.appliesFrom], nil, []) }
        var dates: [Day] = []
        var deciding: [String] = []
        for route in o.startRoutes {
            let t = route.when.map(truth) ?? .true
            switch t {
            case .false: continue
            case .true:
                if !dates.contains(route.from) { dates.append(route.from) }
                return (dates, dates.count == 1 ? route.name : nil, unique(deciding))
            case .unknown:
                if !dates.contains(route.from) { dates.append(route.from) }
                deciding.append(contentsOf: route.when.map(decidingFacts) ?? [])
            }
        }
        return (dates, nil, unique(deciding))
    }

    public func evaluate(_ o: Obligation) -> ObligationResult {
        let (bound, roleFacts, via) = bindsTruth(o)
        let appliesT = o.appliesWhen.map(truth) ?? .true
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
            deciding = unique(roleFacts + (appliesT == .unknown ? o.appliesWhen.map(decidingFacts) ?? [] : []))
        case .true:
            let s = start(o)
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
                if let sat = o.satisfiedWhen, truth(sat) == .true {
                    status = .met
                } else {
                    status = .missing
                    missing = o.satisfiedWhen.map(failingFacts) ?? []
                }
            } else {
                // In force on one route and not yet on another: the route's facts decide.
                status = .undetermined
                deciding = s.deciding
            }
        }
        let span = (o.appliesWhen.flatMap(anchor)) ?? descriptor.span
        let evidence = (status == .missing ? missing.first : status == .undetermined ? deciding.first : nil).flatMap(place)
        if o.disabledReason != nil && status != .notApplicable { status = .disabled }
        return ObligationResult(
            id: o.id, title: o.title, status: status, severity: o.severity, citation: CitationFormatter.reference(o.citation, in: pack),
            binds: o.binds, appliesFrom: from, possibleStarts: possible, route: route, tierAtStart: nil,
            boundAs: via.map { DerivedRoleRef(role: $0.role, citation: CitationFormatter.reference($0.citation, in: pack)) }, textBaseline: nil,
            remediation: status == .missing || status == .upcoming ? o.remediation : nil,
            missingEvidence: missing, decidingFacts: deciding, disabledReason: o.disabledReason,
            line: span.start.line, column: span.start.column, evidenceLine: evidence?.start.line, evidenceColumn: evidence?.start.column)
    }

    /// Where a fact is written, or its closest stated enclosing mapping (`eu.evidence` for
    /// `eu.evidence.fria.ref`), so a finding can point at where to add it.
    func place(_ path: String) -> SourceSpan? {
        if let s = descriptor.spans[path] { return s }
        var p = Substring(path)
        while let dot = p.lastIndex(of: ".") {
            p = p[..<dot]
            if let s = descriptor.spans[String(p)] { return s }
        }
        return nil
    }
}

extension Truth {
    /// The three values in a fixed order, for compact storage.
    static let all: [Truth] = [.true, .false, .unknown]
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
