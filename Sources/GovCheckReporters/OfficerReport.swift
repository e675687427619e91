import GovCheckEngine

/// Everything the report a compliance officer hands on is made of: the systems with their
/// evaluations and timelines, the packs with their versions and sign-offs, and what could not be
/// evaluated. The HTML and Markdown renderings read only this.
public struct OfficerReport: Sendable {
    /// One evaluated system.
    public struct System: Sendable {
        public let timeline: SystemTimeline
        /// `system.name` when the descriptor states it, else `metadata.name`.
        public let title: String
        public let organisation: String?
        public var result: DescriptorResult { timeline.result }

        public init(timeline: SystemTimeline, title: String, organisation: String?) {
            self.timeline = timeline
            self.title = title
            self.organisation = organisation
        }
    }

    public let asOf: Day
    /// Given with `--organisation`, or the distinct `organisation.name` values of the systems.
    public let organisations: [String]
    /// The packs the run evaluated, in order.
    public let packs: [RulePack]
    /// Every loaded pack, so an extending pack's inherited rules take their base's sign-off.
    public let loaded: [RulePack]
    public let systems: [System]
    public let errors: [InputError]
    public let toolVersion: String
    /// A text of the law forced for every pack that has it (`--baseline`), if any.
    public let forcedText: String?
    /// True when the evaluation date is today's date (no `--as-of`), so it is marked "today".
    public let asOfIsToday: Bool
    /// Per pack, the ids of rules without a sign-off.
    let unsigned: [String: Set<String>]

    public init(asOf: Day, organisation: String?, packs: [RulePack], loaded: [RulePack], systems: [System], errors: [InputError],
                toolVersion: String, forcedText: String? = nil, asOfIsToday: Bool = false) {
        self.asOf = asOf
        var orgs: [String] = []
        if let organisation, !organisation.isEmpty {
            orgs = [organisation]
        } else {
            for s in systems { if let o = s.organisation, !orgs.contains(o) { orgs.append(o) } }
        }
        self.organisations = orgs
        self.packs = packs
        self.loaded = loaded
        self.systems = systems
        self.errors = errors
        self.toolVersion = toolVersion
        self.forcedText = forcedText
        self.asOfIsToday = asOfIsToday
        var unsigned: [String: Set<String>] = [:]
        for p in packs { unsigned[p.id] = Set(OfficerReport.signOffs(p, loaded: loaded).filter { $0.review == nil }.map(\.id)) }
        self.unsigned = unsigned
    }

    // MARK: Facts the renderings share

    /// The jurisdictions of the evaluated packs, sorted.
    public var jurisdictions: [String] { Array(Set(packs.map(\.jurisdiction))).sorted() }

    public func pack(_ id: String) -> RulePack? { packs.first { $0.id == id } }

    /// A pack's rules (tier rules and obligations, each id once over every text), with their
    /// sign-off: the rule's own, else its pack's (a base pack's for inherited rules).
    public static func signOffs(_ p: RulePack, loaded: [RulePack]) -> [(id: String, review: Review?)] {
        var seen = Set<String>()
        var out: [(String, Review?)] = []
        let base = p.extends.flatMap { id in loaded.first { $0.id == id } }
        func review(_ own: Review?, _ file: String) -> Review? {
            own ?? (file == p.path ? p.reviewed : base?.reviewed)
        }
        for r in p.resolved {
            for t in r.tiers {
                for rule in t.rules where seen.insert(rule.id).inserted { out.append((rule.id, review(rule.reviewed, rule.span.file.path))) }
            }
            for o in r.obligations where seen.insert(o.id).inserted { out.append((o.id, review(o.reviewed, o.span.file.path))) }
        }
        return out
    }

    /// The number of rules of a pack, and the ids of those no reviewer has signed off.
    public func unreviewed(_ p: RulePack) -> (total: Int, ids: [String]) {
        let all = OfficerReport.signOffs(p, loaded: loaded)
        return (all.count, all.filter { $0.review == nil }.map(\.id))
    }

    /// True when the rule behind a finding has no reviewer's sign-off.
    public func isUnreviewed(_ id: String, pack: String) -> Bool { unsigned[pack]?.contains(id) ?? true }

    /// The pack's rule for an obligation result, under the text it was evaluated (or starts) under.
    public func rule(_ o: ObligationResult, in e: PackEvaluation) -> Obligation? {
        guard let p = pack(e.pack) else { return nil }
        return p.rules(asOf: e.asOf, baseline: o.textBaseline ?? e.baseline).obligations.first { $0.id == o.id }
            ?? p.resolved.lazy.compactMap { r in r.obligations.first { $0.id == o.id } }.first
    }

    /// The address of the legal text a citation points into, when the pack gives one.
    public func url(_ c: CitationRef, pack: String) -> String? { self.pack(pack)?.instrument(c.instrument)?.url }

    /// The facts to record for an obligation: the missing evidence, the facts that decide an
    /// undetermined duty, or for an upcoming duty every fact its evidence condition reads.
    public func evidence(_ o: ObligationResult, in e: PackEvaluation) -> [String] {
        switch o.status {
        case .missing: return o.missingEvidence
        case .undetermined: return o.decidingFacts
        case .upcoming:
            var seen = Set<String>()
            return (rule(o, in: e)?.satisfiedWhen?.predicates.map(\.path) ?? []).filter { seen.insert($0).inserted }
        default: return []
        }
    }

