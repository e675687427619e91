/// Decides whether a run fails (exit 1), from `--fail-on` terms such as `prohibited`,
/// `tier:high`, `missing:high`, `needs-review` or `undetermined`.
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
    }

    public let terms: [Term]
    /// The terms as the user wrote them.
    public let spelled: [String]

    public static let defaultSpelling = "tier:critical,needs-review,missing:high"

    /// Parses comma-separated terms; `none` never fails. Tier ids are checked against the packs.
    public static func parse(_ text: String, packs: [RulePack]) -> Result<FailPolicy, FailPolicyError> {
        let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var terms: [Term] = []
        let tierIDs = Set(packs.flatMap { $0.current.tiers.map(\.id) })
        for w in words {
            if w == "none" || w == "never" { continue }
            if w == "needs-review" { terms.append(.needsReview); continue }
            if w == "undetermined" { terms.append(.undetermined); continue }
            if w == "missing" { terms.append(.missing(.info)); continue }
            if w.hasPrefix("missing:") || w.hasPrefix("tier:") {
                let parts = w.split(separator: ":", maxSplits: 1).map(String.init)
                guard let sev = Severity(rawValue: parts[1]) else {
                    return .failure(FailPolicyError(message: "'\(parts[1])' is not a severity in '\(w)'",
                                                    help: "severities: " + Severity.allCases.map(\.rawValue).joined(separator: ", ")))
                }
                terms.append(parts[0] == "tier" ? .tierSeverity(sev) : .missing(sev))
                continue
            }
            if tierIDs.contains(w) { terms.append(.tier(w)); continue }
            let all = ["missing", "missing:<severity>", "tier:<severity>", "needs-review", "undetermined", "none"] + tierIDs.sorted()
            return .failure(FailPolicyError(message: "unknown --fail-on term '\(w)'",
                                            help: (Suggest.help(w, all).map { $0 + "; " } ?? "") + "terms: " + all.joined(separator: ", ")))
        }
        return .success(FailPolicy(terms: terms, spelled: words))
    }

    /// True when a pack evaluation has a finding at or above the threshold.
    public func fails(_ e: PackEvaluation, pack: RulePack?) -> Bool {
        terms.contains { term in
            switch term {
            case .needsReview: return e.tier.status == .needsReview
            case .undetermined: return e.obligations.contains { $0.status == .undetermined }
            case .missing(let s): return e.obligations.contains { $0.status == .missing && $0.severity >= s }
            case .tierSeverity(let s): return e.tier.status == .decided && e.tier.severity >= s && s > .none
            case .tier(let id):
                guard e.tier.status == .decided, let pack,
                      let threshold = pack.current.tiers.first(where: { $0.id == id }) else { return false }
                return e.tier.tier == id || e.tier.severity > threshold.severity
            }
        }
    }

    /// How many descriptors of the report have a finding at or above the threshold.
    public func failingDescriptors(_ report: CheckReport) -> Int {
        report.results.filter { r in r.evaluations.contains { e in fails(e, pack: report.packs.first { $0.id == e.pack }) } }.count
    }

    public func fails(_ report: CheckReport) -> Bool { failingDescriptors(report) > 0 }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(spelled)
    }

    public init(terms: [Term], spelled: [String]) {
        self.terms = terms
        self.spelled = spelled
    }
}

/// A `--fail-on` value that does not parse.
public struct FailPolicyError: Error, Sendable {
    public let message: String
    public let help: String
}
