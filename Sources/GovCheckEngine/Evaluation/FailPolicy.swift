/// Decides whether a run fails (exit 1), from `--fail-on` terms such as `prohibited`,
/// `tier:high`, `missing:high`, `needs-review`, `undetermined`, `upcoming-within:365d` or
/// `upcoming:high-risk`. Every machine format asks the same policy which findings gate, so a
/// SARIF error, a JUnit failure or a CI annotation exists exactly when the exit code says so.
public struct FailPolicy: Sendable, Encodable {
    /// One condition that makes a run fail.
    public enum Term: Sendable, Hashable {
        /// A pack's tier id: fails at that tier or any tier of that pack with a higher severity.
        case tier(String)
        /// Any tier of at least this severity.
        case tierSeverity(Severity)
        /// A missing obligation of at least this severity.
        case missing(Severity)
        case needsReview
        case undetermined
        /// An upcoming obligation that starts within this period after the evaluation date.
        case upcomingWithin(Period)
        /// A later tier (from the timeline) at this tier of its pack or a more severe one.
        case upcomingTier(String)
        /// A waiver in use that expires within this period after the evaluation date.
        case waiverExpiresWithin(Period)
    }

    /// A length of time written as `30d`, `6w`, `3m` or `1y`.
    public struct Period: Sendable, Hashable, CustomStringConvertible {
        public let amount: Int
        public let unit: Character

        public init?(_ text: String) {
            guard let u = text.last, "dwmy".contains(u), let n = Int(text.dropLast()), n >= 0 else { return nil }
            amount = n
            unit = u
        }

        /// The last day inside the period that starts on `day`.
        public func end(from day: Day) -> Day {
            switch unit {
            case "d": return day.adding(days: amount)
            case "w": return day.adding(days: 7 * amount)
            case "m": return day.adding(months: amount)
            default: return day.adding(years: amount)
            }
        }

        public var description: String { "\(amount)\(unit)" }
    }

    public let terms: [Term]
    /// The terms as the user wrote them.
    public let spelled: [String]
    /// Each pack's tiers by id, for tier-id terms (severity thresholds within a pack).
    let tierSeverities: [String: [String: Severity]]

    public static let defaultSpelling = "tier:critical,needs-review,missing:high"

    /// The words `--fail-on` accepts, for help and did-you-mean.
    static let vocabulary = ["missing", "missing:<severity>", "tier:<severity>", "needs-review", "undetermined",
                             "upcoming-within:<period>", "upcoming:<tier>", "waiver-expires-within:<period>", "none"]

