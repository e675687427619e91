import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

@Suite("Findings baselines: stable fingerprints, deterministic files, strict reading, honest counts")
struct FindingsBaselineTests {
    @Test("an entry's fingerprint is Fingerprint.of its descriptor, pack and rule; rendering sorts and quotes only where YAML needs it")
    func render() throws {
        let entries = [
            BaselineEntry(descriptor: "z-last", pack: "eu-ai-act", rule: "tier/high-risk", status: "decided"),
            BaselineEntry(descriptor: "a: \"tricky\" \\ name, {x}", pack: "eu-ai-act", rule: "art4-ai-literacy", status: "missing"),
            BaselineEntry(descriptor: "null", pack: "cn-genai-measures", rule: "timeline/filing-required", status: "needs-review", count: 2),
        ]
        #expect(entries[0].fingerprint == Fingerprint.of(descriptor: "z-last", pack: "eu-ai-act", rule: Fingerprint.tierRule("high-risk")))
        let text = FindingsBaseline.render(entries)
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("  - ") }
        #expect(lines.count == 3)
        #expect(lines[0].contains("descriptor: \"a: \\\"tricky\\\" \\\\ name, {x}\""), "\(lines[0])")
        #expect(lines[1].contains("descriptor: \"null\"") && lines[1].hasSuffix("status: needs-review, count: 2}"))
        #expect(lines[2].contains("descriptor: z-last, pack: eu-ai-act, rule: tier/high-risk, status: decided}"))
        #expect(FindingsBaseline.render(entries.reversed()) == text, "the same findings give the same bytes")
        // What is written reads back to the same entries.
        let dir = try temporaryFolder("baseline")
        defer { removeTemporaryFolder(dir) }
        let path = dir.appendingPathComponent("b.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let back = try FindingsBaseline.read(path: path).get()
        #expect(Set(back.entries) == Set(entries))
        try Data(FindingsBaseline.render([]).utf8).write(to: URL(fileURLWithPath: path))
        #expect(try FindingsBaseline.read(path: path).get().entries.isEmpty)
    }

    @Test("fingerprints made only of digits, or that read as numbers, are quoted so they stay strings")
    func numericFingerprints() {
        #expect(FindingsBaseline.quote("1234567890123456") == "\"1234567890123456\"")
        #expect(FindingsBaseline.quote("12e4567890123456") == "\"12e4567890123456\"")
        #expect(FindingsBaseline.quote("d859d26770fa2e28") == "d859d26770fa2e28")
        #expect(FindingsBaseline.quote("true") == "\"true\"")
    }

    @Test("the matcher: same status is baselined, another status is updated, the rest new; the baseline's count bounds same-named descriptors")
    func matcher() {
        let baseline = FindingsBaseline(path: "b.yaml", entries: [
            BaselineEntry(descriptor: "d", pack: "p", rule: "o1", status: "missing", count: 2),
            BaselineEntry(descriptor: "d", pack: "p", rule: "o2", status: "upcoming"),
            BaselineEntry(descriptor: "d", pack: "p", rule: "gone", status: "missing"),
            BaselineEntry(descriptor: "other", pack: "p", rule: "o1", status: "missing"),
        ])
        let m = BaselineMatcher(baseline)
        func fp(_ d: String, _ r: String) -> String { Fingerprint.of(descriptor: d, pack: "p", rule: r) }
        #expect(m.match(fp("d", "o1"), status: "missing") == .unchanged)
        #expect(m.match(fp("d", "o1"), status: "missing") == .unchanged)
        #expect(m.match(fp("d", "o1"), status: "missing") == .new, "a third descriptor of the same name is new")
        #expect(m.match(fp("d", "o2"), status: "missing") == .updated)
        #expect(m.match(fp("d", "o3"), status: "missing") == .new)
        let c = m.finish()
        #expect(c.entries == 5 && c.baselined == 2 && c.new == 3 && c.changed == 1)
        // 'gone' and other's 'o1' are left: neither descriptor was checked through apply, so not fixed.
        #expect(c.fixed == 0 && c.notChecked == 2)
    }
}
