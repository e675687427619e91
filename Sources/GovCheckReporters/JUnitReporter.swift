import Foundation
import GovCheckEngine

/// JUnit XML for CI test dashboards: a suite per descriptor and pack, a case for the tier and for
/// each applicable obligation. A case fails exactly when its finding gates under `--fail-on` (so the
/// dashboard agrees with the exit code); other findings are skipped with the reason, input errors
/// are errors. Two dialects: `junit` is valid against the Jenkins xUnit plugin's junit-10.xsd
/// (which has no place for a case's file or line, so each case states them in `system-out` and each
/// suite carries `file`); `junit-gitlab` adds `file` and `line` attributes to every case, which
/// GitLab's test report (and other readers) show, but which that schema does not allow.
public enum JUnitReporter {
    public enum Dialect: Sendable {
        /// Valid against junit-10.xsd.
        case strict
        /// With `file` and `line` on each testcase.
        case located
    }

    /// The whole report, for callers that hold every result.
    public static func render(_ report: CheckReport, policy: FailPolicy, dialect: Dialect = .strict) -> String {
        let o = ReportOutput()
        let sink = JUnitSink(output: o, dialect: dialect)
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

    static func cite(_ c: CitationRef) -> String { "(\(c.label.en))" }

    /// The opening tag of a case, with its place in the located dialect.
    static func testcase(_ classname: String, _ name: String, file: String, line: Int, _ dialect: Dialect) -> String {
        var s = "    <testcase classname=\"\(x(classname))\" name=\"\(x(name))\""
        if dialect == .located { s += " file=\"\(x(ReportPath.relative(file)))\" line=\"\(max(1, line))\"" }
        return s + ">"
    }

    static func systemOut(_ text: String) -> String { "<system-out>\(x(text))</system-out>" }

    /// What a tier decision says, for the tier case's output.
    static func describe(_ d: TierDecision) -> String {
        switch d.status {
        case .decided:
            return "tier \(d.label)" + (d.title.map { " — \($0.en)" } ?? "")
                + (d.reasons.isEmpty ? "" : ", because " + d.reasons.map { "\($0.rule) \(cite($0.citation))" }.joined(separator: "; "))
        case .needsReview:
            return "tier needs review: could be \(d.possible.joined(separator: " or ")); state \(d.decidingFacts.joined(separator: ", "))"
        case .unclassified:
            return "no tier of this pack holds"
        }
    }

    /// The suites of one descriptor (one per pack) with their counts.
    static func suites(_ r: DescriptorResult, _ policy: FailPolicy, _ dialect: Dialect) -> (xml: String, counts: Counts) {
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
            var out = describe(e.tier)
            for c in e.timeline { out += "\nfrom \(c.from): " + describe(c.decision) }
            out += "\nat \(r.file):\(tierLine):\(tierColumn)"
            if policy.tierFails(e) || !gatingChanges.isEmpty {
                n.failures += 1
                let what = policy.tierFails(e) ? describe(e.tier)
                    : gatingChanges.map { "from \($0.from): " + describe($0.decision) }.joined(separator: "; ")
                cases += "<failure message=\"\(x(what))\">\(x("\(r.file):\(tierLine):\(tierColumn)"))</failure>"
            }
            cases += systemOut(out) + "</testcase>\n"
            for o in e.obligations where o.status != .notApplicable {
                n.tests += 1
                let line = o.evidenceLine ?? o.line, column = o.evidenceColumn ?? o.column
                let at = "\(r.file):\(line):\(column)"
                cases += testcase(classname, o.id, file: r.file, line: line, dialect)
                let gates = policy.obligationFails(o, in: e)
                let what = "\(o.title.en) \(cite(o.citation))"
                let expired = o.waiver.flatMap { $0.expired ? "; waiver \($0.id) expired on \($0.expires), so the finding stands" : nil } ?? ""
                switch o.status {
                case .missing where gates:
                    n.failures += 1
                    cases += "<failure message=\"\(x("missing: \(what)\(expired)"))\">"
                        + x("\(at) \(o.remediation?.en ?? "")") + "</failure>"
                case .undetermined where gates:
                    n.failures += 1
                    cases += "<failure message=\"\(x("undetermined: \(what); state \(o.decidingFacts.joined(separator: ", "))\(expired)"))\">"
                        + x(at) + "</failure>"
                case .upcoming where gates:
                    n.failures += 1
                    cases += "<failure message=\"\(x("upcoming from \(o.appliesFrom): \(what)\(expired)"))\">"
                        + x("\(at) \(o.remediation?.en ?? "")") + "</failure>"
                case .waived where gates:
                    // A waiver in use that expires within the --fail-on period.
                    n.failures += 1
                    cases += "<failure message=\"\(x("waiver \(o.waiver?.id ?? "") expires on \(o.waiver.map { "\($0.expires)" } ?? ""), within the --fail-on period: \(what)"))\">"
                        + x(at) + "</failure>"
                case .missing:
                    n.skipped += 1
                    cases += "<skipped message=\"\(x("missing (severity \(o.severity.rawValue), below the --fail-on threshold): \(what)"))\"/>"
                case .undetermined:
                    n.skipped += 1
                    cases += "<skipped message=\"\(x("undetermined; state \(o.decidingFacts.joined(separator: ", "))"))\"/>"
                case .upcoming:
                    n.skipped += 1
                    cases += "<skipped message=\"\(x("applies from \(o.appliesFrom)" + (o.tierAtStart.map { " with tier \($0)" } ?? "")))\"/>"
                case .disabled:
                    n.skipped += 1
                    cases += "<skipped message=\"\(x("disabled: \(o.disabledReason ?? "")"))\"/>"
                case .waived:
                    n.skipped += 1
                    let w = o.waiver
                    cases += "<skipped message=\"\(x("waived by \(w?.id ?? "") until \(w.map { "\($0.expires)" } ?? ""), approved by \(w?.approvedBy ?? "") (ticket \(w?.ticket ?? "")): \(w?.justification ?? "")"))\"/>"
                case .met, .notApplicable: break
                }
                cases += systemOut("\(o.status.rawValue): \(what)\nat \(at)") + "</testcase>\n"
            }
            total.add(n)
            suites += "  <testsuite name=\"\(x("\(r.file)\(doc) \(r.name) \(e.pack)"))\" tests=\"\(n.tests)\" failures=\"\(n.failures)\" errors=\"0\" skipped=\"\(n.skipped)\" file=\"\(x(ReportPath.relative(r.file)))\">\n"
                + cases + "  </testsuite>\n"
        }
        return (suites, total)
    }