    /// Parses comma-separated terms; `none` never fails. Tier ids are checked against the packs.
    public static func parse(_ text: String, packs: [RulePack]) -> Result<FailPolicy, FailPolicyError> {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !words.isEmpty else {
            return .failure(FailPolicyError(message: "--fail-on needs at least one term",
                                            help: "write 'none' to never fail on findings; terms: " + vocabulary.joined(separator: ", ")))
        }
        var terms: [Term] = []
        var tierIDs = Set<String>()
        var severities: [String: [String: Severity]] = [:]
        for p in packs {
            for r in p.resolved { for t in r.tiers { severities[p.id, default: [:]][t.id] = t.severity; tierIDs.insert(t.id) } }
        }
        for w in words {
            if w == "none" || w == "never" { continue }
            if w == "needs-review" { terms.append(.needsReview); continue }
            if w == "undetermined" { terms.append(.undetermined); continue }
            if w == "missing" { terms.append(.missing(.info)); continue }
            if w.hasPrefix("missing:") || w.hasPrefix("tier:") {
                let parts = w.split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let sev = Severity(rawValue: parts[1]) else {
                    return .failure(FailPolicyError(message: "'\(parts.count == 2 ? parts[1] : "")' is not a severity in '\(w)'",
                                                    help: "severities: " + Severity.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                terms.append(parts[0] == "tier" ? .tierSeverity(sev) : .missing(sev))
                continue
            }
            for (prefix, make) in [("upcoming-within:", Term.upcomingWithin), ("waiver-expires-within:", Term.waiverExpiresWithin)]
            where w.hasPrefix(prefix) {
                let v = String(w.dropFirst(prefix.count))
                guard let period = Period(v) else {
                    return .failure(FailPolicyError(message: "'\(v)' is not a period in '\(w)'",
                                                    help: "write a whole number with d (days), w (weeks), m (months) or y (years), e.g. \(prefix)30d"))
                }
                terms.append(make(period))
            }
            if w.hasPrefix("upcoming-within:") || w.hasPrefix("waiver-expires-within:") { continue }
            if w.hasPrefix("upcoming:") {
                let id = String(w.dropFirst("upcoming:".count))
                guard tierIDs.contains(id) else {
                    return .failure(FailPolicyError(message: "no loaded pack has a tier '\(id)' in '\(w)'",
                                                    help: (Suggest.help(id, tierIDs.sorted()).map { $0 + "; " } ?? "") + "tiers: " + tierIDs.sorted().joined(separator: ", ")))
                }
                terms.append(.upcomingTier(id))
                continue
            }
            if tierIDs.contains(w) { terms.append(.tier(w)); continue }
            let all = vocabulary + tierIDs.sorted()
            return .failure(FailPolicyError(message: "unknown --fail-on term '\(w)'",
                                            help: (Suggest.help(w, all).map { $0 + "; " } ?? "") + "terms: " + all.joined(separator: ", ")))
        }
        return .success(FailPolicy(terms: terms, spelled: words, tierSeverities: severities))
    }

    /// True when a tier decision of this pack is at or above a tier term's threshold.
    func reaches(_ d: TierDecision, _ id: String, pack: String) -> Bool {
        guard d.status == .decided, let tiers = tierSeverities[pack], let threshold = tiers[id] else { return false }
        return d.tier == id || d.severity > threshold
    }

    /// True when the current tier decision gates (tier, tier-severity and needs-review terms). A
    /// finding the run's findings baseline lists unchanged never gates (here, for every format).
    public func tierFails(_ e: PackEvaluation) -> Bool {
        if e.tier.baselined { return false }
        return terms.contains { term in
            switch term {
            case .needsReview: return e.tier.status == .needsReview
            case .tierSeverity(let s): return e.tier.status == .decided && e.tier.severity >= s && s > .none
            case .tier(let id): return reaches(e.tier, id, pack: e.pack)
            default: return false
            }
        }
    }

    /// True when a later tier of the timeline gates (`upcoming:<tier>`).
    public func changeFails(_ c: TierChange, in e: PackEvaluation) -> Bool {
        if c.decision.baselined { return false }
        return terms.contains { term in
            if case .upcomingTier(let id) = term { return reaches(c.decision, id, pack: e.pack) }
            return false
        }
    }

    /// True when an obligation's status gates (missing, undetermined and upcoming-within terms),
    /// when the waiver that would cover it has expired (under any term but `none`), or when the
    /// waiver that covers it expires within a `waiver-expires-within` period.
    public func obligationFails(_ o: ObligationResult, in e: PackEvaluation) -> Bool {
        if o.waiver?.expired == true && !terms.isEmpty { return true }
        if o.baselined { return false }
        return terms.contains { term in
            switch term {
            case .missing(let s): return o.status == .missing && o.severity >= s
            case .undetermined: return o.status == .undetermined
            case .upcomingWithin(let p): return o.status == .upcoming && o.appliesFrom <= p.end(from: e.asOf)
            case .waiverExpiresWithin(let p):
                guard o.status == .waived, let w = o.waiver else { return false }
                return w.expires <= p.end(from: e.asOf)
            default: return false
            }
        }
    }

    /// True when a pack evaluation has a finding at or above the threshold.
    public func fails(_ e: PackEvaluation) -> Bool {
        tierFails(e) || e.timeline.contains { changeFails($0, in: e) } || e.obligations.contains { obligationFails($0, in: e) }
    }

    /// Kept for callers that pass the pack; the policy already knows every pack's tiers.
    public func fails(_ e: PackEvaluation, pack: RulePack?) -> Bool { fails(e) }

    /// How many descriptors of the report have a finding at or above the threshold.
    public func failingDescriptors(_ report: CheckReport) -> Int {
        report.results.filter { r in r.evaluations.contains { fails($0) } }.count
    }

    public func fails(_ report: CheckReport) -> Bool { failingDescriptors(report) > 0 }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(spelled)
    }

    public init(terms: [Term], spelled: [String], tierSeverities: [String: [String: Severity]] = [:]) {
        self.terms = terms
        self.spelled = spelled
        self.tierSeverities = tierSeverities
    }
}

/// A `--fail-on` value that does not parse.
public struct FailPolicyError: Error, Sendable {
    public let message: String
    public let help: String
}
