/// One thing that starts or changes for a system under one pack on a date: the text of the law in
/// force, the tier, or an obligation that starts (or may start) or stops applying.
public struct TimelineEntry: Sendable {
    public enum Change: Sendable {
        /// A text version of the law (a baseline) is in force from this date.
        case text(Baseline)
        /// The tier from this date.
        case tier(TierDecision)
        /// The obligation applies (or, when `undetermined`, may apply) from this date; for a date
        /// on or before the evaluation date its status is the one on the evaluation date.
        case starts(ObligationResult)
        /// The obligation, which applied until the day before, no longer applies (its last result).
        case ends(ObligationResult)
    }

    public let date: Day
    public let pack: String
    public let change: Change
    /// True when the date is one of several possible start dates (the route is not stated).
    public let possible: Bool

    /// Where this kind of change sorts within a date: text, then tier, then duties.
    var rank: Int {
        switch change {
        case .text: return 0
        case .tier: return 1
        case .starts: return 2
        case .ends: return 3
        }
    }
}

/// Whether a date of a timeline lies before the evaluation date, is that date, or lies after it.
public enum TimelinePhase: String, Sendable {
    /// Before the evaluation date: what started then is in force now (unless it ended).
    case inForce = "in-force"
    case today
    case upcoming
}

/// The dated sequence of a system's tiers and duties across every pack that evaluates it: what
/// was in force from when, what holds on the evaluation date, and what starts or changes later.
public struct SystemTimeline: Sendable {
    /// The evaluation on the evaluation date, as `check` reports it.
    public let result: DescriptorResult
    public let asOf: Day
    /// In date order; within a date, in pack order, then text, tier and duties.
    public let entries: [TimelineEntry]

    /// The dates with entries, and the evaluation date, in order.
    public var dates: [Day] {
        var seen = Set<Day>([asOf])
        var out = [asOf]
        for e in entries where seen.insert(e.date).inserted { out.append(e.date) }
        return out.sorted()
    }

    public func entries(on day: Day) -> [TimelineEntry] { entries.filter { $0.date == day } }

    public func phase(_ day: Day) -> TimelinePhase {
        day < asOf ? .inForce : (day == asOf ? .today : .upcoming)
    }
}

/// Builds a system's timeline from the engine's own evaluations. Past dates: the system is
/// evaluated as of every date before the evaluation date on which a pack's answer can change
/// (the pack's event dates), on the descriptor as it is written now. The evaluation date and
/// later: the evaluation of that date, whose tier timeline and upcoming duties are what `check`
/// reports; later event dates are evaluated only to find duties that stop applying and texts
/// that come into force.
public enum TimelineBuilder {
    /// How an obligation stands on one date.
    enum Standing: Equatable {
        case applies, mayApply, disabled

        init?(_ s: ObligationStatus) {
            switch s {
            case .missing, .met: self = .applies
            case .undetermined: self = .mayApply
            case .disabled: self = .disabled
            default: return nil
            }
        }
    }