    /// An input that was not evaluated: a suite with one erroring case.
    static func suite(_ e: InputError, _ dialect: Dialect) -> String {
        let msg = e.diagnostics.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
        let doc = e.document.map { $0 > 1 ? "#\($0)" : "" } ?? ""
        let line = e.diagnostics.first?.line ?? 1
        return "  <testsuite name=\"\(x(e.file + doc))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\" file=\"\(x(ReportPath.relative(e.file)))\">\n"
            + testcase("govcheck", "read" + (doc.isEmpty ? "" : " document \(e.document ?? 1)"), file: e.file, line: line, dialect)
            + "<error message=\"\(x(e.diagnostics.first?.message ?? "error"))\">\(x(msg))</error></testcase>\n"
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
    var policy = FailPolicy(terms: [], spelled: [])
    var spool: FileHandle?
    var spoolPath: String?
    var inMemory = ""
    var counts = JUnitReporter.Counts()

    public init(output: ReportOutput, dialect: JUnitReporter.Dialect = .strict) {
        self.out = output
        self.dialect = dialect
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
        let s = JUnitReporter.suites(r, policy, dialect)
        counts.add(s.counts)
        append(s.xml)
    }

    public func error(_ e: InputError) {
        counts.tests += 1
        counts.errors += 1
        append(JUnitReporter.suite(e, dialect))
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
