import Foundation
import GovCheckEngine

/// JUnit XML for CI test dashboards: a suite per descriptor and pack, a case for the tier and for
/// each applicable obligation. A case fails exactly when its finding gates under `--fail-on` (so the
/// dashboard agrees with the exit code); other findings are skipped with the reason, input errors
/// are errors. Two dialects: `junit` is valid against the Jenkins xUnit plugin's junit-10.xsd
/// (which has no place for a case's file or line, so each case states them in `system-out` and each
/// suite carries `file`); `junit-gitlab` adds `file` and `line` attributes to every case, which
/// GitLab's test report (and other readers) show, but which that schema does not allow. Messages
/// and case output follow `--lang`; suite and case names are ids and paths in every language.
public enum JUnitReporter {
    public enum Dialect: Sendable {
        /// Valid against junit-10.xsd.
        case strict
        /// With `file` and `line` on each testcase.
        case located
    }

    /// The whole report, for callers that hold every result.
    public static func render(_ report: CheckReport, policy: FailPolicy, dialect: Dialect = .strict, language: Language = .en) -> String {
        let o = ReportOutput()
        let sink = JUnitSink(output: o, dialect: dialect, language: language)
        sink.begin(RunInfo(asOf: report.asOf, packs: report.packs, policy: policy))
        for r in report.results { sink.result(r) }
        for e in report.errors { sink.error(e) }
        sink.end(report.summary)
        o.close()
        return o.text
    }

    struct Counts {
        var tests = 0, failures = 0, errors = 0, skipped = 0
        mutating func add(_ c: Counts) { tests += c.tests; failures += c.failures; errors += c.errors; skipped += c.skipped }
    }

    static func cite(_ c: CitationRef, _ l: ReportLabels) -> String { l(en: "(\(c.label.en))", zh: "（\(c.label.text(.zh))）") }

    /// The opening tag of a case, with its place in the located dialect.
    static func testcase(_ classname: String, _ name: String, file: String, line: Int, _ dialect: Dialect) -> String {
        var s = "    <testcase classname=\"\(x(classname))\" name=\"\(x(name))\""
        if dialect == .located { s += " file=\"\(x(ReportPath.relative(file)))\" line=\"\(max(1, line))\"" }
        return s + ">"
    }

    static func systemOut(_ text: String) -> String { "<system-out>\(x(text))</system-out>" }

    /// What a tier decision says, for the tier case's output.
    static func describe(_ d: TierDecision, _ l: ReportLabels) -> String {
        switch d.status {
        case .decided:
            return l(en: "tier ", zh: "等级 ") + d.label + (d.title.map { " — \($0.text(l.language))" } ?? "")
                + (d.reasons.isEmpty ? "" : l(en: ", because ", zh: "，依据 ")
                    + d.reasons.map { "\($0.rule)" + l(en: " ", zh: "") + cite($0.citation, l) }.joined(separator: l(en: "; ", zh: "；")))
        case .needsReview:
            return l(en: "tier needs review: could be \(d.possible.joined(separator: " or ")); state \(d.decidingFacts.joined(separator: ", "))",
                     zh: "等级需复核：可能为 \(d.possible.joined(separator: " 或 "))；需说明的事实：\(d.decidingFacts.joined(separator: ", "))")
        case .unclassified:
            return l(en: "no tier of this pack holds", zh: "本规则包没有适用的等级")
        }
    }

    /// "from DATE: " before a later tier of the timeline.
    static func from(_ d: Day, _ l: ReportLabels) -> String { l(en: "from \(d): ", zh: "自 \(d) 起：") }

