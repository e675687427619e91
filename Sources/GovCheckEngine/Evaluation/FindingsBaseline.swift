import Foundation
import YAMLTree

/// How a finding compares with the findings baseline of the run (SARIF's `baselineState` words).
public enum BaselineState: String, Sendable, Codable {
    /// Not in the baseline: it is reported and gates as usual.
    case new
    /// In the baseline with the same status: reported as baselined, it does not gate.
    case unchanged
    /// In the baseline with another status (an upcoming duty now in force, say): it gates like a new one.
    case updated
}

/// One finding as a baseline records it: its stable fingerprint, and the parts it is made of so
/// that a person can read the file.
public struct BaselineEntry: Sendable, Hashable {
    public let fingerprint: String
    public let descriptor: String
    public let pack: String
    /// An obligation id, `tier/<id>` or `timeline/<id>` (see `Fingerprint`).
    public let rule: String
    /// `missing`, `undetermined` or `upcoming` for an obligation; `decided` or `needs-review` for a tier.
    public let status: String
    /// How many descriptors of the same name had this finding (1 unless names repeat).
    public internal(set) var count: Int

    public init(descriptor: String, pack: String, rule: String, status: String, count: Int = 1) {
        self.fingerprint = Fingerprint.of(descriptor: descriptor, pack: pack, rule: rule)
        self.descriptor = descriptor
        self.pack = pack
        self.rule = rule
        self.status = status
        self.count = count
    }

    /// The file's order: by descriptor, pack, rule, then status.
    public static func inFileOrder(_ a: BaselineEntry, _ b: BaselineEntry) -> Bool {
        if a.descriptor != b.descriptor { return a.descriptor < b.descriptor }
        if a.pack != b.pack { return a.pack < b.pack }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.status < b.status
    }
}

/// The findings a team accepted when it adopted govcheck (`check --write-baseline FILE`), so that
/// later runs (`check --baseline FILE`) gate only on findings that are new. It records every
/// finding that some `--fail-on` could make fail, whatever the run's own `--fail-on`: each missing,
/// undetermined and upcoming obligation, and each tier decision (now and later) that is decided or
/// under review, by fingerprint (descriptor name, pack, rule) and status.
public struct FindingsBaseline: Sendable {
    public let path: String
    public let entries: [BaselineEntry]

    public static let kind = "FindingsBaseline"
    /// Larger than a descriptor's limits: a fleet's baseline holds a line per finding.
    public static let limits = YAMLLimits(maxBytes: 64 << 20, maxDepth: 8, maxDocuments: 1, maxNodes: 4_000_000)
    /// The keys of the file and of each finding.
    static let fileKeys = ["govcheck", "kind", "findings"]
    static let entryKeys = ["fingerprint", "descriptor", "pack", "rule", "status", "count"]
    static let obligationStatuses: [ObligationStatus] = [.missing, .undetermined, .upcoming]
    static let tierStatuses: [TierDecision.Status] = [.decided, .needsReview]

    public init(path: String, entries: [BaselineEntry]) {
        self.path = path
        self.entries = entries
    }

    /// One finding of a result that a baseline records, with where it is in the result.
    public struct Finding: Sendable {
        public enum Place: Sendable { case tier, timeline(Int), obligation(Int) }
        public let evaluation: Int
        public let place: Place
        public let rule: String
        public let status: String
    }

    /// The recordable findings of one descriptor's result, in report order.
    public static func findings(of r: DescriptorResult) -> [Finding] {
        var out: [Finding] = []
        for (i, e) in r.evaluations.enumerated() {
            if tierStatuses.contains(e.tier.status) {
                out.append(Finding(evaluation: i, place: .tier, rule: Fingerprint.tierRule(e.tier.label), status: e.tier.status.rawValue))
            }
            for (k, c) in e.timeline.enumerated() where tierStatuses.contains(c.decision.status) {
                out.append(Finding(evaluation: i, place: .timeline(k), rule: Fingerprint.timelineRule(c.decision.label),
                                   status: c.decision.status.rawValue))
            }
            for (k, o) in e.obligations.enumerated() where obligationStatuses.contains(o.status) {
                out.append(Finding(evaluation: i, place: .obligation(k), rule: o.id, status: o.status.rawValue))
            }
        }
        return out
    }

    /// Entries for findings collected from a run, merged by fingerprint and status and sorted.
    public static func entries(_ findings: [(descriptor: String, pack: String, rule: String, status: String)]) -> [BaselineEntry] {
        var merged: [BaselineEntry: Int] = [:]
        for f in findings {
            merged[BaselineEntry(descriptor: f.descriptor, pack: f.pack, rule: f.rule, status: f.status), default: 0] += 1
        }
        return merged.map { e, n in var x = e; x.count = n; return x }.sorted(by: BaselineEntry.inFileOrder)
    }

