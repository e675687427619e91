import Dispatch
import Foundation
import YAMLTree

/// Settings of one `check` run.
public struct CheckOptions: Sendable {
    public var asOf: Day
    /// Forces a baseline (a text version of the law, by id; `--law-version`) in every pack that declares it.
    public var baseline: String?
    /// Lists obligations that do not apply, too.
    public var includeNotApplicable: Bool
    /// Evaluates only these packs (all when empty).
    public var packs: [String]
    /// How many files are checked at once (nil: one per core). Output is the same for every value.
    public var jobs: Int?
    /// How folders are searched for descriptors (`--exclude`, `--include-hidden`).
    public var discovery: DiscoveryOptions
    /// Findings accepted earlier (`--baseline FILE`): reported as baselined, they do not gate.
    public var findingsBaseline: FindingsBaseline?
    /// The name reports give standard input (`--stdin-filename`); `<stdin>` when nil.
    public var stdinName: String?

    public init(asOf: Day, baseline: String? = nil, includeNotApplicable: Bool = false, packs: [String] = [], jobs: Int? = nil,
                discovery: DiscoveryOptions = DiscoveryOptions(), findingsBaseline: FindingsBaseline? = nil,
                stdinName: String? = nil) {
        self.asOf = asOf
        self.baseline = baseline
        self.includeNotApplicable = includeNotApplicable
        self.packs = packs
        self.jobs = jobs
        self.discovery = discovery
        self.findingsBaseline = findingsBaseline
        self.stdinName = stdinName
    }
}

/// An input that could not be evaluated, with the reasons.
public struct InputError: Sendable, Encodable {
    public let file: String
    public let document: Int?
    public let diagnostics: [DiagnosticRecord]
}

/// Everything one run produced, in input order, for callers that keep every result; the CLI
/// streams results to sinks instead (see `ReportSink`).
public struct CheckReport: Sendable {
    public let asOf: Day
    public let packs: [RulePack]
    public let results: [DescriptorResult]
    public let errors: [InputError]
    public let summary: RunSummary

    public init(asOf: Day, packs: [RulePack], results: [DescriptorResult], errors: [InputError], summary: RunSummary? = nil) {
        self.asOf = asOf
        self.packs = packs
        self.results = results
        self.errors = errors
        self.summary = summary ?? RunSummary(asOf: asOf, failOn: [], results: results, errors: errors)
    }
}

/// Runs descriptors through the packs: expands paths, reads each file once, evaluates files in
/// parallel, and keeps the output in a stable order.
public enum Checker {
    /// `-` reads standard input (once, however often it is given); folders are searched
    /// recursively for `*.yaml` / `*.yml`, and every path not read is an error (`InputPaths`).
    /// `stream` goes further: in folders it keeps only descriptors (`DescriptorDiscovery`).
    public static func expand(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        InputPaths.expand(paths)
    }

    /// The packs a run evaluates: those selected with `--pack`, or else every loaded pack except
    /// those another loaded pack extends (a base is reported through its extension, not twice).
    public static func selectedPacks(_ packSet: PackSet, _ options: CheckOptions) -> [RulePack] {
        let extended = Set(packSet.packs.compactMap(\.extends))
        return options.packs.isEmpty ? packSet.packs.filter { !extended.contains($0.id) } : packSet.packs.filter { options.packs.contains($0.id) }
    }

    /// Evaluates every descriptor in `paths` against `packSet` and keeps every result.
    public static func run(paths: [String], packSet: PackSet, options: CheckOptions,
                           stdin: @escaping @Sendable () -> [UInt8] = { YAMLReader.standardInputBytes() }) -> CheckReport {
        let collector = CollectingSink()
        let summary = stream(paths: paths, packSet: packSet, options: options, policy: FailPolicy(terms: [], spelled: []),
                             sinks: [collector], stdin: stdin)
        return CheckReport(asOf: options.asOf, packs: selectedPacks(packSet, options), results: collector.results,
                           errors: collector.errors, summary: summary)
    }