    /// The suites of one descriptor (one per pack) with their counts.
    static func suites(_ r: DescriptorResult, _ policy: FailPolicy, _ dialect: Dialect, _ l: ReportLabels) -> (xml: String, counts: Counts) {
        var suites = ""
        var total = Counts()
        let doc = r.document > 1 ? "#\(r.document)" : ""
        let classPrefix = r.name + doc + "."
        for e in r.evaluations {
            var cases = ""
            var n = Counts()
            let classname = classPrefix + e.pack
            // The tier case: placed at the first fact a reason rests on; it fails exactly when the
            // tier, or a later tier of its timeline, gates.
            let gatingChanges = e.timeline.filter { policy.changeFails($0, in: e) }
            let placed = policy.tierFails(e) ? e.tier : (gatingChanges.first?.decision ?? e.tier)
            let fact = placed.reasons.lazy.flatMap(\.facts).first { $0.line != nil }
            let tierLine = fact?.line ?? r.line, tierColumn = fact?.column ?? r.column
            n.tests += 1
            cases += testcase(classname, "tier", file: r.file, line: tierLine, dialect)
            let atWord = l(en: "at ", zh: "位置：")
            var out = describe(e.tier, l)
            for c in e.timeline { out += "\n" + from(c.from, l) + describe(c.decision, l) }
            out += "\n\(atWord)\(r.file):\(tierLine):\(tierColumn)"
            if policy.tierFails(e) || !gatingChanges.isEmpty {
                n.failures += 1
                let what = policy.tierFails(e) ? describe(e.tier, l)
                    : gatingChanges.map { from($0.from, l) + describe($0.decision, l) }.joined(separator: l(en: "; ", zh: "；"))
                cases += "<failure message=\"\(x(what))\">\(x("\(r.file):\(tierLine):\(tierColumn)"))</failure>"
            }
            cases += systemOut(out) + "</testcase>\n"
            for o in e.obligations where o.status != .notApplicable {
                n.tests += 1
                let line = o.evidenceLine ?? o.line, column = o.evidenceColumn ?? o.column
                let at = "\(r.file):\(line):\(column)"
                cases += testcase(classname, o.id, file: r.file, line: line, dialect)
                let gates = policy.obligationFails(o, in: e)
                let what = o.title.text(l.language) + l(en: " ", zh: "") + cite(o.citation, l)
                let expired = o.waiver.flatMap {
                    $0.expired ? l(en: "; waiver \($0.id) expired on \($0.expires), so the finding stands", zh: "；豁免 \($0.id) 已于 \($0.expires) 到期，该发现仍然成立") : nil
                } ?? ""
                let status = l(en: o.status.rawValue, zh: l.status(o.status))
                let colon = l(en: ": ", zh: "：")
                let fix = o.remediation?.text(l.language) ?? ""
                let facts = o.decidingFacts.joined(separator: ", ")
                switch o.status {
                case .missing where gates:
                    n.failures += 1
                    cases += "<failure message=\"\(x(status + colon + what + expired))\">"
                        + x("\(at) \(fix)") + "</failure>"
                case .undetermined where gates:
                    n.failures += 1
                    cases += "<failure message=\"\(x(status + colon + what + l(en: "; state \(facts)", zh: "；需说明的事实：\(facts)") + expired))\">"
                        + x(at) + "</failure>"
                case .upcoming where gates:
                    n.failures += 1
                    cases += "<failure message=\"\(x(l(en: "upcoming from \(o.appliesFrom): ", zh: "即将适用（自 \(o.appliesFrom) 起）：") + what + expired))\">"
                        + x("\(at) \(fix)") + "</failure>"
                case .waived where gates:
                    // A waiver in use that expires within the --fail-on period.
                    n.failures += 1
                    let id = o.waiver?.id ?? "", until = o.waiver.map { "\($0.expires)" } ?? ""
                    cases += "<failure message=\"\(x(l(en: "waiver \(id) expires on \(until), within the --fail-on period: ", zh: "豁免 \(id) 将于 \(until) 到期，在 --fail-on 期限之内：") + what))\">"
                        + x(at) + "</failure>"
                case .missing:
                    n.skipped += 1
                    let severity = l.severity(o.severity)
                    cases += "<skipped message=\"\(x(l(en: "missing (severity \(severity), below the --fail-on threshold): ", zh: "未满足（严重程度 \(severity)，低于 --fail-on 阈值）：") + what))\"/>"
                case .undetermined:
                    n.skipped += 1
                    cases += "<skipped message=\"\(x(l(en: "undetermined; state \(facts)", zh: "待确定；需说明的事实：\(facts)")))\"/>"
                case .upcoming:
                    n.skipped += 1
                    let tier = o.tierAtStart.map { l(en: " with tier \($0)", zh: "，届时等级 \($0)") } ?? ""
                    cases += "<skipped message=\"\(x(l(en: "applies from \(o.appliesFrom)", zh: "自 \(o.appliesFrom) 起适用") + tier))\"/>"
                case .disabled:
                    n.skipped += 1
                    cases += "<skipped message=\"\(x(l(en: "disabled: ", zh: "已停用：") + (o.disabledReason ?? "")))\"/>"
                case .waived:
                    n.skipped += 1
                    let w = o.waiver
                    let id = w?.id ?? "", until = w.map { "\($0.expires)" } ?? "", by = w?.approvedBy ?? "", ticket = w?.ticket ?? ""
                    let why = l(en: "waived by \(id) until \(until), approved by \(by) (ticket \(ticket)): ",
                                zh: "由豁免 \(id) 豁免至 \(until)，\(by) 批准（工单 \(ticket)）：") + (w?.justification ?? "")
                    cases += "<skipped message=\"\(x(why))\"/>"
                case .met, .notApplicable: break
                }
                cases += systemOut(status + colon + what + "\n" + atWord + at) + "</testcase>\n"
            }
            total.add(n)
            suites += "  <testsuite name=\"\(x("\(r.file)\(doc) \(r.name) \(e.pack)"))\" tests=\"\(n.tests)\" failures=\"\(n.failures)\" errors=\"0\" skipped=\"\(n.skipped)\" file=\"\(x(ReportPath.relative(r.file)))\">\n"
                + cases + "  </testsuite>\n"
        }
        return (suites, total)
    }

