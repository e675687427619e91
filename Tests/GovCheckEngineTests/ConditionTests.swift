import Foundation
import Testing
import TestSupport
import YAMLTree
@testable import GovCheckEngine

/// Compiles a condition against the mini vocabulary and evaluates it on a descriptor.
func truth(_ condition: String, _ facts: String) throws -> Truth {
    let sink = DiagnosticSink()
    let node = try readYAML("c: \(condition)\n")[0].root["c"]!
    let compiler = ConditionCompiler(vocabulary: mini.packs[0].vocabulary, named: [:], tierIDs: [], sink: sink)
    let c = try #require(compiler.compile(node, allowTiers: false), "\(sink.items.map(\.message))")
    let d = try descriptor(doc(facts), mini)
    return Evaluator(pack: mini.packs[0], descriptor: d, asOf: asOf, baseline: nil).truth(c)
}

/// Compiles a condition and returns the diagnostics.
func compileErrors(_ condition: String) throws -> [Diagnostic] {
    let sink = DiagnosticSink()
    let node = try readYAML("c: \(condition)\n")[0].root["c"]!
    _ = ConditionCompiler(vocabulary: mini.packs[0].vocabulary, named: [:], tierIDs: ["high-risk"], sink: sink).compile(node, allowTiers: true)
    return sink.items
}

@Suite("The condition language")
struct ConditionTests {
    @Test("each operator is true, false, and unknown on a missing fact")
    func operators() throws {
        let cases: [(String, String, String)] = [
            ("{fact: mini.purpose, equals: chat}", "purpose: chat", "purpose: recruitment"),
            ("{fact: mini.purpose, in: [chat, recruitment]}", "purpose: chat", "purpose: spam-filter"),
            ("{fact: mini.markets, contains: DE}", "markets: [FR, DE]", "markets: [FR]"),
            ("{fact: mini.markets, containsAny: [DE, IT]}", "markets: [IT]", "markets: [FR]"),
            ("{fact: mini.markets, containsAll: [DE, IT]}", "markets: [IT, DE, FR]", "markets: [IT]"),
            ("{fact: mini.compute_flop, gt: 1e25}", "compute_flop: 2e25", "compute_flop: 1e25"),
            ("{fact: mini.compute_flop, gte: 1e25}", "compute_flop: 1e25", "compute_flop: 9e24"),
            ("{fact: mini.compute_flop, lt: 100}", "compute_flop: 99.5", "compute_flop: 100"),
            ("{fact: mini.compute_flop, lte: 100}", "compute_flop: 100", "compute_flop: 101"),
            ("{fact: mini.launch, gte: 2025-09-01}", "launch: 2025-09-01", "launch: 2025-08-31"),
            ("{fact: mini.launch, lt: 2025-09-01}", "launch: 2024-12-31", "launch: 2026-01-01"),
            ("{fact: mini.code, matches: '^AB-[0-9]+$'}", "code: AB-12", "code: XAB-12"),
            ("{fact: mini.ai_system, equals: true}", "ai_system: true", "ai_system: false"),
        ]
        for (c, yes, no) in cases {
            #expect(try truth(c, yes) == .true, "\(c) on \(yes)")
            #expect(try truth(c, no) == .false, "\(c) on \(no)")
            #expect(try truth(c, "code: other") == (c.contains("mini.code") ? .false : .unknown), "\(c) on a missing fact")
        }
    }

    @Test("exists is the only predicate that is true or false on a missing fact")
    func exists() throws {
        #expect(try truth("{fact: mini.code, exists: true}", "code: x") == .true)
        #expect(try truth("{fact: mini.code, exists: true}", "purpose: chat") == .false)
        #expect(try truth("{fact: mini.code, exists: false}", "purpose: chat") == .true)
        #expect(try truth("{fact: mini.evidence.literacy, exists: true}", "evidence: {literacy: {programme: P}}") == .true)
        #expect(try truth("{fact: mini.evidence, exists: true}", "evidence: {notice: true}") == .true)
        #expect(try truth("{fact: mini.evidence, exists: true}", "purpose: chat") == .false)
    }

    @Test("Kleene logic for all, any, not")
    func kleene() throws {
        let t = "{fact: mini.purpose, equals: chat}"
        let u = "{fact: mini.code, equals: x}"
        let f = "{fact: mini.purpose, equals: recruitment}"
        let facts = "purpose: chat"
        #expect(try truth("{any: [\(t), \(u)]}", facts) == .true)
        #expect(try truth("{any: [\(f), \(u)]}", facts) == .unknown)
        #expect(try truth("{all: [\(f), \(u)]}", facts) == .false)
        #expect(try truth("{all: [\(t), \(u)]}", facts) == .unknown)
        #expect(try truth("{not: \(u)}", facts) == .unknown)
        #expect(try truth("{not: \(t)}", facts) == .false)
    }

    @Test("an unknown fact path is a load error with its place and a suggestion")
    func unknownFact() throws {
        let d = try compileErrors("{fact: mini.purpos, equals: chat}")
        #expect(d.map(\.code) == ["condition.unknown-fact"])
        #expect(d.first?.help == "did you mean 'mini.purpose'?")
        #expect(d.first?.line == 1 && d.first?.column == 11)
    }

    @Test("an operator that does not fit the type is a load error")
    func typeMismatch() throws {
        #expect(try compileErrors("{fact: mini.ai_system, gt: 3}").map(\.code) == ["condition.type-mismatch"])
        #expect(try compileErrors("{fact: mini.markets, equals: DE}").map(\.code) == ["condition.type-mismatch"])
        #expect(try compileErrors("{fact: mini.compute_flop, gt: lots}").map(\.code) == ["condition.operand-type"])
        #expect(try compileErrors("{fact: mini.launch, gte: 2025-02-30}").map(\.code) == ["condition.operand-type"])
    }

    @Test("a value outside an enum is a load error with a suggestion")
    func enumValue() throws {
        let d = try compileErrors("{fact: mini.purpose, equals: chatt}")
        #expect(d.map(\.code) == ["condition.operand-type"])
        #expect(d.first?.help?.contains("did you mean 'chat'?") == true)
        #expect(try compileErrors("{fact: mini.roles, contains: deploy}").map(\.code) == ["condition.operand-type"])
    }

    @Test("shape errors: unknown operator, two operators, empty lists, unknown tier")
    func shapes() throws {
        #expect(try compileErrors("{fact: mini.code, equal: x}").first?.help == "did you mean 'equals'?")
        #expect(try compileErrors("{fact: mini.code, equals: x, exists: true}").map(\.code) == ["condition.operator-count"])
        #expect(try compileErrors("{any: []}").map(\.code) == ["condition.empty"])
        #expect(try compileErrors("{fact: mini.purpose, in: []}").map(\.code) == ["condition.empty"])
        #expect(try compileErrors("{tier: high-risks}").first?.help == "did you mean 'high-risk'?")
        #expect(try compileErrors("{allof: []}").map(\.code) == ["condition.unknown-key"])
        #expect(try compileErrors("{fact: mini.evidence, exists: true}").isEmpty, "a group of facts takes exists")
        #expect(try compileErrors("{fact: mini.evidence, equals: x}").map(\.code) == ["condition.type-mismatch"])
    }
}
