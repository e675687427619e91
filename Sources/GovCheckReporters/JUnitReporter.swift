import GovCheckEngine

/// JUnit XML for CI test dashboards: a suite per descriptor and pack, a case for the tier and for
/// each applicable obligation. A case fails exactly when its finding gates under `--fail-on` (so the
/// dashboard agrees with the exit code); other findings are skipped with the reason, input errors
/// are errors.
public enum JUnitReporter {
    public static func render(_ report: CheckReport, policy: FailPolicy) -> String {
        var suites = ""
        var total = 0, failures = 0, errors = 0, skipped = 0
        for r in report.results {
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
        }
        for e in report.errors {
            total += 1; errors += 1
            let msg = e.diagnostics.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
            suites += "  <testsuite name=\"\(x(e.file))\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                + "    <testcase classname=\"govcheck\" name=\"read\"><error message=\"\(x(e.diagnostics.first?.message ?? "error"))\">\(x(msg))</error></testcase>\n"
                + "  </testsuite>\n"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"govcheck\" tests=\"\(total)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\">\n"
            + suites + "</testsuites>\n"
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
