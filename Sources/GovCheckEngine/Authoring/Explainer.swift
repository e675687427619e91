import YAMLTree

/// One node of an evaluation trace: a combinator or a leaf with the value it saw and where.
public struct TraceNode: Sendable, Encodable {
    public let label: String
    public let truth: Truth
    /// For leaves: the fact path, the descriptor's value (nil when not stated) and its place.
    public let fact: String?
    public let value: String?
    public let location: String?
    public let assumed: Bool
    public let children: [TraceNode]
}

/// The trace of one tier rule or obligation.
public struct RuleTrace: Sendable, Encodable {
    public let kind: String
    public let id: String
    public let citation: String
    public let outcome: String
    public let sections: [Section]

    /// A named condition of the rule (`when`, `binds`, `appliesWhen`, `satisfiedWhen`) and its trace.
    public struct Section: Sendable, Encodable {
        public let name: String
        public let trace: TraceNode
    }
}

/// Why a descriptor got its tier and obligation statuses under one pack, leaf by leaf.
public struct Explanation: Sendable, Encodable {
    public let descriptor: String
    public let pack: String
    public let baseline: String?
    public let asOf: Day
    public let tier: String
    /// Later tiers: "high-risk from 2027-12-02".
    public let timeline: [String]
    /// Set when the rule asked for is not in force on the evaluation date: when it is, and the
    /// traces then show it as evaluated on that date.
    public let notInForce: String?
    public let traces: [RuleTrace]
}

/// Builds explanations by re-walking the conditions the evaluator decided.
public enum Explainer {
    /// When a rule exists, in which text and from which date: nil when it is in force on `date`.
    static func notInForce(_ id: String, pack: RulePack, asOf date: Day, baseline: String?) -> (note: String, day: Day)? {
        let now = pack.rules(asOf: date, baseline: baseline)
        func start(_ r: ResolvedRules) -> Day? {
            r.tiers.lazy.flatMap(\.rules).first { $0.id == id }?.appliesFrom ?? r.obligations.first { $0.id == id }?.appliesFrom
        }
        let label = now.baseline.map { " (text \($0.id))" } ?? ""
        if let from = start(now) {
            guard from > date else { return nil }
            return ("'\(id)' is not in force on \(date)\(label): it applies from \(from)", from)
        }
        // Not in the text of this date: the first later text that has it (nil: not a rule of this pack).
        for (i, r) in pack.resolved.enumerated() {
            guard let from = start(r), let b = pack.baselines.indices.contains(i) ? pack.baselines[i] : nil, b.from > date else { continue }
            return ("'\(id)' is not in the text in force on \(date)\(label): it comes with '\(b.id)' (from \(b.from)) and applies from \(from)",
                    max(from, b.from))
        }
        return nil
    }

