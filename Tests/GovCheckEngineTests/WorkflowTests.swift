import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

@Suite("Pack tests, coverage, lint, explain, fail policy")
struct WorkflowTests {
    @Test("the fixture pack's tests pass and report coverage")
    func packTests() {
        let files = PackTestRunner.discover([TestPaths.fixture("mini")])
        #expect(files.count == 1)
        let report = PackTestRunner.run(files: files, packSet: mini, defaultAsOf: asOf, coverage: true)
        #expect(report.diagnostics.isEmpty)
        #expect(report.passed == 2 && report.failed == 0, "\(report.cases.flatMap(\.failures).map(\.message))")
        let cov = try! #require(report.coverage.first)
        #expect(cov.entries.first { $0.id == "not-in-market" }?.covered == true)
        #expect(cov.entries.first { $0.id == "huge-model" }?.covered == false)
        #expect(cov.percent > 0 && cov.percent < 100)
        #expect(cov.unexercisedPredicates.contains { $0.path == "mini.code" })
    }

    @Test("cases can state a duty's start date, possible dates, later tier and role, and the timeline")
    func detailedExpectations() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-t-\(UUID().uuidString)/tests")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("t.yaml")
        func run(_ expect: String) throws -> TestReport {
            try Data("""
                govcheck: 1
                kind: PackTest
                pack: mini
                cases:
                  - name: details
                    asOf: 2024-03-01
                    descriptor: {apiVersion: govcheck/v1, kind: Deployment, metadata: {name: x},
                                 mini: {roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1, code: REBRAND}}
                    expect:
                \(expect)
                """.utf8).write(to: file)
            return PackTestRunner.run(files: [file.path], packSet: mini, defaultAsOf: asOf, coverage: false)
        }
        let good = try run("""
                  timeline: [{from: 2024-08-01, tier: high-risk}]
                  obligations:
                    high-risk-duty: {status: upcoming, appliesFrom: 2027-12-02, tierAtStart: high-risk}
                    provider-duty: {status: upcoming, boundAs: provider, tierAtStart: high-risk}
                    routed-duty: {status: upcoming, possibleStarts: [2027-12-02, 2028-08-02], route: none}
            """)
        #expect(good.failed == 0 && good.diagnostics.isEmpty, "\(good.cases.flatMap(\.failures).map(\.message)) \(good.diagnostics.map(\.message))")
        let bad = try run("""
                  timeline: [{from: 2024-08-02, tier: high-risk}]
                  obligations:
                    high-risk-duty: {status: upcoming, appliesFrom: 2026-08-02, tierAtStart: minimal}
                    provider-duty: {status: upcoming, boundAs: deployer}
            """)
        let messages = bad.cases.flatMap(\.failures).map(\.message)
        #expect(messages.contains("timeline: expected high-risk from 2024-08-02, got high-risk from 2024-08-01"))
        #expect(messages.contains("obligation high-risk-duty: expected applies from 2026-08-02, got 2027-12-02"))
        #expect(messages.contains("obligation high-risk-duty: expected tierAtStart minimal, got high-risk"))
        #expect(messages.contains("obligation provider-duty: expected boundAs deployer, got provider"))
    }

    @Test("a failing expectation names the place that stated it, expected and actual")
    func failingCase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-t-\(UUID().uuidString)/tests")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("t.yaml")
        try Data("""
            govcheck: 1
            kind: PackTest
            pack: mini
            cases:
              - name: wrong on purpose
                asOf: 2026-11-22
                descriptor: {apiVersion: govcheck/v1, kind: Deployment, metadata: {name: x}, mini: {markets: [US], ai_system: true}}
                expect:
                  tier: minimal
                  obligations: {literacy: met, nosuch: met}

            """.utf8).write(to: file)
        let report = PackTestRunner.run(files: [file.path], packSet: mini, defaultAsOf: asOf, coverage: false)
        #expect(report.failed == 1)
        let f = try #require(report.cases.first?.failures.first)
        #expect(f.line == 9 && f.message.hasPrefix("tier: expected minimal, got out-of-scope"))
        #expect(report.cases.first?.failures.count == 2)
        #expect(report.diagnostics.map(\.code) == ["test.unknown-obligation"])
    }

    @Test("lint finds contradictions and shadowed tier rules")
    func lint() throws {
        let s = try loadPackText(header + """
            tiers:
              - id: high
                title: {en: High}
                severity: high
                rules:
                  - id: broad
                    citation: {instrument: law, article: "6"}
                    appliesFrom: 2024-02-01
                    rationale: {en: r}
                    when: {fact: mini.purpose, equals: recruitment}
              - id: limited
                title: {en: Limited}
                severity: low
                rules:
                  - id: narrow
                    citation: {instrument: law, article: "50"}
                    appliesFrom: 2024-02-01
                    rationale: {en: r}
                    when:
                      all:
                        - {fact: mini.purpose, equals: recruitment}
                        - {fact: mini.ai_system, equals: true}
                  - id: impossible
                    citation: {instrument: law, article: "50"}
                    appliesFrom: 2024-02-01
                    rationale: {en: r}
                    when:
                      all:
                        - {fact: mini.purpose, equals: chat}
                        - {fact: mini.purpose, in: [recruitment, spam-filter]}

            """)
        let findings = Linter.lint(s)
        #expect(findings.contains { $0.code == "lint.shadowed-tier-rule" && $0.message.contains("'narrow'") })
        #expect(findings.contains { $0.code == "lint.contradiction" })
        #expect(findings.contains { $0.code == "lint.unused-fact" && $0.message.contains("mini.compute_flop") })
        #expect(findings.contains { $0.code == "lint.no-reviewer" })
        #expect(findings.contains { $0.code == "lint.no-tests" })
    }

    @Test("explain shows each leaf's value and place")
    func explain() throws {
        let d = try descriptor(doc("roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment"), mini)
        let x = Explainer.explain(pack: mini.packs[0], descriptor: d, asOf: asOf, baseline: nil, rule: "recruitment")
        #expect(x.traces.count == 1)
        let leaf = try #require(x.traces.first?.sections.first?.trace)
        #expect(leaf.fact == "mini.purpose" && leaf.value == "recruitment" && leaf.truth == .true)
        let line = doc("roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment").split(separator: "\n")[3]
        let column = line.distance(from: line.startIndex, to: line.range(of: "recruitment")!.lowerBound) + 1
        #expect(leaf.location == "d.yaml:4:\(column)")
    }

    @Test("fail-on terms parse and apply")
    func failPolicy() throws {
        let packs = mini.packs
        #expect(throws: FailPolicyError.self) { try FailPolicy.parse("prohibitted", packs: packs).get() }
        #expect(throws: FailPolicyError.self) { try FailPolicy.parse("missing:urgent", packs: packs).get() }
        let e = try evaluate(doc("roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1"))
        #expect(try FailPolicy.parse("high-risk", packs: packs).get().fails(e, pack: packs[0]))
        #expect(try !FailPolicy.parse("prohibited", packs: packs).get().fails(e, pack: packs[0]))
        #expect(try FailPolicy.parse("tier:high", packs: packs).get().fails(e, pack: packs[0]))
        #expect(try FailPolicy.parse("missing:medium", packs: packs).get().fails(e, pack: packs[0]))
        #expect(try !FailPolicy.parse("missing:critical", packs: packs).get().fails(e, pack: packs[0]))
        #expect(try !FailPolicy.parse("none", packs: packs).get().fails(e, pack: packs[0]))
    }
}
