import Foundation
import GovCheckEngine

/// `check --format markdown`: the pull-request comment. A table of systems with their tiers and
/// counts, then exactly the findings `--fail-on` makes fail (with citation, fix and place), then
/// the other open findings in a collapsed `<details>`. Written while the fleet is checked: the
/// sections go to temporary files as results come and are joined at the end.
public final class MarkdownSink: ReportSink {
    /// At most this many other (non-failing) findings are listed, so a large fleet's comment stays
    /// within what a code host accepts; the rest are counted, never dropped silently.
    public static let otherFindingsLimit = 300

    let out: ReportOutput
    let l: ReportLabels
    let toolVersion: String
    var run: RunInfo?
    let table = Spool()
    let failing = Spool()
    let others = Spool()
    var failingCount = 0
    var otherCount = 0
    var errors: [InputError] = []

    public init(output: ReportOutput, language: Language = .en, toolVersion: String) {
        self.out = output
        self.l = ReportLabels(language)
        self.toolVersion = toolVersion
    }

    /// The whole comment, for callers that hold every result.
    public static func render(_ report: CheckReport, policy: FailPolicy, language: Language = .en, toolVersion: String) -> String {
        let o = ReportOutput()
        let sink = MarkdownSink(output: o, language: language, toolVersion: toolVersion)
        sink.begin(RunInfo(asOf: report.asOf, packs: report.packs, policy: policy))
        for r in report.results { sink.result(r) }
        for e in report.errors { sink.error(e) }
        sink.end(RunSummary(asOf: report.asOf, failOn: policy.spelled, results: report.results, errors: report.errors, policy: policy))
        o.close()
        return o.text
    }

    func m(_ s: String) -> String { Markdown.text(s) }
    func c(_ s: String) -> String { Markdown.code(s) }

    public func begin(_ run: RunInfo) { self.run = run }

    public func result(_ r: DescriptorResult) {
        guard let run else { return }
        let policy = run.policy
        var counts: [ObligationStatus: Int] = [:]
        for e in r.evaluations { for o in e.obligations { counts[o.status, default: 0] += 1 } }
        let fails = r.evaluations.contains { policy.fails($0) }
        let tiers = r.evaluations.map { e in
            c(e.pack) + ": **" + m(l.tier(e.tier)) + "**" + e.timeline.map { " → " + m(l.tier($0.decision)) + " " + m(l(.fromDate, $0.from.description)) }.joined()
        }.joined(separator: "<br>")
        table.write("| \(m(r.name)) | \(c(r.file))\(r.document > 1 ? " #\(r.document)" : "") | \(tiers) | \(counts[.missing] ?? 0) | "
                    + "\(counts[.undetermined] ?? 0) | \(counts[.upcoming] ?? 0) | \(fails ? "**\(m(l(.prFail1)))**" : m(l(.prPass1))) |\n")
        var mine: [String] = []
        for e in r.evaluations {
            let where_ = c("\(r.file):\(r.line):\(r.column)")
            let head = "**\(m(r.name))** · \(c(e.pack)) · "
            // The tier now, and each later tier.
            if e.tier.status == .needsReview || policy.tierFails(e) {
                let line = head + m(l(.tierInline)) + " **" + m(l.tier(e.tier)) + "**" + tierDetail(e.tier) + " · " + where_
                if policy.tierFails(e) { failing.write("- " + line + "\n"); failingCount += 1 } else { mine.append(line) }
            }
            for ch in e.timeline {
                let gates = policy.changeFails(ch, in: e)
                guard gates || ch.decision.severity >= .high || ch.decision.status == .needsReview else { continue }
                let cites = ch.decision.reasons.map { cite($0.citation, e.pack) }.joined(separator: "; ")
                let line = head + m(l(.tierInline)) + " **" + m(l.tier(ch.decision)) + "** " + m(l(.fromDate, ch.from.description))
                    + (cites.isEmpty ? "" : " (" + cites + ")") + " · " + where_
                if gates { failing.write("- " + line + "\n"); failingCount += 1 } else { mine.append(line) }
            }
            for o in e.obligations {
                switch o.status {
                case .met, .notApplicable: continue
                default: break
                }
                let line = head + obligation(o, e, r)
                if policy.obligationFails(o, in: e) { failing.write("- " + line + "\n"); failingCount += 1 } else { mine.append(line) }
            }
        }
        for line in mine {
            otherCount += 1
            if otherCount <= MarkdownSink.otherFindingsLimit { others.write("- " + line + "\n") }
        }
    }

    func tierDetail(_ d: TierDecision) -> String {
        guard d.status == .needsReview else { return d.title.map { " — " + m($0.text(l.language)) } ?? "" }
        var s = " — " + m(l(.couldBe, d.possible.joined(separator: " / ")))
        if !d.decidingFacts.isEmpty { s += "; " + m(l(.decideByInline, "")) + d.decidingFacts.map(c).joined(separator: ", ") }
        return s
    }

    func cite(_ cr: CitationRef, _ pack: String) -> String {
        Markdown.link(cr.label.text(l.language), run?.pack(pack)?.instrument(cr.instrument)?.url)
    }

