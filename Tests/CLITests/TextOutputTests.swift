import Foundation
import Testing
import TestSupport

@Suite("Text output: the report on standard output, diagnostics on standard error, --quiet, --stdin-filename")
struct TextOutputTests {
    let mini = ["--no-shipped-rules", "--rules", "Tests/Fixtures/mini", "--as-of", "2026-11-22"]

    @Test("input errors and descriptor warnings go to standard error; the report keeps one line per input not evaluated")
    func diagnosticsOnStderr() throws {
        let r = try runGovcheck(["check"] + mini + ["Tests/Fixtures/descriptors", "--fail-on", "none"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("Tests/Fixtures/descriptors/bad-type.yaml:8:14: error: 'mini.ai_system': expected bool, found a string [descriptor.type-mismatch]"))
        #expect(r.stderr.contains("bad-type.yaml:9:3: warning: unknown field 'mini.purpos' [descriptor.unknown-field]"))
        #expect(r.stderr.contains("  help: did you mean 'mini.purpose'?"))
        for line in r.stdout.split(separator: "\n") {
            #expect(line.range(of: #":\d+:\d+: (error|warning|note): "#, options: .regularExpression) == nil, "a diagnostic in the report: \(line)")
        }
        #expect(r.stdout.contains("ERR  Tests/Fixtures/descriptors/bad-type.yaml: not evaluated, 1 error (printed on standard error)\n"))
        #expect(r.stdout.contains("Summary: 5 descriptors checked, 2 input errors"))
        // A report written to a file is the same report; the diagnostics still go to standard error.
        let dir = try temporaryFolder("text-file")
        defer { removeTemporaryFolder(dir) }
        let file = dir.appendingPathComponent("report.txt").path
        let f = try runGovcheck(["check"] + mini + ["Tests/Fixtures/descriptors", "--fail-on", "none", "--format", "text=\(file)", "--format", "json"])
        #expect(f.stderr.contains("bad-type.yaml:8:14: error:"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == r.stdout)
    }

    @Test("--quiet prints only what fails the gate and the summary, and only errors on standard error")
    func quiet() throws {
        let full = try runGovcheck(["check"] + mini + ["Tests/Fixtures/descriptors", "--fail-on", "prohibited"])
        let r = try runGovcheck(["check"] + mini + ["Tests/Fixtures/descriptors", "--fail-on", "prohibited", "--quiet"])
        #expect(r.status == full.status)
        #expect(r.status == 2)
        // Only the prohibited document, with its tier, and no duty (none fails 'prohibited').
        #expect(r.stdout.contains("second\n  descriptor: Tests/Fixtures/descriptors/two-docs.yaml (document 2)\n  mini (EU, text amended, as of 2026-11-22)\n    tier: prohibited — Prohibited"), "\(r.stdout)")
        #expect(!r.stdout.contains("descriptor: Tests/Fixtures/descriptors/chat-eu.yaml"))
        #expect(!r.stdout.contains("obligations that fail"))
        #expect(r.stdout.contains("fail-on prohibited: 1 descriptor fail"))
        #expect(full.stdout.contains("chat-eu\n  descriptor: Tests/Fixtures/descriptors/chat-eu.yaml\n"))
        #expect(r.stderr.contains("error: 'mini.ai_system'"))
        #expect(!r.stderr.contains("warning:"), "warnings are left out under --quiet")
        let duties = try runGovcheck(["check"] + mini + ["Tests/Fixtures/descriptors/chat-us.yaml", "--fail-on", "missing:high", "--quiet"])
        #expect(duties.status == 1)
        #expect(duties.stdout.contains("    obligations that fail --fail-on: 1\n      missing        high     deployer-notice"))
        #expect(!duties.stdout.contains("guidance-duty"), "an undetermined duty does not fail missing:high")
        let passing = try runGovcheck(["check"] + mini + ["Tests/Fixtures/descriptors/chat-us.yaml", "--fail-on", "none", "--quiet"])
        #expect(passing.status == 0)
        #expect(passing.stdout.hasPrefix("Summary: 1 descriptor checked"), "\(passing.stdout)")
    }

    @Test("--stdin-filename names standard input in text, JSON and SARIF; it needs '-'")
    func stdinName() throws {
        let text = try String(contentsOfFile: TestPaths.fixture("descriptors/chat-us.yaml"), encoding: .utf8)
        let name = "deploy/us chat #1.yaml"
        let t = try runGovcheck(["check"] + mini + ["-", "--stdin-filename", name, "--fail-on", "none"], stdin: text)
        #expect(t.status == 0)
        #expect(t.stdout.contains("chat-us\n  descriptor: deploy/us chat #1.yaml\n"))
        #expect(!t.stdout.contains("<stdin>"))
        let j = try runGovcheck(["check"] + mini + ["-", "--stdin-filename", name, "--fail-on", "none", "--format", "json"], stdin: text)
        #expect(j.stdout.contains("\"file\": \"deploy/us chat #1.yaml\""))
        let s = try runGovcheck(["check"] + mini + ["-", "--stdin-filename", name, "--format", "sarif"], stdin: text)
        #expect(s.stdout.contains("\"uri\":\"deploy/us%20chat%20%231.yaml\""))
        // Errors in standard input carry the name too.
        let bad = try runGovcheck(["check"] + mini + ["-", "--stdin-filename", name], stdin: "apiVersion: govcheck/v1\nkind: [\n")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("deploy/us chat #1.yaml:3:1: error:"), "\(bad.stderr)")
        let without = try runGovcheck(["check"] + mini + [TestPaths.fixture("descriptors/chat-us.yaml"), "--stdin-filename", name])
        #expect(without.status == 2)
        #expect(without.stderr.contains("--stdin-filename names standard input: give '-' among the paths"))
        let control = try runGovcheck(["check"] + mini + ["-", "--stdin-filename", "a\nb"], stdin: text)
        #expect(control.status == 2)
        #expect(control.stderr.contains("--stdin-filename takes a name without control characters"))
    }
}
