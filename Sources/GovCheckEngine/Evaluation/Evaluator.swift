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

/// Evaluates conditions, tiers and obligations of one pack against one descriptor.
public struct Evaluator {
    public let pack: RulePack
    public let rules: ResolvedRules
    public let asOf: Day
    let descriptor: Descriptor
    let recorder: EvaluationRecorder
    var decision: TierDecision?

    public init(pack: RulePack, descriptor: Descriptor, asOf: Day, baseline: String?, recorder: EvaluationRecorder = .init()) {
        self.pack = pack
        self.rules = pack.rules(asOf: asOf, baseline: baseline)
        self.asOf = asOf
        self.descriptor = descriptor
        self.recorder = recorder
    }

    /// Evaluates the pack: tier first (obligations may refer to it), then every obligation.
    public static func evaluate(pack: RulePack, descriptor: Descriptor, asOf: Day, baseline: String?,
                                includeNotApplicable: Bool, recorder: EvaluationRecorder = .init()) -> PackEvaluation {
        var e = Evaluator(pack: pack, descriptor: descriptor, asOf: asOf, baseline: baseline, recorder: recorder)
        let decision = e.decideTier()
        e.decision = decision
        for tier in e.rules.tiers where tier.otherwise {
            recorder.ruleOutcomes?[tier.id, default: []].insert(Truth(decision.status == .decided && decision.tier == tier.id))
        }
        var obligations = e.rules.obligations.map { e.evaluate($0) }
        if !includeNotApplicable { obligations.removeAll { $0.status == .notApplicable } }
        obligations.sort { (statusOrder($0.status), $1.severity, $0.id) < (statusOrder($1.status), $0.severity, $1.id) }
        return PackEvaluation(pack: pack.id, packVersion: pack.version, jurisdiction: pack.jurisdiction,
                              baseline: e.rules.baseline?.id, asOf: asOf, tier: decision, obligations: obligations,
                              assumptions: recorder.assumptions.sorted())
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
        case .predicate(let p):
            let t = predicateTruth(p)
            recorder.predicateOutcomes?[p.id, default: []].insert(t)
            return t
        }
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

    /// The first stated fact that made a condition true, to anchor a finding in the descriptor.
    func anchor(_ c: Condition) -> SourceSpan? {
        guard truth(c) == .true else { return nil }
        switch c {
        case .all(let cs, _), .any(let cs, _):
            for s in cs { if let a = anchor(s) { return a } }
            return nil
        case .use(_, let s, _): return anchor(s)
        case .not, .tier: return nil
        case .predicate(let p): return descriptor.spans[p.path]
        }
    }

    func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }

    // MARK: Tiers

    func reason(_ r: TierRule) -> TierReason {
        TierReason(rule: r.id, citation: CitationFormatter.reference(r.citation, in: pack), appliesFrom: r.appliesFrom,
                   rationale: r.rationale)
    }

    /// The first tier that holds; `needs-review` when a tier above it is unknown.
    public func decideTier() -> TierDecision {
        // Coverage asks whether each rule's condition was seen true and false, so under coverage
        // every rule is evaluated, including those below the tier that decides.
        if recorder.ruleOutcomes != nil {
            for tier in rules.tiers { for rule in tier.rules { if let w = rule.when {
                recorder.ruleOutcomes?[rule.id, default: []].insert(truth(w))
            } } }
        }
        var doubtful: [Tier] = []
        var facts: [String] = []
        var upcoming: [TierReason] = []
        for tier in rules.tiers {
            var held: [TierRule] = []
            var unknown = false
            if tier.otherwise {
                if doubtful.isEmpty, let rule = tier.rules.first {
                    return TierDecision(status: .decided, tier: tier.id, title: tier.title, severity: tier.severity,
                                        reasons: [reason(rule)], possible: [], decidingFacts: [], upcoming: upcoming)
                }
                doubtful.append(tier)
                break
            }
            for rule in tier.rules {
                guard let when = rule.when else { continue }
                let t = truth(when)
                recorder.ruleOutcomes?[rule.id, default: []].insert(t)
                guard rule.appliesFrom <= asOf else {
                    if t == .true { upcoming.append(reason(rule)) }
                    continue
                }
                switch t {
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
                                        possible: [], decidingFacts: [], upcoming: upcoming)
                }
                return TierDecision(status: .needsReview, tier: tier.id, title: tier.title, severity: tier.severity,
                                    reasons: reasons, possible: doubtful.map(\.id) + [tier.id], decidingFacts: unique(facts),
                                    upcoming: upcoming)
            }
            if unknown { doubtful.append(tier) }
        }
        if doubtful.isEmpty {
            return TierDecision(status: .unclassified, tier: nil, title: nil, severity: .none, reasons: [], possible: [],
                                decidingFacts: [], upcoming: upcoming)
        }
        return TierDecision(status: .needsReview, tier: nil, title: nil, severity: doubtful.map(\.severity).max() ?? .none,
                            reasons: [], possible: doubtful.map(\.id), decidingFacts: unique(facts), upcoming: upcoming)
    }

    // MARK: Obligations

    func bindsTruth(_ o: Obligation) -> (Truth, [String]) {
        guard let p = o.bindsPredicate(in: pack) else { return (.true, []) }
        let t = predicateTruth(p)
        return (t, t == .unknown ? [p.path] : [])
    }

    public func evaluate(_ o: Obligation) -> ObligationResult {
        let (bound, roleFacts) = bindsTruth(o)
        let appliesT = o.appliesWhen.map(truth) ?? .true
        var applies = bound
        if bound != .false {
            if appliesT == .false { applies = .false } else if appliesT == .unknown { applies = .unknown }
        }
        recorder.ruleOutcomes?[o.id, default: []].insert(applies)
        let status: ObligationStatus
        var missing: [String] = []
        var deciding: [String] = []
        switch applies {
        case .false: status = .notApplicable
        case .unknown:
            status = .undetermined
            deciding = unique(roleFacts + (appliesT == .unknown ? o.appliesWhen.map(decidingFacts) ?? [] : []))
        case .true:
            if o.appliesFrom > asOf {
                status = .upcoming
            } else if let s = o.satisfiedWhen, truth(s) == .true {
                status = .met
            } else {
                status = .missing
                missing = o.satisfiedWhen.map(failingFacts) ?? []
            }
        }
        let span = (o.appliesWhen.flatMap(anchor)) ?? descriptor.span
        return ObligationResult(
            id: o.id, title: o.title, status: o.disabledReason != nil && status != .notApplicable ? .disabled : status,
            severity: o.severity, citation: CitationFormatter.reference(o.citation, in: pack), binds: o.binds,
            appliesFrom: o.appliesFrom, remediation: status == .missing || status == .upcoming ? o.remediation : nil,
            missingEvidence: missing, decidingFacts: deciding, disabledReason: o.disabledReason,
            line: span.start.line, column: span.start.column)
    }
}