    /// Evaluates every descriptor in `paths` and hands each result to the sinks in input order as
    /// soon as it and every result before it are done, so memory does not grow with the fleet.
    /// Input errors (paths that do not exist first, then files in order) go to the same sinks.
    @discardableResult
    public static func stream(paths: [String], packSet: PackSet, options: CheckOptions, policy: FailPolicy, sinks: [ReportSink],
                              stdin: @escaping @Sendable () -> [UInt8] = { YAMLReader.standardInputBytes() }) -> RunSummary {
        let (files, expandErrors, discovery) = DescriptorDiscovery.run(paths, options: options.discovery, jobs: options.jobs)
        let packs = selectedPacks(packSet, options)
        let loaded = Set(packSet.packs.map(\.jurisdiction))
        let info = RunInfo(asOf: options.asOf, packs: packs, policy: policy, discovery: discovery, baseline: options.findingsBaseline?.path)
        var start = RunSummary(asOf: options.asOf, failOn: policy.spelled)
        start.skipped = discovery.skipped.count
        let out = Delivery(sinks: sinks, policy: policy, summary: start, baseline: options.findingsBaseline.map(BaselineMatcher.init))
        for s in sinks { s.begin(info) }
        for e in expandErrors.sorted(by: { ($0.file, $0.document ?? 0) < ($1.file, $1.document ?? 0) }) { out.deliver(([], [e])) }
        let workers = max(1, min(options.jobs ?? ProcessInfo.processInfo.activeProcessorCount, files.count))
        if workers == 1 {
            for f in files {
                out.deliver(checkFile(f, packs: packs, vocabulary: packSet.vocabulary, options: options, loaded: loaded, stdin: stdin))
            }
        } else {
            let pipeline = OrderedPipeline(count: files.count, window: 64 * workers)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let i = pipeline.take() {
                    let outcome = checkFile(files[i], packs: packs, vocabulary: packSet.vocabulary, options: options,
                                            loaded: loaded, stdin: stdin)
                    pipeline.finish(i, outcome) { out.deliver($0) }
                }
            }
        }
        out.finish()
        for s in sinks { s.end(out.summary) }
        return out.summary
    }

    /// Reads one file (once) and evaluates each of its documents. A file is stat-ed before it is
    /// read, so a pipe, a device or an oversized file is refused without hanging or filling memory.
    public static func checkFile(_ path: String, packs: [RulePack], vocabulary: Vocabulary, options: CheckOptions,
                                 loaded: Set<String>? = nil, stdin: () -> [UInt8]) -> ([DescriptorResult], [InputError]) {
        let docs: [YAMLDocument]
        let display = path == "-" ? options.stdinName ?? "<stdin>" : path
        do {
            docs = path == "-" ? try YAMLReader.read(bytes: stdin(), path: display) : try YAMLReader.read(path: path)
        } catch {
            return ([], [InputError(file: display, document: nil, diagnostics: [DiagnosticRecord(Diagnostic(error))])])
        }
        var results: [DescriptorResult] = []
        var errors: [InputError] = []
        for doc in docs {
            let d = Descriptor(document: doc, path: display, vocabulary: vocabulary)
            if d.hasErrors {
                errors.append(InputError(file: display, document: doc.index, diagnostics: d.diagnostics.map(DiagnosticRecord.init)))
                continue
            }
            var r = evaluate(d, packs: packs, options: options, loaded: loaded)
            r.resumable = path != "-" && docs.count == 1
            // A descriptor that no pack could evaluate is an input error, never an empty pass.
            if r.diagnostics.contains(where: { $0.severity == .error }) {
                errors.append(InputError(file: display, document: doc.index, diagnostics: r.diagnostics))
            } else {
                results.append(r)
            }
        }
        return (results, errors)
    }

    /// The EU member states: a descriptor may name them, and the EU packs evaluate it (the AI Act
    /// applies in each of them). Other codes must match a loaded pack's jurisdiction exactly.
    public static let euMemberStates: Set<String> = [
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU",
        "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    ]

    /// Evaluates one typed descriptor against each pack, in pack order. `packs` are the packs the
    /// run evaluates (after `--pack`); `loaded` the jurisdictions of every loaded pack (default: those
    /// of `packs`). A jurisdiction no loaded pack covers, or a descriptor that none of `packs`
    /// evaluates, yields error diagnostics and no evaluation.
    public static func evaluate(_ d: Descriptor, packs: [RulePack], options: CheckOptions, loaded: Set<String>? = nil) -> DescriptorResult {
        var diagnostics = d.diagnostics
        var wanted: Set<String>?
        if let j = d.jurisdictions {
            let known = loaded ?? Set(packs.map(\.jurisdiction))
            var set = Set<String>()
            for (i, name) in j.enumerated() {
                let span = i < d.jurisdictionSpans.count ? d.jurisdictionSpans[i] : d.span
                if known.contains(name) {
                    set.insert(name)
                } else if euMemberStates.contains(name), known.contains("EU") {
                    set.insert("EU")
                    diagnostics.append(Diagnostic(.note, "descriptor.member-state",
                                                  "'\(name)' is an EU member state: the EU packs evaluate this descriptor", at: span,
                                                  help: "the AI Act applies in every member state; write 'EU' to say so directly",
                                                  zh: .init("'\(name)' 是欧盟成员国：由欧盟规则包评估该描述文件",
                                                            help: "《人工智能法》适用于每个成员国；可直接写 'EU'")))
                } else {
                    let caseMatch = known.first { $0.caseInsensitiveCompare(name) == .orderedSame }
                    let near = caseMatch ?? Suggest.closest(to: name, in: known.sorted())
                    let hint = near.map { "did you mean '\($0)'?" }
                    diagnostics.append(Diagnostic(.error, "descriptor.unknown-jurisdiction",
                                                  "no loaded pack covers jurisdiction '\(name)'", at: span,
                                                  help: (hint.map { $0 + " " } ?? "") + "loaded jurisdictions: \(known.sorted().joined(separator: ", "))"
                                                      + (known.contains("EU") ? " (EU also covers the member-state codes)" : ""),
                                                  zh: .init("已加载的规则包都不涵盖法域 '\(name)'",
                                                            help: (near.map(DiagnosticChinese.didYouMean) ?? "")
                                                                + "已加载的法域：\(known.sorted().joined(separator: ", "))"
                                                                + (known.contains("EU") ? "（EU 也涵盖各成员国代码）" : ""))))
                }
            }
            wanted = set
        }
        let selected = wanted.map { w in packs.filter { w.contains($0.jurisdiction) } } ?? packs
        if selected.isEmpty && !diagnostics.contains(where: { $0.severity == .error }) {
            let asked = wanted.map { $0.sorted().joined(separator: ", ") }
            let selectedPacks = packs.map(\.id).joined(separator: ", ")
            diagnostics.append(Diagnostic(.error, "descriptor.not-evaluated",
                                          "no selected pack evaluates this descriptor (its jurisdictions: \(asked ?? "any"); packs selected: \(selectedPacks))",
                                          at: d.jurisdictionSpans.first ?? d.span,
                                          help: "select a pack of its jurisdictions with --pack, or change metadata.jurisdictions",
                                          zh: .init("选定的规则包都不评估该描述文件（其法域：\(asked ?? "任意")；选定的规则包：\(selectedPacks)）",
                                                    help: "用 --pack 选定其法域的规则包，或修改 metadata.jurisdictions")))
        }
        guard !diagnostics.contains(where: { $0.severity == .error }) else {
            return DescriptorResult(file: d.path, document: d.document, name: d.name, line: d.span.start.line,
                                    column: d.span.start.column, diagnostics: diagnostics.sorted().map(DiagnosticRecord.init),
                                    jurisdictions: d.jurisdictions, evaluations: [])
        }
        // The descriptor's facts are tabled once for every pack of the set (they share one numbering).
        let index = selected.first?.program.facts
        let table = index.map { FactTable(d, $0) }
        let evaluations = selected.map { p in
            Evaluator.evaluate(pack: p, descriptor: d, asOf: options.asOf, baseline: options.baseline,
                               includeNotApplicable: options.includeNotApplicable, recorder: EvaluationRecorder(),
                               table: p.program.facts === index ? table : nil)
        }
        return DescriptorResult(file: d.path, document: d.document, name: d.name, line: d.span.start.line,
                                column: d.span.start.column, diagnostics: diagnostics.sorted().map(DiagnosticRecord.init),
                                jurisdictions: d.jurisdictions, evaluations: evaluations, about: SystemAbout(d))
    }
}

