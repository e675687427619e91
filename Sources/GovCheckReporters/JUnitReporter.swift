import GovCheckEngine

/// JUnit XML for CI test dashboards: a suite per descriptor and pack, a case for the tier and for
/// each applicable obligation; missing obligations and failing tiers are failures, input errors
/// are errors, undetermined and upcoming obligations are skipped with the reason.
public enum JUnitReporter {
    public static func render(_ report: CheckReport, policy: FailPolicy) -> String {
        var suites = ""
        var total = 0, failures = 0, errors = 0, skipped = 0
        for r in report.results {
            for e in r.evaluations {
                let pack = report.packs.first { $0.id == e.pack }
                var cases = ""
                var t = 0, f = 0, s = 0
                let tierFails = FailPolicy(terms: policy.terms.filter { if case .missing = $0 { return false }; if case .undetermined = $0 { return false }; return true },
                                           spelled: policy.spelled).fails(e, pack: pack)
                t += 1
                cases += "    <testcase classname=\"\(x(e.pack))\" name=\"tier\">"
                if tierFails {
                    f += 1
                    cases += "<failure message=\"\(x("tier \(e.tier.label)"))\">\(x(r.file)):\(r.line)</failure>"
                }
                cases += "</testcase>\n"
                for o in e.obligations where o.status != .notApplicable {
                    t += 1
                    cases += "    <testcase classname=\"\(x(e.pack))\" name=\"\(x(o.id))\">"
                    switch o.status {
                    case .missing:
                        f += 1
                        cases += "<failure message=\"\(x("missing: \(o.title.en) (\(o.citation.text.en) \(o.citation.identifier))"))\">"
                            + x("\(r.file):\(o.line):\(o.column) \(o.remediation?.en ?? "")") + "</failure>"
                    case .undetermined:
                        s += 1
                        cases += "<skipped message=\"\(x("undetermined; state \(o.decidingFacts.joined(separator: ", "))"))\"/>"
                    case .upcoming:
                        s += 1
                        cases += "<skipped message=\"\(x("applies from \(o.appliesFrom)"))\"/>"
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