    public static func explain(pack: RulePack, descriptor: Descriptor, asOf requested: Day, baseline: String?, rule: String?) -> Explanation {
        // A rule that is not in force yet is explained as it will be evaluated on its start date.
        var asOf = requested
        var note: String?
        if let rule, let later = notInForce(rule, pack: pack, asOf: requested, baseline: baseline) {
            note = later.note + "; shown as evaluated on \(later.day)"
            asOf = later.day
        }
        let evaluation = Evaluator.evaluate(pack: pack, descriptor: descriptor, asOf: asOf, baseline: baseline, includeNotApplicable: true)
        let e = Evaluator(pack: pack, descriptor: descriptor, asOf: asOf, baseline: baseline)
        e.decision = evaluation.tier
        var traces: [RuleTrace] = []
        for tier in e.rules.tiers {
            for r in tier.rules where rule == nil || rule == r.id || rule == tier.id {
                let cite = CitationFormatter.reference(r.citation, in: pack)
                guard let when = r.when else {
                    traces.append(RuleTrace(kind: "tier \(tier.id) (otherwise)", id: r.id, citation: cite.label.en,
                                            outcome: evaluation.tier.tier == tier.id && evaluation.tier.status == .decided ? "holds" : "not reached",
                                            sections: []))
                    continue
                }
                let t = e.truth(when)
                var outcome = t == .true ? "holds" : (t == .false ? "does not hold" : "unknown")
                if r.appliesFrom > asOf { outcome += " (applies from \(r.appliesFrom); not counted yet)" }
                traces.append(RuleTrace(kind: "tier \(tier.id) rule", id: r.id, citation: cite.label.en, outcome: outcome,
                                        sections: [.init(name: "when", trace: trace(when, e))]))
            }
        }
        for o in e.rules.obligations where rule == nil || rule == o.id {
            let cite = CitationFormatter.reference(o.citation, in: pack)
            let status = evaluation.obligations.first { $0.id == o.id }?.status ?? .notApplicable
            var sections: [RuleTrace.Section] = []
            if let p = o.bindsPredicate(in: pack) {
                sections.append(.init(name: "binds", trace: trace(.predicate(p), e)))
                for dr in pack.derivedRoles where o.binds.contains(dr.role) {
                    let c = CitationFormatter.reference(dr.citation, in: pack).text.en
                    sections.append(.init(name: "binds as \(dr.role) under \(c)", trace: trace(dr.when, e)))
                }
            }
            if let a = o.appliesWhen { sections.append(.init(name: "appliesWhen", trace: trace(a, e))) }
            for route in o.startRoutes {
                guard let w = route.when else { continue }
                sections.append(.init(name: "appliesFrom \(route.from) when (\(route.name))", trace: trace(w, e)))
            }
            if let s = o.satisfiedWhen { sections.append(.init(name: "satisfiedWhen", trace: trace(s, e))) }
            let result = evaluation.obligations.first { $0.id == o.id }
            var outcome = status.rawValue
            if let result, status == .upcoming || status == .undetermined {
                outcome += " (from " + (result.possibleStarts.isEmpty ? result.appliesFrom.description : result.possibleStarts.map(\.description).joined(separator: " or "))
                    + (result.tierAtStart.map { ", with tier \($0)" } ?? "") + ")"
            }
            if let b = result?.boundAs { outcome += "; bound as \(b.role) under \(b.citation.label.en)" }
            traces.append(RuleTrace(kind: "obligation", id: o.id, citation: cite.label.en,
                                    outcome: outcome, sections: sections))
        }
        return Explanation(descriptor: "\(descriptor.name) (\(descriptor.span))", pack: pack.id, baseline: e.rules.baseline?.id,
                           asOf: asOf, tier: evaluation.tier.label,
                           timeline: evaluation.timeline.map { "\($0.decision.label) from \($0.from)" }, notInForce: note, traces: traces)
    }

    static func trace(_ c: Condition, _ e: Evaluator) -> TraceNode {
        let t = e.truth(c)
        switch c {
        case .all(let cs, _): return TraceNode(label: "all", truth: t, fact: nil, value: nil, location: nil, assumed: false, children: cs.map { trace($0, e) })
        case .any(let cs, _): return TraceNode(label: "any", truth: t, fact: nil, value: nil, location: nil, assumed: false, children: cs.map { trace($0, e) })
        case .not(let s, _): return TraceNode(label: "not", truth: t, fact: nil, value: nil, location: nil, assumed: false, children: [trace(s, e)])
        case .use(let name, let s, _): return TraceNode(label: "use \(name)", truth: t, fact: nil, value: nil, location: nil, assumed: false, children: [trace(s, e)])
        case .tier(let id, _):
            return TraceNode(label: "tier is \(id)", truth: t, fact: nil, value: e.decision?.label, location: nil, assumed: false, children: [])
        case .predicate(let p):
            let stated = e.descriptor.values[p.path] ?? (e.descriptor.spans[p.path] != nil ? .object : nil)
            let assumed = stated == nil && p.fact.defaultValue != nil
            let shown = stated ?? p.fact.defaultValue
            // The descriptor's value reaches the trace as written: escape it, and cut a long one.
            return TraceNode(label: "\(p.path) \(p.op.name) \(p.op.operand)", truth: t, fact: p.path,
                             value: shown.map { DisplayText.capped($0.description, limit: 200) },
                             location: e.descriptor.spans[p.path].map { "\($0)" }, assumed: assumed, children: [])
        }
    }
}
