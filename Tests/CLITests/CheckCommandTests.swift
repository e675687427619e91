import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

let miniArgs = ["--no-shipped-rules", "--rules", "Tests/Fixtures/mini", "--as-of", "2026-11-22"]
let descriptors = "Tests/Fixtures/descriptors"

@Suite("govcheck check, run as a user runs it")
struct CheckCommandTests {
    @Test("a clean descriptor exits 0 with a readable report")
    func cleanRun() throws {
        let r = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/chat-eu.yaml", "--fail-on", "missing:high"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("chat-eu\n  descriptor: Tests/Fixtures/descriptors/chat-eu.yaml\n"), "\(r.stdout)")
        #expect(r.stdout.contains("tier: needs-review — could be prohibited"))
        #expect(r.stdout.contains("decide by stating: Training compute in FLOP (mini.compute_flop)\n"))
        #expect(r.stdout.contains("met            high     deployer-notice  Art. 50(1) Regulation (EX) 1/2024"))
        #expect(!r.stdout.contains("\u{1B}["), "no colour when not a terminal")
    }

    @Test("findings at or above --fail-on exit 1; the default fails on needs-review")
    func findingsExit1() throws {
        #expect(try runGovcheck(["check"] + miniArgs + ["\(descriptors)/chat-eu.yaml"]).status == 1)
        let prohibited = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/two-docs.yaml", "--fail-on", "prohibited"])
        #expect(prohibited.status == 1)
        #expect(prohibited.stdout.contains("fail-on prohibited: 1 descriptor fail"))
        #expect(try runGovcheck(["check"] + miniArgs + ["\(descriptors)/two-docs.yaml", "--fail-on", "none"]).status == 0)
    }

