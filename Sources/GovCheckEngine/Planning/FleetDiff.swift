/// How one obligation differs between two evaluations of a system.
public struct ObligationChange: Sendable {
    public enum Kind: String, Sendable {
        /// Listed only in the second evaluation (it applies, may apply or starts later there).
        case gained
        /// Listed only in the first.
        case lost
        /// Listed in both, with a different status, date, severity, citation, title or role.
        case changed
    }

    public let kind: Kind
    public let id: String
    public let from: ObligationResult?
    public let to: ObligationResult?
    /// For `changed`: the fields that differ, by their JSON names (`status`, `appliesFrom`, …).
    public let fields: [String]
}

/// How one pack's evaluation of a system differs between the two sides.
public struct PackChange: Sendable {
    public enum Kind: String, Sendable {
        /// The pack evaluates the system only on the second side.
        case added
        /// Only on the first side.
        case removed
        case changed
    }

    public let kind: Kind
    public let pack: String
    public let from: PackEvaluation?
    public let to: PackEvaluation?
    /// The tier decision differs (status, tier or the tiers still possible).
    public let tierChanged: Bool
    /// The later tiers of the timeline differ (their dates or decisions).
    public let laterChanged: Bool
    public let obligations: [ObligationChange]
}

/// A system whose evaluation differs between the two sides, or that is an input error on one.
public struct SystemChange: Sendable {
    public let file: String
    public let document: Int
    public let name: String
    public let packs: [PackChange]
    /// Set when the system could not be evaluated on that side (with the reasons).
    public let fromError: InputError?
    public let toError: InputError?
}

/// The difference between two runs over the same descriptors: which systems change tier or
/// gain, lose or change obligations. Systems are matched by file and document.
public struct FleetDiff: Sendable {
    /// Changed systems (and systems evaluated on one side only), in input order.
    public let systems: [SystemChange]
    /// Systems evaluated on both sides.
    public let compared: Int
    public let unchanged: Int
    /// Inputs not evaluated on either side (a file that does not read, say), with each side's
    /// reasons; one entry per input, in the first side's order, then the second's.
    public let errors: [(from: InputError?, to: InputError?)]

    /// True when some system changes.
    public var hasChanges: Bool { systems.contains { !$0.packs.isEmpty || ($0.fromError == nil) != ($0.toError == nil) } }
    /// Inputs that were not evaluated on at least one side.
    public var inputErrors: Int { errors.count + systems.filter { $0.fromError != nil || $0.toError != nil }.count }

    /// Compares two runs over the same paths.
    public static func compare(_ a: CheckReport, _ b: CheckReport) -> FleetDiff {
        struct Key: Hashable { let file: String; let document: Int? }
        var bResults: [Key: DescriptorResult] = [:]
        for r in b.results { bResults[Key(file: r.file, document: r.document)] = r }
        var bErrors: [Key: InputError] = [:]
        for e in b.errors { bErrors[Key(file: e.file, document: e.document)] = e }
        var aErrors: [Key: InputError] = [:]
        for e in a.errors { aErrors[Key(file: e.file, document: e.document)] = e }

        var systems: [SystemChange] = []
        var compared = 0, unchanged = 0
        var matched = Set<Key>()
        for r in a.results {
            let k = Key(file: r.file, document: r.document)
            matched.insert(k)
            if let other = bResults[k] {
                compared += 1
                let packs = compare(r, other)
                if packs.isEmpty { unchanged += 1 } else {
                    systems.append(SystemChange(file: r.file, document: r.document, name: other.name, packs: packs, fromError: nil, toError: nil))
                }
            } else if let e = bErrors[k] ?? bErrors[Key(file: r.file, document: nil)] {
                matched.insert(Key(file: e.file, document: e.document))
                systems.append(SystemChange(file: r.file, document: r.document, name: r.name, packs: [], fromError: nil, toError: e))
            } else {
                // Not in the second run at all: every pack's result is lost, never skipped.
                systems.append(SystemChange(file: r.file, document: r.document, name: r.name,
                                            packs: compare(r, DescriptorResult(file: r.file, document: r.document, name: r.name, line: r.line,
                                                                               column: r.column, diagnostics: [], jurisdictions: nil, evaluations: [])),
                                            fromError: nil, toError: nil))
            }
        }
        // Evaluated only on the second side: an input error on the first, or new.
        for r in b.results {
            let k = Key(file: r.file, document: r.document)
            guard !matched.contains(k) else { continue }
            matched.insert(k)
            if let e = aErrors[k] ?? aErrors[Key(file: r.file, document: nil)] {
                matched.insert(Key(file: e.file, document: e.document))
                systems.append(SystemChange(file: r.file, document: r.document, name: r.name, packs: [], fromError: e, toError: nil))
            } else {
                systems.append(SystemChange(file: r.file, document: r.document, name: r.name,
                                            packs: compare(DescriptorResult(file: r.file, document: r.document, name: r.name, line: r.line,
                                                                            column: r.column, diagnostics: [], jurisdictions: nil, evaluations: []), r),
                                            fromError: nil, toError: nil))
            }
        }
        var errors: [(from: InputError?, to: InputError?)] = []
        for e in a.errors {
            let k = Key(file: e.file, document: e.document)
            guard !matched.contains(k) else { continue }
            errors.append((e, bErrors[k]))
            matched.insert(k)
        }
        for e in b.errors where !matched.contains(Key(file: e.file, document: e.document)) { errors.append((nil, e)) }
        let order = Dictionary(a.results.enumerated().map { (Key(file: $1.file, document: $1.document), $0) }, uniquingKeysWith: { x, _ in x })
        let sorted = systems.enumerated().sorted { x, y in
            let ox = order[Key(file: x.element.file, document: x.element.document)] ?? Int.max
            let oy = order[Key(file: y.element.file, document: y.element.document)] ?? Int.max
            return ox != oy ? ox < oy : x.offset < y.offset
        }.map(\.element)
        return FleetDiff(systems: sorted, compared: compared, unchanged: unchanged, errors: errors)
    }

