import YAMLTree

/// How much a finding or tier matters; orders tiers and obligations for `--fail-on`.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case none, info, low, medium, high, critical

    var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The force of a legal instrument, so reports can say when a finding rests on guidance, not law.
public enum LegalStatus: String, Sendable, Codable, CaseIterable {
    case bindingLaw = "binding-law"
    case mandatoryStandard = "mandatory-standard"
    case recommendedStandard = "recommended-standard"
    case officialGuidance = "official-guidance"
    case draft
    /// An organisation's own policy, added by a pack that extends a shipped one.
    case internalPolicy = "internal-policy"

    /// True for law and mandatory standards; false for what is advice or not yet adopted.
    public var isBinding: Bool { self == .bindingLaw || self == .mandatoryStandard }
}

/// A legal text a pack encodes.
public struct Instrument: Sendable {
    public let id: String
    public let title: LocalizedText
    /// The name a reader of the other language knows the instrument by ("Deep Synthesis Provisions",
    /// 欧盟《人工智能法》), shown before the official identifier, which stays as issued.
    public let shortTitle: LocalizedText?
    public let identifier: String
    public let url: String?
    public let adopted: Day?
    public let inForce: Day
    public let status: LegalStatus
    public let jurisdiction: String
    /// Where it is declared, for lint; nil for instruments built in code.
    public var span: SourceSpan? = nil

    /// The language its official text is cited in: Chinese for PRC law, English otherwise.
    public var officialLanguage: Language { jurisdiction == "CN" ? .zh : .en }
}

/// A dated version of the legal text; amendments are baselines, not copies of the pack.
public struct Baseline: Sendable {
    public let id: String
    public let from: Day
    public let title: LocalizedText
}

/// Where a rule comes from in the law, down to the point.
public struct Citation: Sendable, Hashable {
    public let instrument: String
    public var article: String?
    public var paragraph: String?
    public var subparagraph: String?
    public var point: String?
    public var annex: String?
    public var section: String?
    public var clause: String?
}

/// Who reviewed an encoding, and when.
public struct Review: Sendable, Hashable {
    public let by: String
    public let on: Day
}

/// One way into a tier, with the law that puts a system there.
public struct TierRule: Sendable {
    public let id: String
    public let citation: Citation
    public let appliesFrom: Day
    public let rationale: LocalizedText
    public let when: Condition?
    public let reviewed: Review?
    public let span: SourceSpan
}

/// A rung of the classification ladder.
public struct Tier: Sendable {
    public let id: String
    public let title: LocalizedText
    public let severity: Severity
    /// Holds when no tier above it holds.
    public let otherwise: Bool
    public let rules: [TierRule]
    public let span: SourceSpan
}

/// One dated route into an obligation: the duty applies from `from` when `when` holds. The law
/// often dates a duty by the route that leads to it (Annex III or Annex I for high-risk duties).
public struct DatedStart: Sendable {
    /// Nil for the `otherwise` entry, which holds when no earlier entry does.
    public let when: Condition?
    public let from: Day
    public let span: SourceSpan

    /// A short name for the route: the named condition it uses, or `otherwise`.
    public var name: String {
        guard let when else { return "otherwise" }
        if case .use(let n, _, _) = when { return n }
        return "line \(span.start.line)"
    }
}

/// A role the law assigns from facts rather than from what the operator declares, such as a
/// deployer who rebrands a high-risk system and so becomes its provider (AI Act Art. 25(1)).
public struct DerivedRole: Sendable {
    public let role: String
    public let when: Condition
    public let citation: Citation
    public let span: SourceSpan
}

/// A duty the law imposes, with the evidence that shows it is met.
public struct Obligation: Sendable {
    public let id: String
    public let title: LocalizedText
    public let citation: Citation
    public let binds: [String]
    public let appliesWhen: Condition?
    public let satisfiedWhen: Condition?
    /// The start date, or with `startRoutes` the earliest of the routes' dates (for listings).
    public let appliesFrom: Day
    /// Dated alternatives, first match wins; empty when the duty has one start date.
    public let startRoutes: [DatedStart]
    public let severity: Severity
    public let remediation: LocalizedText
    public let reviewed: Review?
    /// Set when an extending pack disabled the rule; the reason shows in every report.
    public let disabledReason: String?
    public let span: SourceSpan
    /// The test of the pack's roles fact that `binds` stands for (compiled with the pack, with an id
    /// of its own), or nil when the obligation binds everyone.
    public let bindsTest: Predicate?

    /// The test of the pack's roles fact that `binds` stands for, or nil when the obligation binds everyone.
    public func bindsPredicate(in pack: RulePack) -> Predicate? { bindsTest }

    /// A copy with another severity or a disabling reason, for packs that extend this one.
    func changed(severity: Severity? = nil, disabledReason: String? = nil) -> Obligation {
        Obligation(id: id, title: title, citation: citation, binds: binds, appliesWhen: appliesWhen, satisfiedWhen: satisfiedWhen,
                   appliesFrom: appliesFrom, startRoutes: startRoutes, severity: severity ?? self.severity, remediation: remediation,
                   reviewed: reviewed, disabledReason: disabledReason ?? self.disabledReason, span: span, bindsTest: bindsTest)
    }
}