    /// A fact's plain name from the vocabulary description, in `language` (nil when undeclared).
    public func factName(_ path: String, pack: String, _ language: Language) -> String? {
        guard let d = self.pack(pack)?.vocabulary[path] ?? loaded.lazy.compactMap({ $0.vocabulary[path] }).first else { return nil }
        return d.description.text(language)
    }

    /// The number of days from the evaluation date to `day` (negative before it).
    public func days(until day: Day) -> Int { day.daysSinceEpoch - asOf.daysSinceEpoch }

    /// Counts across the fleet, for the overview.
    public var counts: (missing: Int, undetermined: Int, upcoming: Int, review: Int) {
        var m = 0, u = 0, up = 0, r = 0
        for s in systems {
            for e in s.result.evaluations {
                if e.tier.status == .needsReview { r += 1 }
                for o in e.obligations {
                    switch o.status {
                    case .missing: m += 1
                    case .undetermined: u += 1
                    case .upcoming: up += 1
                    default: break
                    }
                }
            }
        }
        return (m, u, up, r)
    }

    /// Every entry after the evaluation date, across systems: (system index, entry), by date.
    public var upcoming: [(system: Int, entry: TimelineEntry)] {
        var out: [(Int, TimelineEntry)] = []
        for (i, s) in systems.enumerated() {
            for e in s.timeline.entries where e.date > asOf { out.append((i, e)) }
        }
        return out.enumerated().sorted { a, b in
            a.element.1.date != b.element.1.date ? a.element.1.date < b.element.1.date : a.offset < b.offset
        }.map(\.element)
    }
}

/// Sentences both renderings write the same way (the markup differs, the words do not).
struct ReportPhrases {
    let report: OfficerReport
    let l: ReportLabels

    var language: Language { l.language }

    /// When an obligation is due, as a reader needs it.
    func deadline(_ o: ObligationResult) -> String {
        switch o.status {
        case .missing:
            return l(.inForceSince, o.appliesFrom.description) + " — " + l(.overdue)
        case .met:
            return l(.inForceSince, o.appliesFrom.description)
        case .upcoming:
            var s = o.possibleStarts.isEmpty ? l(.appliesFrom, o.appliesFrom.description)
                : l(.possibleStarts, o.possibleStarts.map(\.description).joined(separator: ", "))
            let n = report.days(until: o.appliesFrom)
            if n > 0 { s += " (" + l(.inDays, String(n)) + ")" }
            if let t = o.tierAtStart { s += "; " + l(.withTier, t) }
            return s
        case .undetermined:
            return l(.appliesFrom, o.appliesFrom.description) + ", " + l(.ifItApplies)
        case .disabled:
            return l(.disabledBecause, o.disabledReason ?? "")
        default:
            return ""
        }
    }

    /// A citation as text: `Art. 50(1) Regulation (EU) 2024/1689`.
    func citation(_ c: CitationRef) -> String { c.label.text(language) }

    /// A fact as the evidence list shows it: its plain name, or its path when undeclared.
    func fact(_ path: String, pack: String) -> (name: String?, path: String) {
        (report.factName(path, pack: pack, language), path)
    }

    /// What a timeline entry says, without the date and pack; `id` adds the obligation's id.
    func change(_ e: TimelineEntry, id: Bool = false) -> String {
        ReportPhrases.change(e, asOf: report.asOf, l, id: id)
    }

    static func change(_ e: TimelineEntry, asOf: Day, _ l: ReportLabels, id: Bool) -> String {
        let language = l.language
        func cite(_ c: CitationRef) -> String { c.label.text(language) }
        switch e.change {
        case .text(let b): return l(.textChange, b.id + " — " + b.title.text(language))
        case .tier(let d): return l(.tierChange, tierPhrase(d, l))
        case .starts(let o):
            let verb: String
            if e.possible { verb = l(.dutyStartsPossibly) } else if o.status == .undetermined { verb = l(.dutyMayStart) } else { verb = l(.dutyStarts) }
            var s = verb + ": " + (id ? o.id + " " : "") + o.title.text(language) + " (" + cite(o.citation) + ")"
            if e.date <= asOf || o.status == .undetermined || o.status == .disabled { s += " — " + l(.nowStatus, l.status(o.status)) }
            if let t = o.tierAtStart, e.date > asOf { s += "; " + l(.withTier, t) }
            if o.status == .undetermined, !o.decidingFacts.isEmpty { s += "; " + l(.decideByInline, o.decidingFacts.joined(separator: ", ")) }
            return s
        case .ends(let o): return l(.dutyEnds) + ": " + (id ? o.id + " " : "") + o.title.text(language) + " (" + cite(o.citation) + ")"
        }
    }

    /// A tier decision in words: `high-risk — High-risk AI system`, `needs review — could be a or b`.
    func tierPhrase(_ d: TierDecision) -> String { ReportPhrases.tierPhrase(d, l) }

    static func tierPhrase(_ d: TierDecision, _ l: ReportLabels) -> String {
        let language = l.language
        switch d.status {
        case .decided: return (d.tier ?? l(.unclassified)) + (d.title.map { " — " + $0.text(language) } ?? "")
        case .needsReview: return l(.needsReview) + " — " + l(.couldBe, d.possible.joined(separator: " / "))
        case .unclassified: return l(.unclassified) + " — " + l(.noTierYet)
        }
    }
}
