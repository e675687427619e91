import Foundation
import Testing
import TestSupport

@Suite("govcheck test, lint, explain, packs, run as a user runs them")
struct WorkflowCommandTests {
    @Test("test runs a pack's cases and closes with N passed, N failed")
    func testCommand() throws {
        let r = try runGovcheck(["test", "Tests/Fixtures/mini", "--coverage"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix("2 passed, 0 failed\n"))
        #expect(r.stdout.contains("coverage mini:"))
        let low = try runGovcheck(["test", "Tests/Fixtures/mini", "--min-coverage", "100"])
        #expect(low.status == 1)
        #expect(low.stdout.contains("below --min-coverage 100.0"))
    }

    @Test("a failing case exits 1 and names its place")
    func failingTest() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: TestPaths.fixture("mini"), toPath: dir.path)
        let t = dir.appendingPathComponent("tests/mini.yaml")
        let text = try String(contentsOf: t, encoding: .utf8).replacingOccurrences(of: "tier: high-risk", with: "tier: minimal")
        try Data(text.utf8).write(to: t)
        // The descriptorFile path is relative; point it back at the fixtures.
        try Data(text.replacingOccurrences(of: "../../descriptors/", with: TestPaths.fixture("descriptors") + "/").utf8).write(to: t)
        let r = try runGovcheck(["test", dir.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("tests/mini.yaml:13:13: a recruitment tool used by a deployer is high-risk: tier: expected minimal, got high-risk"))
        #expect(r.stdout.hasSuffix("1 passed, 1 failed\n"))
    }

    @Test("the shipped packs' tests all pass with full coverage of tiers and obligations")
    func shippedPacks() throws {
        let r = try runGovcheck(["test", "--as-of", "2026-11-22"])
        #expect(r.status == 0, "\(r.stdout.suffix(3000))")
        #expect(r.stdout.contains(" passed, 0 failed\n"))
    }

    @Test("lint reports findings with rule ids and places, in text, JSON and SARIF")
    func lint() throws {
        let r = try runGovcheck(["lint", "Tests/Fixtures/mini"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.contains("1 pack linted: 0 errors"))
        let json = try runGovcheck(["lint", "Tests/Fixtures/mini", "--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(obj["schemaVersion"] as? Int == 1)
        let strict = try runGovcheck(["lint", "Tests/Fixtures/mini", "--strict"])
        #expect(strict.status == (strict.stdout.contains("warning:") ? 1 : 0))
        let sarif = try runGovcheck(["lint", "Tests/Fixtures/mini", "--format", "sarif"])
        #expect(sarif.stdout.contains("\"version\" : \"2.1.0\""))
        #expect(try runGovcheck(["lint", "no/such/dir"]).status == 2)
    }

    @Test("explain prints every leaf with the descriptor's value and place")
    func explain() throws {
        let r = try runGovcheck(["explain", "--no-shipped-rules", "--rules", "Tests/Fixtures/mini", "--as-of", "2026-11-22",
                                 "Tests/Fixtures/descriptors/chat-eu.yaml", "--rule", "deployer-notice"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("obligation deployer-notice  Art. 50(1) Regulation (EX) 1/2024"))
        #expect(r.stdout.contains("[true   ] mini.purpose equals chat   <- chat at Tests/Fixtures/descriptors/chat-eu.yaml:9:12"))
        #expect(r.stdout.contains("[true   ] mini.roles containsAny [deployer]"))
        let unknown = try runGovcheck(["explain", "--no-shipped-rules", "--rules", "Tests/Fixtures/mini",
                                       "Tests/Fixtures/descriptors/chat-eu.yaml", "--rule", "deployer-notic"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'deployer-notice'?"))
    }
}