    /// The pack-by-pack differences of one system; empty when it is evaluated the same way.
    public static func compare(_ a: DescriptorResult, _ b: DescriptorResult) -> [PackChange] {
        var out: [PackChange] = []
        for e in a.evaluations {
            guard let f = b.evaluations.first(where: { $0.pack == e.pack }) else {
                out.append(PackChange(kind: .removed, pack: e.pack, from: e, to: nil, tierChanged: true, laterChanged: !e.timeline.isEmpty,
                                      obligations: e.obligations.map { ObligationChange(kind: .lost, id: $0.id, from: $0, to: nil, fields: []) }))
                continue
            }
            let tier = !sameDecision(e.tier, f.tier)
            let later = e.timeline.count != f.timeline.count
                || zip(e.timeline, f.timeline).contains { $0.from != $1.from || !sameDecision($0.decision, $1.decision) }
            let duties = obligations(e.obligations, f.obligations)
            if tier || later || !duties.isEmpty {
                out.append(PackChange(kind: .changed, pack: e.pack, from: e, to: f, tierChanged: tier, laterChanged: later, obligations: duties))
            }
        }
        for f in b.evaluations where !a.evaluations.contains(where: { $0.pack == f.pack }) {
            out.append(PackChange(kind: .added, pack: f.pack, from: nil, to: f, tierChanged: true, laterChanged: !f.timeline.isEmpty,
                                  obligations: f.obligations.map { ObligationChange(kind: .gained, id: $0.id, from: nil, to: $0, fields: []) }))
        }
        return out
    }

    static func sameDecision(_ a: TierDecision, _ b: TierDecision) -> Bool {
        a.status == b.status && a.tier == b.tier && a.possible == b.possible
    }

    /// Lost duties first (in the first side's order), then changed and gained (in the second's).
    static func obligations(_ a: [ObligationResult], _ b: [ObligationResult]) -> [ObligationChange] {
        var out: [ObligationChange] = []
        let bByID = Dictionary(b.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        let aByID = Dictionary(a.map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        for o in a where bByID[o.id] == nil { out.append(ObligationChange(kind: .lost, id: o.id, from: o, to: nil, fields: [])) }
        for o in b {
            if let old = aByID[o.id] {
                let f = fields(old, o)
                if !f.isEmpty { out.append(ObligationChange(kind: .changed, id: o.id, from: old, to: o, fields: f)) }
            } else {
                out.append(ObligationChange(kind: .gained, id: o.id, from: nil, to: o, fields: []))
            }
        }
        return out
    }

    /// The fields that differ between two results of one obligation, in a fixed order.
    static func fields(_ a: ObligationResult, _ b: ObligationResult) -> [String] {
        var f: [String] = []
        if a.status != b.status { f.append("status") }
        if a.appliesFrom != b.appliesFrom { f.append("appliesFrom") }
        if a.possibleStarts != b.possibleStarts { f.append("possibleStarts") }
        if a.tierAtStart != b.tierAtStart { f.append("tierAtStart") }
        if a.severity != b.severity { f.append("severity") }
        if a.citation.text != b.citation.text || a.citation.identifier != b.citation.identifier { f.append("citation") }
        if a.title != b.title { f.append("title") }
        if a.boundAs?.role != b.boundAs?.role { f.append("boundAs") }
        if a.missingEvidence != b.missingEvidence { f.append("missingEvidence") }
        if a.decidingFacts != b.decidingFacts { f.append("decidingFacts") }
        return f
    }
}