    func obligation(_ o: ObligationResult, _ e: PackEvaluation, _ r: DescriptorResult) -> String {
        var s = "**\(m(l.status(o.status)))** (\(m(l.severity(o.severity)))) \(m(o.title.text(l.language))) — " + cite(o.citation, e.pack)
        switch o.status {
        case .upcoming:
            s += " · " + m(o.possibleStarts.isEmpty ? l(.appliesFrom, o.appliesFrom.description)
                           : l(.possibleStarts, o.possibleStarts.map(\.description).joined(separator: ", ")))
            if let t = o.tierAtStart { s += " " + m(l(.withTier, t)) }
        case .undetermined:
            s += " · " + m(l(.decideByInline, "")) + o.decidingFacts.map(c).joined(separator: ", ")
        case .disabled:
            s += " · " + m(l(.disabledBecause, o.disabledReason ?? ""))
        default:
            break
        }
        if o.status == .missing {
            if !o.missingEvidence.isEmpty {
                let vocabulary = run?.pack(e.pack)?.vocabulary
                s += " · " + m(l(.evidence)) + ": " + o.missingEvidence.map { path in
                    (vocabulary?[path].map { m($0.description.text(l.language)) + " (" + c(path) + ")" }) ?? c(path)
                }.joined(separator: "; ")
            }
            if let fix = o.remediation { s += " · " + m(l(.prFix)) + ": " + m(fix.text(l.language)) }
        }
        let line = o.evidenceLine ?? o.line, column = o.evidenceColumn ?? o.column
        return s + " · " + c("\(r.file):\(line):\(column)")
    }

    public func error(_ e: InputError) { errors.append(e) }

    public func end(_ summary: RunSummary) {
        guard let run else { return }
        let headline = summary.failing > 0 ? m(l(.prFail, String(summary.failing), String(summary.descriptors))) : m(l(.prPass))
        out.write("## govcheck: \(headline)\n\n")
        out.write("\(m(l(.evaluationDate))) \(run.asOf) · \(m(l(.prFailOn))) \(c(summary.failOn.isEmpty ? "none" : summary.failOn.joined(separator: ","))) · "
                  + run.packs.map { c($0.id) + " " + m($0.version) }.joined(separator: ", ") + "\n\n")
        out.write("| \(m(l(.system))) | \(m(l(.file))) | \(m(l(.tier))) | \(m(l(.statusMissing))) | \(m(l(.statusUndetermined))) | \(m(l(.statusUpcoming))) | \(m(l(.prResult))) |\n")
        out.write("|---|---|---|---:|---:|---:|---|\n")
        table.copy(to: out)
        out.write("\n### \(m(l(.prFailing))) (\(failingCount))\n\n")
        if failingCount == 0 { out.write(m(l(.prNoFailing)) + "\n") } else { failing.copy(to: out) }
        out.write("\n")
        if otherCount > 0 {
            out.write("<details>\n<summary>\(m(l(.prOthers, String(otherCount))))</summary>\n\n")
            others.copy(to: out)
            if otherCount > MarkdownSink.otherFindingsLimit {
                out.write("- … \(otherCount - MarkdownSink.otherFindingsLimit) more not listed here; run `govcheck check` for all of them\n")
            }
            out.write("\n</details>\n\n")
        }
        if !errors.isEmpty {
            out.write("### \(m(l(.inputErrors))) (\(errors.count))\n\n")
            for e in errors {
                for d in e.diagnostics { out.write("- \(c("\(d.file):\(d.line):\(d.column)")) \(m(d.message(l.language))) \(c("[\(d.code)]"))\n") }
            }
            out.write("\n")
        }
        out.write("<sub>govcheck \(m(toolVersion)) · \(m(l(.notAdvice)))</sub>\n")
    }
}

/// Text kept aside until the end of a run: in a temporary file, or in memory when no file can
/// be made, so a section can be written after another that is still growing.
final class Spool {
    private var handle: FileHandle?
    private var path: String?
    private var memory = ""
    private var pending = ""

    init() {
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-spool-\(UUID().uuidString).md").path
        if FileManager.default.createFile(atPath: p, contents: nil), let h = FileHandle(forWritingAtPath: p) {
            handle = h
            path = p
        }
    }

    deinit { remove() }

    func write(_ s: String) {
        guard handle != nil else { memory += s; return }
        pending += s
        if pending.utf8.count >= 1 << 16 { flush() }
    }

    private func flush() {
        guard let handle, !pending.isEmpty else { return }
        handle.write(Data(pending.utf8))
        pending = ""
    }

    /// Writes everything spooled to `out`, then discards it.
    func copy(to out: ReportOutput) {
        if let handle, let path {
            flush()
            try? handle.close()
            self.handle = nil
            if let reader = FileHandle(forReadingAtPath: path) {
                while let chunk = try? reader.read(upToCount: 1 << 16), !chunk.isEmpty { out.write([UInt8](chunk)) }
                try? reader.close()
            }
            remove()
        } else {
            out.write(memory)
            memory = ""
        }
    }

    private func remove() {
        try? handle?.close()
        handle = nil
        if let path { try? FileManager.default.removeItem(atPath: path) }
        path = nil
    }
}
