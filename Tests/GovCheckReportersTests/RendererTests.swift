import Foundation
import Testing
import TestSupport
import YAMLTree
@testable import GovCheckEngine
@testable import GovCheckReporters

@Suite("Rendering diagnostics and reports")
struct RendererTests {
    @Test("the caret lines up under Chinese text by display width")
    func cjkCaret() throws {
        let yaml = "title: {zh: 生成式人工智能, en: x, en: y}\n"
        do {
            _ = try readYAML(yaml)
            Issue.record("expected a duplicate-key error")
        } catch {
            let text = DiagnosticRenderer.render(DiagnosticRecord(Diagnostic(error)))
            let caretLine = "    " + String(repeating: " ", count: 28 + 7) + "^"
            #expect(text == """
                test.yaml:1:29: error: duplicate key 'en' in mapping [yaml.duplicate-key]
                    title: {zh: 生成式人工智能, en: x, en: y}
                \(caretLine)
                  note: test.yaml:1:22: first defined here
                  help: remove one of the two entries; a later value must not silently replace an earlier one

                """)
        }
    }

    @Test("JSON reports are stable, versioned, with the rule catalog before the results")
    func json() throws {
        let d = try descriptor("apiVersion: govcheck/v1\nkind: Deployment\nmetadata: {name: x}\nmini: {markets: [US], ai_system: true}\n", mini)
        let result = Checker.evaluate(d, packs: mini.packs, options: CheckOptions(asOf: Day("2026-11-22")!))
        let report = CheckReport(asOf: Day("2026-11-22")!, packs: mini.packs, results: [result], errors: [])
        let policy = try FailPolicy.parse("needs-review", packs: mini.packs).get()
        let a = JSONReporter.render(report, policy: policy, toolVersion: "t")
        #expect(a == JSONReporter.render(report, policy: policy, toolVersion: "t"))
        let obj = try JSONSerialization.jsonObject(with: Data(a.utf8)) as! [String: Any]
        #expect(obj["schemaVersion"] as? Int == JSONReporter.schemaVersion)
        #expect(a.contains("\"status\": \"decided\""))
        // Fixed key order: the catalog of packs and rules before the results, errors and summary last.
        let order = ["\"schemaVersion\"", "\"packs\"", "\"rules\"", "\"results\"", "\"errors\"", "\"summary\""]
        let positions = order.map { a.firstRange(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    @Test("JUnit escapes XML")
    func xmlEscape() {
        #expect(JUnitReporter.x("a<b & \"c\" 'd'>\u{1}") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
    }

    @Test("display width counts wide characters twice")
    func width() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("人工智能") == 8)
        #expect(DisplayWidth.pad("人", 4) == "人  ")
    }
}

@Suite("Documentation examples are valid")
struct DocsTests {
    /// The YAML blocks of a Markdown file that start with `apiVersion: govcheck/v1`.
    func descriptorBlocks(_ file: String) throws -> [String] {
        let text = try String(contentsOf: TestPaths.root.appendingPathComponent(file), encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
            .filter { $0.hasPrefix("apiVersion: govcheck/v1") }
    }

    @Test("the annotated descriptor in docs/descriptors.md is valid against the shipped vocabularies")
    func descriptorsDoc() throws {
        let blocks = try descriptorBlocks("docs/descriptors.md")
        let full = try #require(blocks.first { $0.contains("organisation:") })
        let d = try descriptor(full, shipped, path: "docs/descriptors.md")
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics.map { "\($0.line): \($0.message)" })")
        let r = Checker.evaluate(d, packs: shipped.packs, options: CheckOptions(asOf: Day("2026-11-22")!))
        #expect(r.evaluations.map(\.pack) == ["eu-ai-act", "eu-ai-act-gpai"], "metadata.jurisdictions selects the EU packs")
        let eu = try #require(r.evaluations.first { $0.pack == "eu-ai-act" })
        #expect(eu.tier.label == "minimal-risk")
        let change = try #require(eu.timeline.first)
        #expect(change.from == Day("2027-12-02") && change.decision.tier == "high-risk")
        #expect(change.decision.reasons.contains { $0.rule.hasPrefix("annex-iii-4a") })
        #expect(eu.obligations.contains { $0.id == "art26-1-use-per-instructions" && $0.status == .upcoming && $0.tierAtStart == "high-risk" })
        let later = Checker.evaluate(d, packs: shipped.packs, options: CheckOptions(asOf: Day("2027-12-02")!))
        #expect(later.evaluations.first { $0.pack == "eu-ai-act" }?.tier.label == "high-risk")
        #expect(later.evaluations.first { $0.pack == "eu-ai-act-gpai" }?.tier.label == "out-of-scope")
    }
}