    /// The timeline of a descriptor whose evaluation on `options.asOf` is `result` (from
    /// `Checker.evaluate` with the same packs and options).
    public static func build(_ descriptor: Descriptor, result: DescriptorResult, packs: [RulePack], options: CheckOptions) -> SystemTimeline {
        var entries: [TimelineEntry] = []
        for now in result.evaluations {
            guard let pack = packs.first(where: { $0.id == now.pack }) else { continue }
            entries += packEntries(pack, now, descriptor, options)
        }
        let order = Dictionary(uniqueKeysWithValues: result.evaluations.enumerated().map { ($1.pack, $0) })
        let sorted = entries.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.date != y.date { return x.date < y.date }
            let px = order[x.pack] ?? 0, py = order[y.pack] ?? 0
            if px != py { return px < py }
            if x.rank != y.rank { return x.rank < y.rank }
            return a.offset < b.offset
        }.map(\.element)
        return SystemTimeline(result: result, asOf: options.asOf, entries: sorted)
    }

    static func evaluate(_ pack: RulePack, _ d: Descriptor, on day: Day, _ options: CheckOptions) -> PackEvaluation {
        Evaluator.evaluate(pack: pack, descriptor: d, asOf: day, baseline: options.baseline, includeNotApplicable: false)
    }

    /// How each obligation stands on the evaluation's own date. A result that the engine reports
    /// for a later date (an upcoming duty, or one undetermined from a later date on) does not
    /// stand yet.
    static func standings(_ e: PackEvaluation) -> [String: (Standing, ObligationResult)] {
        var out: [String: (Standing, ObligationResult)] = [:]
        for o in e.obligations where o.appliesFrom <= e.asOf { if let s = Standing(o.status) { out[o.id] = (s, o) } }
        return out
    }

    static func same(_ a: TierDecision, _ b: TierDecision) -> Bool {
        a.status == b.status && a.tier == b.tier && a.possible == b.possible
    }

    static func packEntries(_ pack: RulePack, _ now: PackEvaluation, _ d: Descriptor, _ options: CheckOptions) -> [TimelineEntry] {
        let asOf = options.asOf
        var out: [TimelineEntry] = []
        let nowStandings = standings(now)
        func baseline(_ id: String?) -> Baseline? { id.flatMap { i in pack.baselines.first { $0.id == i } } }

        // The past, and the evaluation date: evaluated date by date.
        var lastTier: TierDecision?
        var lastText: String?
        var last: [String: (Standing, ObligationResult)] = [:]
        let past = Array(pack.eventDates.filter { $0 < asOf })
        for day in past + [asOf] {
            let e = day == asOf ? now : evaluate(pack, d, on: day, options)
            if let b = e.baseline, b != lastText, let text = baseline(b) {
                out.append(TimelineEntry(date: day, pack: pack.id, change: .text(text), possible: false))
            }
            lastText = e.baseline ?? lastText
            if lastTier.map({ !same($0, e.tier) }) ?? true {
                out.append(TimelineEntry(date: day, pack: pack.id, change: .tier(e.tier), possible: false))
            }
            lastTier = e.tier
            let current = day == asOf ? nowStandings : standings(e)
            for o in e.obligations {
                guard let (s, r) = current[o.id], last[o.id]?.0 != s else { continue }
                // Shown with its status on the evaluation date when it still stands the same then.
                let shown = nowStandings[o.id].flatMap { $0.0 == s ? $0.1 : nil } ?? r
                out.append(TimelineEntry(date: day, pack: pack.id, change: .starts(shown), possible: false))
            }
            for (id, (_, r)) in last.sorted(by: { $0.key < $1.key }) where current[id] == nil {
                out.append(TimelineEntry(date: day, pack: pack.id, change: .ends(r), possible: false))
            }
            last = current
        }

        // Later: tier changes and duties that start, as the evaluation of the evaluation date says.
        for c in now.timeline {
            out.append(TimelineEntry(date: c.from, pack: pack.id, change: .tier(c.decision), possible: false))
        }
        for o in now.obligations {
            switch o.status {
            case .upcoming:
                if o.possibleStarts.isEmpty {
                    out.append(TimelineEntry(date: o.appliesFrom, pack: pack.id, change: .starts(o), possible: false))
                } else {
                    for day in o.possibleStarts where day > asOf {
                        out.append(TimelineEntry(date: day, pack: pack.id, change: .starts(o), possible: true))
                    }
                }
            case .undetermined where o.appliesFrom > asOf:
                out.append(TimelineEntry(date: o.appliesFrom, pack: pack.id, change: .starts(o), possible: false))
            default:
                break
            }
        }
        // Later event dates: texts that come into force and duties that stop applying.
        var standing = nowStandings
        for day in pack.eventDates(after: asOf) {
            let e = evaluate(pack, d, on: day, options)
            if let b = e.baseline, b != lastText, let text = baseline(b) {
                out.append(TimelineEntry(date: day, pack: pack.id, change: .text(text), possible: false))
            }
            lastText = e.baseline ?? lastText
            let next = standings(e)
            for (id, (s, r)) in standing.sorted(by: { $0.key < $1.key }) where s == .applies && next[id] == nil {
                out.append(TimelineEntry(date: day, pack: pack.id, change: .ends(r), possible: false))
            }
            standing = next
        }
        return out
    }
}
