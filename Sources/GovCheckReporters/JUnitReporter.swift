import Foundation
import GovCheckEngine

/// JUnit XML for CI test dashboards: a suite per descriptor and pack, a case for the tier and for
/// each applicable obligation. A case fails exactly when its finding gates under `--fail-on` (so the
/// dashboard agrees with the exit code); other findings are skipped with the reason, input errors
/// are errors.
public enum JUnitReporter {
    /// The whole report, for callers that hold every result.
    public static func render(_ report: CheckReport, policy: FailPolicy) -> String {
        let o = ReportOutput()
        let sink = JUnitSink(output: o)
        sink.begin(RunInfo(asOf: report.asOf, packs: report.packs, policy: policy))
        for r in report.results { sink.result(r) }
        for e in report.errors { sink.error(e) }
        sink.end(report.summary)
        o.close()
        return o.text
    }

    /// The suites of one descriptor (one per pack) with their counts.
    static func suites(_ r: DescriptorResult, _ policy: FailPolicy) -> (xml: String, tests: Int, failures: Int, skipped: Int) {
        var suites = ""
        var total = 0, failures = 0, skipped = 0
        for e in r.evaluations {
            var cases = ""
            var t = 0, f = 0, s = 0
            // The tier case fails exactly when the tier, or a later tier of its timeline, gates.
            let gatingChanges = e.timeline.filter { policy.changeFails($0, in: e) }
            t += 1
            cases += "    <testcase classname=\"\(x(e.pack))\" name=\"tier\">"
            if policy.tierFails(e) || !gatingChanges.isEmpty {
                f += 1
                let what = policy.tierFails(e) ? "tier \(e.tier.label)"
                    : gatingChanges.map { "tier \($0.decision.label) from \($0.from)" }.joined(separator: "; ")
                cases += "<failure message=\"\(x(what))\">\(x(r.file)):\(r.line)</failure>"
            }
            cases += "</testcase>\n"
            for o in e.obligations where o.status != .notApplicable {
                t += 1
                cases += "    <testcase classname=\"\(x(e.pack))\" name=\"\(x(o.id))\">"
                let gates = policy.obligationFails(o, in: e)
                let cite = "(\(o.citation.text.en) \(o.citation.identifier))"
                switch o.status {
                case .missing where gates:
                    f += 1
                    cases += "<failure message=\"\(x("missing: \(o.title.en) \(cite)"))\">"
                        + x("\(r.file):\(o.line):\(o.column) \(o.remediation?.en ?? "")") + "</failure>"
                case .undetermined where gates:
                    f += 1
                    cases += "<failure message=\"\(x("undetermined: \(o.title.en) \(cite); state \(o.decidingFacts.joined(separator: ", "))"))\">"
                        + x("\(r.file):\(o.line):\(o.column)") + "</failure>"
                case .upcoming where gates:
                    f += 1
                    cases += "<failure message=\"\(x("upcoming from \(o.appliesFrom): \(o.title.en) \(cite)"))\">"
                        + x("\(r.file):\(o.line):\(o.column) \(o.remediation?.en ?? "")") + "</failure>"
                case .missing:
                    s += 1
                    cases += "<skipped message=\"\(x("missing (severity \(o.severity.rawValue), below the --fail-on threshold): \(o.title.en) \(cite)"))\"/>"
                case .undetermined:
                    s += 1
                    cases += "<skipped message=\"\(x("undetermined; state \(o.decidingFacts.joined(separator: ", "))"))\"/>"
                case .upcoming:
                    s += 1
                    cases += "<skipped message=\"\(x("applies from \(o.appliesFrom)" + (o.tierAtStart.map { " with tier \($0)" } ?? "")))\"/>"
                case .disabled:
                    s += 1
                    cases += "<skipped message=\"\(x("disabled: \(o.disabledReason ?? "")"))\"/>"
                case .met, .notApplicable: break
                }
                cases += "</testcase>\n"
            }
            total += t; failures += f; skipped += s
            suites += "  <testsuite name=\"\(x("\(r.file) \(r.name) \(e.pack)"))\" tests=\"\(t)\" failures=\"\(f)\" errors=\"0\" skipped=\"\(s)\">\n"
                + cases + "  </testsuite>\n"
        }
        return (suites, total, failures, skipped)
    }

    static func suite(_ e: InputError) -> String {
        let msg = e.diagnostics.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
        return "  <testsuite name=\"\(x(e.file))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
            + "    <testcase classname=\"govcheck\" name=\"read\"><error message=\"\(x(e.diagnostics.first?.message ?? "error"))\">\(x(msg))</error></testcase>\n"
            + "  </testsuite>\n"
    }

    /// Escapes XML text and attribute values.
    static func x(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if ch.value < 0x20 && ch != "\n" && ch != "\t" && ch != "\r" { continue }
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
    var policy = FailPolicy(terms: [], spelled: [])
    var spool: FileHandle?
    var spoolPath: String?
    var inMemory = ""
    var tests = 0, failures = 0, errors = 0, skipped = 0

    public init(output: ReportOutput) { self.out = output }

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
        let s = JUnitReporter.suites(r, policy)
        tests += s.tests; failures += s.failures; skipped += s.skipped
        append(s.xml)
    }

    public func error(_ e: InputError) {
        tests += 1; errors += 1
        append(JUnitReporter.suite(e))
    }

    public func end(_ summary: RunSummary) {
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  + "<testsuites name=\"govcheck\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\">\n")
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
