import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

/// Writes a pack (with the mini vocabulary beside it) to a fresh folder and loads it.
func loadPackText(_ body: String) throws -> PackSet {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-pack-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: TestPaths.fixture("mini/vocabulary.yaml"), toPath: dir.appendingPathComponent("vocabulary.yaml").path)
    try Data(body.utf8).write(to: dir.appendingPathComponent("pack.yaml"))
    return loadPacks([dir.path])
}

let header = """
    govcheck: 1
    kind: RulePack
    id: t
    version: 1.0.0
    title: {en: T}
    jurisdiction: EU
    vocabulary: [vocabulary.yaml]
    roles: mini.roles
    instruments:
      - {id: law, title: {en: Law}, identifier: "Reg 1", inForce: 2024-02-01, status: binding-law}

    """

let okTier = """
    tiers:
      - id: minimal
        title: {en: Minimal}
        severity: none
        otherwise: true
        citation: {instrument: law, article: "95"}
        appliesFrom: 2024-02-01
        rationale: {en: r}

    """

@Suite("Loading packs reports every problem with its place")
struct PackLoaderTests {
    func codes(_ s: PackSet) -> [String] { s.diagnostics.map(\.code) }

    @Test("a minimal pack loads")
    func minimal() throws {
        let s = try loadPackText(header + okTier)
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics.map(\.message))")
        #expect(s.packs.first?.id == "t")
    }

    @Test("unknown keys get a did-you-mean, with line and column")
    func unknownKey() throws {
        let text = header + okTier + "obligatons: []\n"
        let s = try loadPackText(text)
        let d = try #require(s.diagnostics.first { $0.code == "pack.unknown-key" })
        #expect(d.help == "did you mean 'obligations'?")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("obligatons") }! + 1
        #expect(d.line == line && d.column == 1)
    }

    @Test("an unsupported format version names the supported one")
    func formatVersion() throws {
        let s = try loadPackText(header.replacingOccurrences(of: "govcheck: 1", with: "govcheck: 2") + okTier)
        #expect(codes(s).contains("pack.format-version"))
        #expect(s.packs.isEmpty)
    }

    @Test("requires checks the engine version")
    func requires() throws {
        let s = try loadPackText(header + "requires: \">=9.0.0\"\n" + okTier)
        #expect(codes(s) == ["pack.requires"])
        let ok = try loadPackText(header + "requires: \">=0.1.0\"\n" + okTier)
        #expect(ok.diagnostics.isEmpty)
    }

    @Test("obligations need citation, date, severity, remediation; instruments and roles are checked")
    func obligationChecks() throws {
        let s = try loadPackText(header + okTier + """
            obligations:
              - id: a
                title: {en: A}
                citation: {instrument: lawx, article: "4"}
                binds: [deployr]
                satisfiedWhen: {fact: mini.code, exists: true}
                appliesFrom: 2024-13-01
                severity: urgent
              - id: a
                title: {en: B}
                citation: {instrument: law}
                satisfiedWhen: {fact: mini.code, exists: true}
                appliesFrom: 2023-01-01
                severity: low
                remediation: {en: r}

            """)
        let c = Set(codes(s))
        for expected in ["pack.unknown-instrument", "pack.unknown-role", "pack.date", "pack.value", "pack.missing-key",
                         "pack.duplicate-id", "pack.citation", "pack.date-before-instrument"] {
            #expect(c.contains(expected), "expected \(expected) in \(c.sorted())")
        }
        #expect(s.diagnostics.first { $0.code == "pack.unknown-instrument" }?.help == "did you mean 'law'?")
        #expect(s.diagnostics.first { $0.code == "pack.unknown-role" }?.help == "did you mean 'deployer'?")
    }

    @Test("a version naming an unknown baseline is an error")
    func unknownBaseline() throws {
        let s = try loadPackText(header + "baselines: [{id: original, from: 2024-02-01}]\n" + okTier + """
            obligations:
              - id: a
                title: {en: A}
                citation: {instrument: law, article: "4"}
                satisfiedWhen: {fact: mini.code, exists: true}
                appliesFrom: 2024-03-01
                severity: low
                remediation: {en: r}
                versions:
                  - {baseline: amendedd, appliesFrom: 2025-01-01}

            """)
        #expect(codes(s).contains("pack.unknown-baseline"))
    }

    @Test("Chinese packs need Chinese titles")
    func chinese() throws {
        let s = try loadPackText(header.replacingOccurrences(of: "jurisdiction: EU", with: "jurisdiction: CN") + okTier)
        #expect(codes(s).contains("pack.missing-key"))
    }

    @Test("a tier rule cannot depend on a tier")
    func tierInTier() throws {
        let s = try loadPackText(header + """
            tiers:
              - id: high
                title: {en: High}
                severity: high
                rules:
                  - id: r
                    citation: {instrument: law, article: "6"}
                    appliesFrom: 2024-02-01
                    rationale: {en: r}
                    when: {tier: high}

            """)
        #expect(codes(s) == ["condition.tier-in-tier"])
    }
}

@Suite("Descriptors are typed against the vocabulary")
struct DescriptorTests {
    @Test("a type mismatch is an error at the value; an unknown field a warning with a suggestion")
    func validation() throws {
        let d = try descriptor(doc("ai_system: \"yes\", purpos: chat"), mini)
        #expect(d.hasErrors)
        let err = try #require(d.diagnostics.first { $0.severity == .error })
        #expect(err.code == "descriptor.type-mismatch")
        #expect(err.message == "'mini.ai_system': expected bool, found a string")
        #expect(err.line == 4)
        let warn = try #require(d.diagnostics.first { $0.severity == .warning })
        #expect(warn.code == "descriptor.unknown-field")
        #expect(warn.help == "did you mean 'mini.purpose'?")
    }

    @Test("enum values and dates are checked")
    func enumsAndDates() throws {
        let d = try descriptor(doc("purpose: chatt, launch: 2025-02-30, roles: [deployer, owner]"), mini)
        #expect(d.diagnostics.filter { $0.severity == .error }.count == 3)
        #expect(d.diagnostics.contains { $0.help?.contains("did you mean 'chat'?") == true })
    }

    @Test("the envelope is required")
    func envelope() throws {
        let d = try descriptor("mini: {purpose: chat}\n", mini)
        #expect(Set(d.diagnostics.map(\.code)) == ["descriptor.missing-api-version", "descriptor.missing-kind", "descriptor.missing-name"])
        let v = try descriptor("apiVersion: govcheck/v2\nkind: Deployment\nmetadata: {name: x}\n", mini)
        #expect(v.diagnostics.map(\.code) == ["descriptor.api-version"])
    }

    @Test("null values count as not stated")
    func nulls() throws {
        let d = try descriptor(doc("purpose: ~, code: null"), mini)
        #expect(d.values["mini.purpose"] == nil)
        #expect(!d.hasErrors)
    }
}

@Suite("Dates")
struct DayTests {
    @Test("ISO dates parse strictly and order")
    func parse() {
        #expect(Day("2024-02-29") != nil)
        #expect(Day("2025-02-29") == nil)
        #expect(Day("2025-1-01") == nil)
        #expect(Day("2025-13-01") == nil)
        #expect(Day("2025-08-02")! < Day("2025-08-10")!)
        #expect(Day("2025-08-02")!.description == "2025-08-02")
    }
}