/// The pack's tiers and obligations as they read under one baseline.
public struct ResolvedRules: Sendable {
    public let baseline: Baseline?
    public let tiers: [Tier]
    public let obligations: [Obligation]
}

/// Something the pack author chose not to encode, and why.
public struct NotEncoded: Sendable, Hashable {
    public let item: String
    public let reason: String
}

/// A loaded, type-checked rule pack, compiled once and evaluated many times.
public struct RulePack: Sendable {
    public let id: String
    public let version: String
    public let title: LocalizedText
    public let jurisdiction: String
    public let requires: String?
    public let extends: String?
    public let path: String
    public let instruments: [Instrument]
    public let baselines: [Baseline]
    /// The pack's own vocabulary (included files plus local facts).
    public let vocabulary: Vocabulary
    public let rolesFact: String?
    /// Roles the law assigns from facts (`roles: {fact: …, derived: […]}`), checked after the tier.
    public let derivedRoles: [DerivedRole]
    public let notEncoded: [NotEncoded]
    public let reviewed: Review?
    /// One entry per baseline, in baseline order (one entry when the pack has no baselines).
    public let resolved: [ResolvedRules]
    /// The named conditions as written, so an extending pack can use them.
    public let conditionNodes: [String: Node]
    /// How many predicate ids the pack's conditions use (ids are `0..<predicateCount`), for
    /// per-descriptor caches and coverage.
    public let predicateCount: Int
    /// Every date on which the pack's answer can change: baseline starts, tier rules' and
    /// obligations' start dates (including dated routes), sorted. The tier timeline is
    /// evaluated on these dates.
    public let eventDates: [Day]

    /// The pack's conditions as one compiled program, and each baseline's rules as nodes of it.
    let program: ConditionProgram
    let compiled: [CompiledRules]
    /// The derived roles' conditions as nodes, and their provisions as reports show them.
    let derivedRoleNodes: [Int32]
    let derivedRoleCitations: [CitationRef]

    /// The compiled rules in force on `date` (same choice as `rules(asOf:baseline:)`).
    func compiledRules(asOf date: Day, baseline name: String?) -> CompiledRules {
        if let name, let i = baselines.firstIndex(where: { $0.id == name }) { return compiled[i] }
        guard !baselines.isEmpty else { return compiled[0] }
        return compiled[baselines.lastIndex(where: { $0.from <= date }) ?? 0]
    }

    /// The dates of `eventDates` after `date`.
    public func eventDates(after date: Day) -> ArraySlice<Day> {
        var lo = 0, hi = eventDates.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if eventDates[mid] <= date { lo = mid + 1 } else { hi = mid }
        }
        return eventDates[lo...]
    }

    public func instrument(_ id: String) -> Instrument? { instruments.first { $0.id == id } }

    /// The baseline in force on `date`, or the one named; nil index when the pack has none.
    public func rules(asOf date: Day, baseline name: String?) -> ResolvedRules {
        if let name, let i = baselines.firstIndex(where: { $0.id == name }) { return resolved[i] }
        guard !baselines.isEmpty else { return resolved[0] }
        let i = baselines.lastIndex(where: { $0.from <= date }) ?? 0
        return resolved[i]
    }

    /// The latest baseline's rules, used for docs and listings.
    public var current: ResolvedRules { resolved[resolved.count - 1] }
}

/// One baseline's rules as nodes of the pack's program, in the order of its `ResolvedRules`.
struct CompiledRules: Sendable {
    /// Per tier, per rule: the rule's `when` node (-1 for an `otherwise` tier's rule).
    let tierRules: [[Int32]]
    let obligations: [CompiledObligation]
    /// Obligation id → index into `obligations` (and into the baseline's `obligations`).
    let obligationIndex: [String: Int]

    /// Per tier, per rule: the rule's citation as reports show it.
    let tierRuleCitations: [[CitationRef]]

    init(_ r: ResolvedRules, _ p: ConditionProgram, cite: (Citation) -> CitationRef) {
        tierRules = r.tiers.map { t in t.rules.map { rule in rule.when.map(p.node) ?? -1 } }
        tierRuleCitations = r.tiers.map { t in t.rules.map { cite($0.citation) } }
        obligations = r.obligations.map { o in
            CompiledObligation(binds: o.bindsTest.map { p.node(.predicate($0)) } ?? -1,
                               applies: o.appliesWhen.map(p.node) ?? -1,
                               satisfied: o.satisfiedWhen.map(p.node) ?? -1,
                               routes: o.startRoutes.map { $0.when.map(p.node) ?? -1 },
                               citation: cite(o.citation))
        }
        var idx: [String: Int] = [:]
        for (i, o) in r.obligations.enumerated() { idx[o.id] = i }
        obligationIndex = idx
    }
}

/// An obligation's conditions as nodes (-1: absent), and its citation as reports show it.
struct CompiledObligation: Sendable {
    let binds: Int32
    let applies: Int32
    let satisfied: Int32
    let routes: [Int32]
    let citation: CitationRef
}
