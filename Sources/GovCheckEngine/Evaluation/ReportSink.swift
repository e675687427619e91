/// What every output of a run needs before the first result: the date, the packs and the policy.
public struct RunInfo: Sendable {
    public let asOf: Day
    public let packs: [RulePack]
    public let policy: FailPolicy
    /// What the folder searches left out (skipped files, hidden and excluded paths), known before
    /// the first result.
    public let discovery: DiscoveryReport
    /// The findings baseline the run compares with, if any (its path).
    public let baseline: String?

    public init(asOf: Day, packs: [RulePack], policy: FailPolicy, discovery: DiscoveryReport = DiscoveryReport(), baseline: String? = nil) {
        self.asOf = asOf
        self.packs = packs
        self.policy = policy
        self.discovery = discovery
        self.baseline = baseline
    }

    public func pack(_ id: String) -> RulePack? { packs.first { $0.id == id } }
}

/// Receives a run's results one at a time, in input order, so a report is written while the
/// fleet is checked and nothing is kept once written. Calls never overlap.
public protocol ReportSink: AnyObject {
    func begin(_ run: RunInfo)
    func result(_ r: DescriptorResult)
    func error(_ e: InputError)
    func end(_ summary: RunSummary)
}

/// Counts of a run, kept as results stream past: what every report's summary prints.
public struct RunSummary: Sendable {
    public let asOf: Day
    public let failOn: [String]
    public private(set) var descriptors = 0
    public private(set) var inputErrors = 0
    /// Descriptors with a finding at or above `--fail-on`.
    public private(set) var failing = 0
    /// Obligations by status, over every evaluation.
    public private(set) var obligations: [ObligationStatus: Int] = [:]
    /// Per pack, descriptors by tier label.
    public private(set) var tiers: [String: [String: Int]] = [:]
    /// YAML files found in the folders given that are not govcheck descriptors (not evaluated).
    public internal(set) var skipped = 0
    /// Set when the run compared its findings with a findings baseline.
    public internal(set) var baseline: BaselineCounts?
    /// With `--waivers`: each waiver's use and the waivers file's diagnostics (set by `WaivingSink`).
    public internal(set) var waivers: WaiverSummary?

    /// The exit status the run ends with: 2 for input errors (or a waiver refused), 1 for
    /// findings at or above `--fail-on`, else 0. Reports that state it (SARIF) agree with the CLI.
    public var exitCode: Int32 {
        if inputErrors > 0 || waivers?.hasErrors == true { return 2 }
        return failing > 0 ? 1 : 0
    }

    public init(asOf: Day, failOn: [String]) {
        self.asOf = asOf
        self.failOn = failOn
    }

    /// The counts of results already collected (for a report assembled after the fact).
    public init(asOf: Day, failOn: [String], results: [DescriptorResult], errors: [InputError], policy: FailPolicy? = nil) {
        self.init(asOf: asOf, failOn: failOn)
        for r in results { count(r, policy: policy ?? FailPolicy(terms: [], spelled: [])) }
        for e in errors { count(e) }
    }

    public mutating func count(_ r: DescriptorResult, policy: FailPolicy) {
        descriptors += 1
        var fails = false
        for e in r.evaluations {
            tiers[e.pack, default: [:]][e.tier.label, default: 0] += 1
            for o in e.obligations { obligations[o.status, default: 0] += 1 }
            if !fails && policy.fails(e) { fails = true }
        }
        if fails { failing += 1 }
    }

    public mutating func count(_ e: InputError) { inputErrors += 1 }
}

/// Keeps every result and error, for callers that want the whole report in memory.
public final class CollectingSink: ReportSink {
    public private(set) var results: [DescriptorResult] = []
    public private(set) var errors: [InputError] = []
    public private(set) var summary: RunSummary?

    public init() {}
    public func begin(_ run: RunInfo) {}
    public func result(_ r: DescriptorResult) { results.append(r) }
    public func error(_ e: InputError) { errors.append(e) }
    public func end(_ summary: RunSummary) { self.summary = summary }
}
