import Foundation
import GovCheckEngine

/// Renders `govcheck test` results: failing expectations with their places, coverage, and the
/// closing `N passed, N failed` line that CI systems read.
public enum TestReporter {
    public static func text(_ report: TestReport, verbose: Bool, minCoverage: Double?, files: Int) -> String {
        var out = ""
        if files == 0 { out += "error: no test files found (tests are *.yaml files in a pack's tests/ folder)\n" }
        for d in report.diagnostics { out += DiagnosticRenderer.render(DiagnosticRecord(d)) }
        for c in report.cases {
            if c.passed {
                if verbose { out += "PASS \(c.file):\(c.line): \(c.name)\n" }
                continue
            }
            for f in c.failures { out += "FAIL \(f.file):\(f.line):\(f.column): \(c.name): \(f.message)\n" }
        }
        for cov in report.coverage {
            let covered = cov.entries.filter(\.covered).count
            out += String(format: "coverage %@: %.1f%% (%d of %d rules seen both true and false)", cov.pack, cov.percent, covered, cov.entries.count)
            if let minCoverage, cov.percent < minCoverage { out += String(format: " — below --min-coverage %.1f", minCoverage) }
            out += "\n"
            for e in cov.entries where !e.covered {
                let missing = !e.sawTrue && !e.sawFalse ? "never decided true or false" : (!e.sawTrue ? "never true" : "never false")
                out += "  \(e.span.file.path):\(e.span.start.line): \(e.kind) \(e.id): \(missing)\n"
            }
            for p in cov.unexercisedPredicates {
                out += "  \(p.span.file.path):\(p.span.start.line):\(p.span.start.column): predicate on \(p.path) never evaluated\n"
            }
        }
        let e = report.errors
        out += "\(report.passed) passed, \(report.failed) failed" + (e > 0 ? ", \(e) error\(e == 1 ? "" : "s")" : "") + "\n"
        return out
    }

    struct JSONCase: Encodable {
        let file: String
        let line: Int
        let name: String
        let pack: String
        let passed: Bool
        let failures: [JSONFailure]
    }
    struct JSONFailure: Encodable {
        let file: String
        let line: Int
        let column: Int
        let message: String
    }
    struct JSONCoverage: Encodable {
        let pack: String
        let percent: Double
        let uncovered: [String]
        let unexercisedPredicates: [String]
    }
    struct JSONDoc: Encodable {
        let schemaVersion = 1
        let passed: Int
        let failed: Int
        let cases: [JSONCase]
        let errors: [DiagnosticRecord]
        let coverage: [JSONCoverage]
    }

    public static func json(_ report: TestReport) -> String {
        JSONReporter.encode(JSONDoc(
            passed: report.passed, failed: report.failed,
            cases: report.cases.map { c in JSONCase(file: c.file, line: c.line, name: c.name, pack: c.pack, passed: c.passed,
                                                   failures: c.failures.map { JSONFailure(file: $0.file, line: $0.line, column: $0.column, message: $0.message) }) },
            errors: report.diagnostics.map(DiagnosticRecord.init),
            coverage: report.coverage.map { c in JSONCoverage(pack: c.pack, percent: (c.percent * 10).rounded() / 10,
                                                             uncovered: c.entries.filter { !$0.covered }.map(\.id),
                                                             unexercisedPredicates: c.unexercisedPredicates.map { "\($0.span)" }) }))
    }

    public static func junit(_ report: TestReport) -> String {
        var byPack: [String: [TestCaseResult]] = [:]
        for c in report.cases { byPack[c.pack, default: []].append(c) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"govcheck test\" tests=\"\(report.cases.count)\" failures=\"\(report.failed)\" errors=\"\(report.diagnostics.count)\">\n"
        for pack in byPack.keys.sorted() {
            let cases = byPack[pack]!
            out += "  <testsuite name=\"\(JUnitReporter.x(pack))\" tests=\"\(cases.count)\" failures=\"\(cases.filter { !$0.passed }.count)\">\n"
            for c in cases {
                out += "    <testcase classname=\"\(JUnitReporter.x(pack))\" name=\"\(JUnitReporter.x(c.name))\" file=\"\(JUnitReporter.x(c.file))\" line=\"\(c.line)\">"
                for f in c.failures {
                    out += "<failure message=\"\(JUnitReporter.x(f.message))\">\(JUnitReporter.x("\(f.file):\(f.line):\(f.column)"))</failure>"
                }
                out += "</testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        for d in report.diagnostics {
            out += "  <testsuite name=\"\(JUnitReporter.x(d.path))\" tests=\"1\" errors=\"1\"><testcase name=\"load\"><error message=\"\(JUnitReporter.x(d.message))\">\(JUnitReporter.x("\(d.path):\(d.line):\(d.column)"))</error></testcase></testsuite>\n"
        }
        return out + "</testsuites>\n"
    }
}
