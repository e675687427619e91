import YAMLTree

/// How the waivers of a run were used, for the reports' closing sections and the exit code.
public struct WaiverSummary: Sendable {
    /// One waiver and what it did in this run.
    public struct Use: Sendable {
        public let waiver: WaiverRef
        public let scope: String
        /// Findings it marked `waived`.
        public let applied: Int
        /// Findings it would cover but could not, because it has expired (they fail).
        public let expiredMatches: Int
        /// Findings it may never cover (a prohibited-grade tier); each refusal is an error.
        public let refused: Int
    }

    public let file: String
    public let uses: [Use]
    /// The waivers file's warnings, waivers that matched nothing, and refusals (errors).
    public let diagnostics: [DiagnosticRecord]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var applied: Int { uses.reduce(0) { $0 + $1.applied } }
    public var expiredMatches: Int { uses.reduce(0) { $0 + $1.expiredMatches } }
}

/// The waiver step: sits between `Checker.stream` and the report sinks, marks each finding that a
/// waiver covers `waived` (or notes an expired waiver on it), and keeps the run's summary itself,
/// so the counts, the gate and every report see the same waived results. Evaluation is untouched.
public final class WaivingSink: ReportSink {
    let set: WaiverSet
    let sinks: [ReportSink]
    var run: RunInfo?
    var context = WaiverSet.Context(packs: [])
    var applied: [Int]
    var expired: [Int]
    var matched: [Int]
    var refused: [Int]
    var refusedExample: [String?]
    /// The summary of the waived results; read it for the exit code after the run.
    public private(set) var summary: RunSummary

    public init(waivers: WaiverSet, sinks: [ReportSink], asOf: Day, failOn: [String]) {
        self.set = waivers
        self.sinks = sinks
        let n = waivers.waivers.count
        applied = Array(repeating: 0, count: n)
        expired = applied
        matched = applied
        refused = applied
        refusedExample = Array(repeating: nil, count: n)
        summary = RunSummary(asOf: asOf, failOn: failOn)
    }

    public func begin(_ run: RunInfo) {
        self.run = run
        context = WaiverSet.Context(packs: run.packs)
        for s in sinks { s.begin(run) }
    }

    public func result(_ r: DescriptorResult) {
        guard let run else { return }
        let waived = apply(r, run)
        summary.count(waived, policy: run.policy)
        for s in sinks { s.result(waived) }
    }

    public func error(_ e: InputError) {
        summary.count(e)
        for s in sinks { s.error(e) }
    }

    public func end(_ upstream: RunSummary) {
        summary.waivers = finish()
        // What the search skipped and the findings-baseline counts are the upstream run's.
        summary.skipped = upstream.skipped
        summary.baseline = upstream.baseline
        for s in sinks { s.end(summary) }
    }

    /// Statuses a waiver can cover: findings that could fail the gate.
    static let waivable: Set<ObligationStatus> = [.missing, .undetermined, .upcoming]

    func apply(_ r: DescriptorResult, _ run: RunInfo) -> DescriptorResult {
        guard !set.waivers.isEmpty else { return r }
        var out = r
        for (ei, e) in r.evaluations.enumerated() {
            let chain = context.chain(e.pack)
            let tiers = run.pack(e.pack)?.resolved.flatMap(\.tiers) ?? []
            func critical(_ tier: String?) -> Bool { tier.map { t in tiers.contains { $0.id == t && $0.severity == .critical } } ?? false }
            let criticalNow = e.tier.status == .decided && e.tier.severity == .critical
            for (oi, o) in e.obligations.enumerated() where WaivingSink.waivable.contains(o.status) {
                let candidates = set.waivers.indices.filter { i in
                    let w = set.waivers[i]
                    return (w.pack.map(chain.contains) ?? true) && (w.obligation.map { $0 == o.id } ?? true)
                        && w.covers(name: r.name, file: r.file)
                }
                guard !candidates.isEmpty else { continue }
                for i in candidates { matched[i] += 1 }
                if criticalNow || critical(o.tierAtStart) {
                    for i in candidates {
                        refused[i] += 1
                        if refusedExample[i] == nil {
                            refusedExample[i] = "\(o.id) of '\(r.name)' (\(r.file)), tier \(criticalNow ? e.tier.label : o.tierAtStart ?? "")"
                        }
                    }
                    continue
                }
                let valid = candidates.first { !(set.waivers[$0].expires < run.asOf) }
                let chosen = valid ?? candidates[0]
                var changed = o
                changed.waiver = set.waivers[chosen].ref(asOf: run.asOf)
                if valid != nil {
                    changed.status = .waived
                    applied[chosen] += 1
                } else {
                    expired[chosen] += 1
                }
                out.evaluations[ei].obligations[oi] = changed
            }
        }
        return out
    }

    func finish() -> WaiverSummary {
        var diagnostics = set.diagnostics
        var uses: [WaiverSummary.Use] = []
        let asOf = run?.asOf ?? summary.asOf
        for (i, w) in set.waivers.enumerated() {
            uses.append(.init(waiver: w.ref(asOf: asOf), scope: w.scope, applied: applied[i], expiredMatches: expired[i], refused: refused[i]))
            if refused[i] > 0 {
                diagnostics.append(Diagnostic(
                    .error, "waivers.prohibited",
                    "waiver '\(w.id)' would cover a finding of a prohibited-grade (critical) tier: \(refusedExample[i] ?? "")"
                        + (refused[i] > 1 ? ", and \(refused[i] - 1) more" : "") + "; it was not applied",
                    at: w.span, help: "a prohibited practice is never an accepted risk: narrow 'descriptors' or 'obligation' so the waiver leaves it out"))
            } else if matched[i] == 0 {
                diagnostics.append(Diagnostic(
                    .warning, "waivers.unused", "waiver '\(w.id)' (\(w.scope)) matches no finding in this run", at: w.span,
                    help: "remove it if the finding is fixed, or check its 'descriptors' names and globs against the report's names and paths"))
            }
        }
        return WaiverSummary(file: set.path, uses: uses, diagnostics: diagnostics.sorted().map(DiagnosticRecord.init))
    }
}