    // MARK: Writing

    /// The file's text: a comment, the envelope, then one line per finding, sorted, so the same
    /// findings give the same bytes and a review shows each finding added or fixed as one line.
    public static func render(_ entries: [BaselineEntry]) -> String {
        var out = """
            # govcheck findings baseline: the findings accepted when govcheck was adopted.
            # `govcheck check --baseline FILE` reports them as baselined and gates only on new findings.
            # Written by `govcheck check --write-baseline FILE`; each line is a finding that leaves the file when it is fixed.
            govcheck: 1
            kind: \(kind)

            """
        if entries.isEmpty { return out + "findings: []\n" }
        out += "findings:\n"
        for e in entries.sorted(by: BaselineEntry.inFileOrder) {
            out += "  - {fingerprint: \(quote(e.fingerprint)), descriptor: \(quote(e.descriptor)), pack: \(quote(e.pack)), rule: \(quote(e.rule)), status: \(e.status)"
            out += (e.count > 1 ? ", count: \(e.count)" : "") + "}\n"
        }
        return out
    }

    /// A flow-context scalar: plain when it is a simple id, else double-quoted with escapes.
    static func quote(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || "-_./".unicodeScalars.contains($0) }
            && s.first!.isLetter && Scalar(text: s, style: .plain).value == .string(s)
        if plain { return s }
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if c.value < 0x20 || c.value == 0x7F { out += String(format: "\\x%02X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }

    // MARK: Reading

    /// Reads and checks a baseline file; every problem is a located diagnostic.
    public static func read(path: String) -> Result<FindingsBaseline, FileProblems> {
        let docs: [YAMLDocument]
        do {
            docs = try YAMLReader.read(path: path, limits: limits)
        } catch {
            return .failure(FileProblems([Diagnostic(error)]))
        }
        let sink = DiagnosticSink()
        let what = "a findings baseline"
        guard let top = StrictMapping(docs[0].root, what, prefix: "baseline", sink: sink) else { return .failure(FileProblems(sink.items)) }
        top.checkKeys(fileKeys, in: what)
        guard top.envelope(kind: kind, what: what) else { return .failure(FileProblems(sink.items)) }
        var entries: [BaselineEntry] = []
        var seen: [String: SourceSpan] = [:]   // by fingerprint and status
        if let list = top.required("findings", in: what) {
            if let items = list.sequence {
                for item in items {
                    guard let m = StrictMapping(item, "a finding", prefix: "baseline", sink: sink) else { continue }
                    m.checkKeys(entryKeys, in: "a finding")
                    let fields = ["fingerprint", "descriptor", "pack", "rule", "status"].map { k in
                        m.required(k, in: "a finding").flatMap { m.string($0, "'\(k)'") }
                    }
                    guard let fp = fields[0], let d = fields[1], let p = fields[2], let rule = fields[3], let status = fields[4] else { continue }
                    var count = 1
                    if let c = m["count"] {
                        guard let n = m.int(c, "'count'") else { continue }
                        guard n >= 1 else {
                            sink.error("baseline.value", "'count' must be at least 1, found \(n)", at: c.span)
                            continue
                        }
                        count = n
                    }
                    let isTier = rule.hasPrefix("tier/") || rule.hasPrefix("timeline/")
                    let allowed = isTier ? tierStatuses.map(\.rawValue) : obligationStatuses.map(\.rawValue)
                    guard allowed.contains(status) else {
                        sink.error("baseline.value", "\(DisplayText.quoted(status)) is not a status a baseline records for \(isTier ? "a tier" : "an obligation")",
                                   at: m["status"]?.span, help: (Suggest.help(status, allowed).map { $0 + " " } ?? "") + "statuses: \(allowed.joined(separator: ", "))")
                        continue
                    }
                    let e = BaselineEntry(descriptor: d, pack: p, rule: rule, status: status, count: count)
                    guard e.fingerprint == fp else {
                        sink.error("baseline.fingerprint", "fingerprint \(DisplayText.quoted(fp)) does not belong to this descriptor, pack and rule (their fingerprint is \(e.fingerprint))",
                                   at: m["fingerprint"]?.span, help: "the file was edited by hand; write it again with govcheck check --write-baseline FILE")
                        continue
                    }
                    if let first = seen[fp + " " + status] {
                        sink.error("baseline.duplicate", "this finding is listed twice", at: item.span,
                                   help: "remove one of the two lines (a finding of several descriptors of the same name has a 'count')",
                                   notes: [Diagnostic.Note(message: "first listed here", span: first)])
                        continue
                    }
                    seen[fp + " " + status] = item.span
                    entries.append(e)
                }
            } else {
                sink.error("baseline.type", "'findings' must be a list, found \(list.kindDescription)", at: list.span)
            }
        }
        if sink.hasErrors { return .failure(FileProblems(sink.items)) }
        return .success(FindingsBaseline(path: path, entries: entries))
    }
}

/// How a run's findings compared with its findings baseline, for every report's summary.
public struct BaselineCounts: Sendable, Hashable {
    /// The baseline file, as given.
    public let file: String
    /// Findings the baseline lists (a finding of several descriptors of the same name counts once per descriptor).
    public let entries: Int
    /// Findings of this run that the baseline lists with the same status (reported, not gating).
    public internal(set) var baselined = 0
    /// Findings of this run that are not in the baseline, or are there with another status.
    public internal(set) var new = 0
    /// Of the new findings, those the baseline lists with another status.
    public internal(set) var changed = 0
    /// Baselined findings of descriptors and packs checked in this run that it no longer reports.
    public internal(set) var fixed = 0
    /// Baselined findings of descriptors or packs this run did not check (not counted as fixed).
    public internal(set) var notChecked = 0

    public init(file: String, entries: Int) {
        self.file = file
        self.entries = entries
    }
}

/// Marks each finding of a run as new, unchanged or updated against the baseline, in input order
/// (so that when several descriptors share a name, the first ones use the baseline's count), and
/// counts what the baseline lists that the run no longer reports.
final class BaselineMatcher {
    struct Slot {
        let entry: BaselineEntry
        var left: Int
    }
    struct Checked: Hashable {
        let descriptor: String
        let pack: String
    }

    /// By fingerprint: one slot per status recorded (descriptors of the same name may differ).
    private var slots: [String: [Slot]] = [:]
    private var checked = Set<Checked>()
    private(set) var counts: BaselineCounts

    init(_ baseline: FindingsBaseline) {
        for e in baseline.entries { slots[e.fingerprint, default: []].append(Slot(entry: e, left: e.count)) }
        counts = BaselineCounts(file: baseline.path, entries: baseline.entries.reduce(0) { $0 + $1.count })
    }

    func apply(_ result: DescriptorResult) -> DescriptorResult {
        var r = result
        for e in r.evaluations { checked.insert(Checked(descriptor: r.name, pack: e.pack)) }
        for f in FindingsBaseline.findings(of: r) {
            let pack = r.evaluations[f.evaluation].pack
            let state = match(Fingerprint.of(descriptor: r.name, pack: pack, rule: f.rule), status: f.status)
            switch f.place {
            case .tier: r.evaluations[f.evaluation].tier.baselineState = state
            case .timeline(let k): r.evaluations[f.evaluation].timeline[k].decision.baselineState = state
            case .obligation(let k): r.evaluations[f.evaluation].obligations[k].baselineState = state
            }
        }
        return r
    }

    func match(_ fingerprint: String, status: String) -> BaselineState {
        guard var list = slots[fingerprint] else {
            counts.new += 1
            return .new
        }
        if let i = list.firstIndex(where: { $0.left > 0 && $0.entry.status == status }) {
            list[i].left -= 1
            slots[fingerprint] = list
            counts.baselined += 1
            return .unchanged
        }
        guard let i = list.firstIndex(where: { $0.left > 0 }) else {
            counts.new += 1
            return .new
        }
        list[i].left -= 1
        slots[fingerprint] = list
        counts.new += 1
        counts.changed += 1
        return .updated
    }

    /// The final counts: what is left in the baseline is fixed where the run checked that descriptor and pack.
    func finish() -> BaselineCounts {
        var c = counts
        for slot in slots.values.joined() where slot.left > 0 {
            if checked.contains(Checked(descriptor: slot.entry.descriptor, pack: slot.entry.pack)) {
                c.fixed += slot.left
            } else {
                c.notChecked += slot.left
            }
        }
        return c
    }
}

/// Collects the recordable findings of a run as it streams past, for `check --write-baseline`.
/// It keeps one short record per finding, never a result.
public final class BaselineRecorder: ReportSink {
    public private(set) var findings: [(descriptor: String, pack: String, rule: String, status: String)] = []
    public private(set) var descriptors = 0
    public private(set) var summary: RunSummary?

    public init() {}
    public func begin(_ run: RunInfo) {}
    public func result(_ r: DescriptorResult) {
        descriptors += 1
        for f in FindingsBaseline.findings(of: r) {
            findings.append((r.name, r.evaluations[f.evaluation].pack, f.rule, f.status))
        }
    }
    public func error(_ e: InputError) {}
    public func end(_ summary: RunSummary) { self.summary = summary }

    /// The baseline's entries, merged and sorted.
    public var entries: [BaselineEntry] { FindingsBaseline.entries(findings) }
}