/// The sinks and running summary of a stream; only ever called by one thread at a time (the
/// pipeline's deliverer), which is what makes the unchecked `Sendable` sound.
final class Delivery: @unchecked Sendable {
    let sinks: [ReportSink]
    let policy: FailPolicy
    var summary: RunSummary
    let baseline: BaselineMatcher?

    init(sinks: [ReportSink], policy: FailPolicy, summary: RunSummary, baseline: BaselineMatcher? = nil) {
        self.sinks = sinks
        self.policy = policy
        self.summary = summary
        self.baseline = baseline
    }

    func deliver(_ outcome: ([DescriptorResult], [InputError])) {
        for e in outcome.1 { summary.count(e); for s in sinks { s.error(e) } }
        for result in outcome.0 {
            // Findings are marked against the baseline in input order, before they are counted.
            let r = baseline?.apply(result) ?? result
            summary.count(r, policy: policy)
            for s in sinks { s.result(r) }
        }
    }

    func finish() { summary.baseline = baseline?.finish() }
}

/// Hands file indices to workers in input order and releases finished results in that order:
/// the worker that completes the next result due delivers it (and any that follow it), under a
/// lock, so sinks see one call at a time. Workers wait when they get too far ahead of delivery,
/// so at most `window` results are held at once.
final class OrderedPipeline: @unchecked Sendable {
    private var nextIndex = 0
    private var nextDue = 0
    private var done: [Int: ([DescriptorResult], [InputError])] = [:]
    private let count: Int
    private let window: Int
    private let condition = NSCondition()
    private let delivery = NSLock()

    init(count: Int, window: Int) {
        self.count = count
        self.window = max(1, window)
    }

    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while nextIndex < count && nextIndex - nextDue >= window { condition.wait() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func finish(_ i: Int, _ outcome: ([DescriptorResult], [InputError]), deliver: (([DescriptorResult], [InputError])) -> Void) {
        condition.lock()
        done[i] = outcome
        condition.unlock()
        // One deliverer at a time; whoever holds the lock drains every result that is due.
        guard delivery.try() else { return }
        while true {
            condition.lock()
            guard let ready = done.removeValue(forKey: nextDue) else {
                condition.unlock()
                delivery.unlock()
                // A result may have landed between the check and the unlock: look once more.
                condition.lock()
                let pending = done[nextDue] != nil
                condition.unlock()
                if pending, delivery.try() { continue }
                return
            }
            nextDue += 1
            condition.broadcast()
            condition.unlock()
            deliver(ready)
        }
    }
}