    @Test("a batch with bad files reports every input and exits 2")
    func batchContinues() throws {
        let r = try runGovcheck(["check"] + miniArgs + [descriptors, "--fail-on", "none"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad-type.yaml:8:14: error: 'mini.ai_system': expected bool, found a string [descriptor.type-mismatch]"))
        #expect(r.stderr.contains("broken.yaml:4:5: error:"))
        #expect(r.stdout.contains("chat-us\n  descriptor: Tests/Fixtures/descriptors/chat-us.yaml\n"))
        #expect(r.stdout.contains("second\n  descriptor: Tests/Fixtures/descriptors/two-docs.yaml (document 2)\n"))
        #expect(r.stdout.contains("Summary: 5 descriptors checked, 2 input errors"))
    }

    @Test("JSON output has a schema version, every input, and parses")
    func json() throws {
        let r = try runGovcheck(["check"] + miniArgs + [descriptors, "--format", "json", "--fail-on", "none"])
        #expect(r.status == 2)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(obj["schemaVersion"] as? Int == 2)
        #expect((obj["results"] as? [Any])?.count == 5)
        #expect((obj["errors"] as? [Any])?.count == 2)
        let first = (obj["results"] as! [[String: Any]])[0]
        let eval = (first["evaluations"] as! [[String: Any]])[0]
        #expect(eval["pack"] as? String == "mini")
        let tier = eval["tier"] as! [String: Any]
        #expect(tier["status"] as? String == "needs-review")
        let summary = obj["summary"] as! [String: Any]
        #expect(summary["inputErrors"] as? Int == 2)
    }

    @Test("the same input gives byte-identical output")
    func deterministic() throws {
        for format in ["text", "json", "sarif", "junit", "junit-gitlab", "github", "gitlab"] {
            let a = try runGovcheck(["check"] + miniArgs + [descriptors, "--format", format])
            let b = try runGovcheck(["check"] + miniArgs + [descriptors, "--format", format])
            #expect(a.stdout == b.stdout, "format \(format)")
            #expect(!a.stdout.isEmpty)
        }
    }

    @Test("standard input is read with -")
    func stdin() throws {
        let text = try String(contentsOfFile: TestPaths.fixture("descriptors/chat-us.yaml"), encoding: .utf8)
        let r = try runGovcheck(["check"] + miniArgs + ["-", "--fail-on", "none"], stdin: text)
        #expect(r.status == 0)
        #expect(r.stdout.contains("chat-us\n  descriptor: <stdin>\n"))
        #expect(r.stdout.contains("tier: out-of-scope"))
    }

    @Test("SARIF carries rules with citations and 1-based regions")
    func sarif() throws {
        let r = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/two-docs.yaml", "--format", "sarif"])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(obj["version"] as? String == "2.1.0")
        let run = (obj["runs"] as! [[String: Any]])[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        let literacy = try #require(rules.first { $0["id"] as? String == "mini/literacy" })
        #expect((literacy["properties"] as? [String: Any])?["citation"] as? String == "Art. 4 Regulation (EX) 1/2024")
        let results = run["results"] as! [[String: Any]]
        #expect(results.contains { $0["ruleId"] as? String == "mini/tier/prohibited" && $0["level"] as? String == "error" })
        for res in results {
            let region = (((res["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["region"] as! [String: Int])
            #expect(region["startLine"]! >= 1 && region["startColumn"]! >= 1)
        }
    }

    @Test("JUnit XML has a failure per gating missing obligation and an error per bad input")
    func junit() throws {
        let r = try runGovcheck(["check"] + miniArgs + [descriptors, "--format", "junit", "--fail-on", "missing"])
        #expect(r.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(r.stdout.contains("<testcase classname=\"first.mini\" name=\"literacy\"><failure message=\"missing: AI literacy (Art. 4 Regulation (EX) 1/2024)\">"))
        // Below the default threshold (missing:high) the same medium-severity finding is skipped, not failed.
        let byDefault = try runGovcheck(["check"] + miniArgs + [descriptors, "--format", "junit"])
        #expect(byDefault.stdout.contains("<testcase classname=\"first.mini\" name=\"literacy\"><skipped message=\"missing (severity medium, below the --fail-on threshold): AI literacy"))
        #expect(r.stdout.contains("errors=\"2\""))
        let doc = try XMLDocument(data: Data(r.stdout.utf8))
        #expect(doc.rootElement()?.name == "testsuites")
    }

    @Test("usage errors exit 2 with a message: bad date, bad fail-on term, no path, unknown pack")
    func usageErrors() throws {
        let badDate = try runGovcheck(["check"] + miniArgs + ["--as-of", "2026-02-30", "\(descriptors)/chat-us.yaml"])
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("as-of"))
        let badTerm = try runGovcheck(["check"] + miniArgs + ["--fail-on", "prohibitted", "\(descriptors)/chat-us.yaml"])
        #expect(badTerm.status == 2)
        #expect(badTerm.stderr.contains("did you mean 'prohibited'?"))
        #expect(try runGovcheck(["check"] + miniArgs).status == 2)
        let badPack = try runGovcheck(["check"] + miniArgs + ["--pack", "nope", "\(descriptors)/chat-us.yaml"])
        #expect(badPack.status == 2)
        #expect(badPack.stderr.contains("no pack 'nope'"))
        let missing = try runGovcheck(["check"] + miniArgs + ["no/such/file.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no/such/file.yaml:1:1: error: no such file or folder"))
    }

    @Test("a broken pack stops the run with located errors and exit 2")
    func brokenPack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data("govcheck: 1\nkind: RulePack\nid: broken\nversion: 1\ntitle: {en: B}\njurisdiction: EU\ninstruments: []\ntiers:\n  - id: x\n    title: {en: X}\n    severity: none\n    rules:\n      - id: r\n        citation: {instrument: nope, article: \"1\"}\n        appliesFrom: 2024-01-01\n        rationale: {en: r}\n        when: {fact: no.such, equals: 1}\n".utf8)
            .write(to: dir.appendingPathComponent("pack.yaml"))
        let r = try runGovcheck(["check", "--no-shipped-rules", "--rules", dir.path, "\(descriptors)/chat-us.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("pack.yaml:14:32: error: citation names instrument 'nope'"))
        #expect(r.stderr.contains("pack.yaml:17:22: error: unknown fact 'no.such' [condition.unknown-fact]"))
        #expect(r.stderr.contains("rule packs did not load"))
    }

    @Test("--all lists obligations that do not apply; --lang zh prints Chinese titles")
    func allAndLanguage() throws {
        let r = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/chat-us.yaml", "--all", "--lang", "zh", "--fail-on", "none"])
        #expect(r.stdout.contains("      不适用   中   literacy"), "\(r.stdout)")
        #expect(r.stdout.contains("人工智能素养"))
    }

    @Test("help documents the exit codes")
    func help() throws {
        let r = try runGovcheck(["check", "--help"])
        #expect(r.status == 0)
        let flat = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or input errors"))
    }
}