    /// An input that was not evaluated: a suite with one erroring case.
    static func suite(_ e: InputError, _ dialect: Dialect, _ l: ReportLabels) -> String {
        let msg = e.diagnostics.map { "\($0.file):\($0.line):\($0.column): \($0.message(l.language))" }.joined(separator: "\n")
        let doc = e.document.map { $0 > 1 ? "#\($0)" : "" } ?? ""
        let line = e.diagnostics.first?.line ?? 1
        return "  <testsuite name=\"\(x(e.file + doc))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" file=\"\(x(ReportPath.relative(e.file)))\">\n"
            + testcase("govcheck", "read" + (doc.isEmpty ? "" : " document \(e.document ?? 1)"), file: e.file, line: line, dialect)
            + "<error message=\"\(x(e.diagnostics.first?.message(l.language) ?? l(en: "error", zh: "错误")))\">\(x(msg))</error></testcase>\n"
            + "  </testsuite>\n"
    }

    /// Escapes XML text and attribute values; characters XML 1.0 cannot hold are dropped.
    static func x(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if ch.value < 0x20 || ch.value == 0xFFFE || ch.value == 0xFFFF { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}

/// JUnit written while the fleet is checked: the suites go to a temporary file as they come, and
/// the root element with the totals is written first at the end, then the suites are copied after it.
public final class JUnitSink: ReportSink {
    let out: ReportOutput
    let dialect: JUnitReporter.Dialect
    let labels: ReportLabels
    var policy = FailPolicy(terms: [], spelled: [])
    var spool: FileHandle?
    var spoolPath: String?
    var inMemory = ""
    var counts = JUnitReporter.Counts()

    public init(output: ReportOutput, dialect: JUnitReporter.Dialect = .strict, language: Language = .en) {
        self.out = output
        self.dialect = dialect
        self.labels = ReportLabels(language)
    }

    public func begin(_ run: RunInfo) {
        policy = run.policy
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-junit-\(UUID().uuidString).xml").path
        if FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) {
            spool = h
            spoolPath = path
        }
    }

    func append(_ s: String) {
        if let spool { spool.write(Data(s.utf8)) } else { inMemory += s }
    }

    public func result(_ r: DescriptorResult) {
        let s = JUnitReporter.suites(r, policy, dialect, labels)
        counts.add(s.counts)
        append(s.xml)
    }

    public func error(_ e: InputError) {
        counts.tests += 1
        counts.errors += 1
        append(JUnitReporter.suite(e, dialect, labels))
    }

    public func end(_ summary: RunSummary) {
        // junit-10.xsd allows name, time, tests, failures and errors on the root (no `skipped`).
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  + "<testsuites name=\"govcheck\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\">\n")
        if let spool, let spoolPath {
            try? spool.close()
            if let reader = FileHandle(forReadingAtPath: spoolPath) {
                while let chunk = try? reader.read(upToCount: 1 << 16), !chunk.isEmpty { out.write([UInt8](chunk)) }
                try? reader.close()
            }
            try? FileManager.default.removeItem(atPath: spoolPath)
        } else {
            out.write(inMemory)
        }
        out.write("</testsuites>\n")
    }
}
