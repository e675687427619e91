import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

@Suite("Lint rules beyond load errors")
struct LinterTests {
    /// A pack with a self-declared tag (`t.tag`, per value) and the capability fact that defines one value.
    func tagPack(_ when: String) throws -> PackSet {
        try loadPackText(header + """
            facts:
              - path: t.capability.emotion
                type: bool
                description: {en: "Infers emotions from biometric data."}
              - path: t.tag
                type: list
                of: enum
                values: ["1c", "4a"]
                description: {en: "Self-declared Annex points."}
                selfClassification:
                  "1c": [t.capability.emotion]
            tiers:
              - id: high
                title: {en: High}
                severity: high
                rules:
                  - id: emotion
                    citation: {instrument: law, article: "6"}
                    appliesFrom: 2024-02-01
                    rationale: {en: r}
                    when: \(when)
              - id: minimal
                title: {en: Minimal}
                severity: none
                otherwise: true
                citation: {instrument: law, article: "95"}
                appliesFrom: 2024-02-01
                rationale: {en: r}

            """)
    }

    @Test("lint.missing-translation: instruments the other language cannot name, rules citing Chinese law without Chinese")
    func missingTranslation() throws {
        // The shared header's 'law' is EU law without a Chinese short title.
        let plain = try loadPackText(header + okTier)
        let flagged = Linter.lint(plain).filter { $0.code == "lint.missing-translation" }
        #expect(flagged.map(\.message) == ["EU instrument 'law' has no Chinese short title; Chinese reports name it by its identifier only"])
        #expect(flagged.first?.severity == .warning)
        #expect(flagged.first?.span?.start.line == 10, "points at the instrument")

        let mixed = header.replacingOccurrences(of: """
              - {id: law, title: {en: Law}, identifier: "Reg 1", inForce: 2024-02-01, status: binding-law}
            """, with: """
              - {id: law, title: {en: Law}, shortTitle: {en: Law, zh: 法}, identifier: "Reg 1", inForce: 2024-02-01, status: binding-law}
              - {id: policy, title: {en: Policy}, identifier: "POL-1", inForce: 2024-02-01, status: internal-policy}
              - {id: cnlaw, title: {en: CN Law}, identifier: "令第1号", inForce: 2024-02-01, status: binding-law, jurisdiction: CN}
            """)
        #expect(mixed != header)
        let s = try loadPackText(mixed + okTier + """
            obligations:
              - id: cn-duty
                title: {en: A Chinese duty}
                citation: {instrument: cnlaw, article: "4"}
                satisfiedWhen: {fact: mini.code, exists: true}
                appliesFrom: 2024-03-01
                severity: low
                remediation: {en: r, zh: 做}
              - id: policy-duty
                title: {en: A policy duty}
                citation: {instrument: policy, clause: "1"}
                satisfiedWhen: {fact: mini.code, exists: true}
                appliesFrom: 2024-03-01
                severity: low
                remediation: {en: r}

            """)
        #expect(s.diagnostics.filter { $0.severity == .error }.isEmpty, "\(s.diagnostics.map(\.message))")
        let messages = Linter.lint(s).filter { $0.code == "lint.missing-translation" }.map(\.message).sorted()
        #expect(messages == [
            "Chinese instrument 'cnlaw' has no Chinese title",
            "Chinese instrument 'cnlaw' has no English short title; English reports name it by its full title",
            "obligation 'cn-duty' cites Chinese law but its title has no Chinese",
        ], "an EU instrument with a Chinese short title and an internal policy are not flagged")

        // A Chinese pack: its texts are checked by the loader; lint asks for the English short title.
        let cn = header.replacingOccurrences(of: "jurisdiction: EU", with: "jurisdiction: CN")
            .replacingOccurrences(of: "title: {en: T}", with: "title: {en: T, zh: 题}")
            .replacingOccurrences(of: "title: {en: Law}", with: "title: {en: Law, zh: 法}")
        let cnTier = okTier.replacingOccurrences(of: "{en: Minimal}", with: "{en: Minimal, zh: 最低}").replacingOccurrences(of: "{en: r}", with: "{en: r, zh: 理}")
        let c = try loadPackText(cn + cnTier)
        #expect(c.diagnostics.filter { $0.severity == .error }.isEmpty, "\(c.diagnostics.map(\.message))")
        #expect(Linter.lint(c).filter { $0.code == "lint.missing-translation" }.map(\.message)
                == ["Chinese instrument 'law' has no English short title; English reports name it by its full title"])
        let named = try loadPackText(cn.replacingOccurrences(of: "title: {en: Law, zh: 法}", with: "title: {en: Law, zh: 法}, shortTitle: {en: The Law}") + cnTier)
        #expect(!Linter.lint(named).contains { $0.code == "lint.missing-translation" })
    }

    @Test("a tier rule reading only a self-declared tag is flagged, with the defining facts named")
    func selfClassificationOnly() throws {
        let tagOnly = try tagPack("{fact: t.tag, contains: \"1c\"}")
        #expect(tagOnly.diagnostics.isEmpty, "\(tagOnly.diagnostics.map(\.message))")
        let d = try #require(Linter.lint(tagOnly).first { $0.code == "lint.self-classification-only" })
        #expect(d.message.contains("'t.tag' (1c)") && d.message.contains("t.capability.emotion"))
        #expect(d.severity == .warning)

        let both = try tagPack("{any: [{fact: t.tag, contains: \"1c\"}, {fact: t.capability.emotion, equals: true}]}")
        #expect(!Linter.lint(both).contains { $0.code == "lint.self-classification-only" })
        // A value with no defining facts in the vocabulary is not flagged: the tag is all the law gives.
        let other = try tagPack("{fact: t.tag, contains: \"4a\"}")
        #expect(!Linter.lint(other).contains { $0.code == "lint.self-classification-only" })
    }

    @Test("an obligation whose appliesWhen reads only a self-declared tag is flagged too")
    func selfClassificationInObligation() throws {
        let s = try loadPackText(header + """
            facts:
              - path: t.capability.emotion
                type: bool
                description: {en: "Infers emotions from biometric data."}
              - path: t.tag
                type: list
                of: enum
                values: ["1c"]
                description: {en: "Self-declared Annex points."}
                selfClassification:
                  "1c": [t.capability.emotion]
            """ + "\n" + okTier + """
            obligations:
              - id: inform
                title: {en: Inform}
                citation: {instrument: law, article: "50"}
                appliesWhen: {fact: t.tag, contains: "1c"}
                satisfiedWhen: {fact: mini.evidence.notice, equals: true}
                appliesFrom: 2024-02-01
                severity: medium
                remediation: {en: r}
            """)
        let d = try #require(Linter.lint(s).first { $0.code == "lint.self-classification-only" })
        #expect(d.message.hasPrefix("obligation 'inform' reads the self-declared 't.tag' (1c)"))
    }

    @Test("self-classification entries must name declared facts and values")
    func selfClassificationChecked() throws {
        let s = try loadPackText(header + """
            facts:
              - path: t.tag
                type: list
                of: enum
                values: ["1c"]
                description: {en: "Tag."}
                selfClassification:
                  "1d": [t.capability.emotion]
                  "1c": [t.capability.emotoin]
            """ + "\n" + okTier)
        let messages = s.diagnostics.filter { $0.code == "vocabulary.self-classification" }.map(\.message)
        #expect(messages.contains { $0.contains("'1d' is not a value") })
        #expect(messages.contains { $0.contains("unknown fact 't.capability.emotoin'") })
    }

    /// A pack whose one obligation has the given `appliesFrom` routes.
    func routesPack(_ routes: String) throws -> PackSet {
        try loadPackText(header + okTier + """
            obligations:
              - id: routed
                title: {en: Routed}
                citation: {instrument: law, article: "26"}
                appliesWhen: {fact: mini.ai_system, equals: true}
                satisfiedWhen: {fact: mini.evidence.notice, equals: true}
                severity: medium
                remediation: {en: r}
                appliesFrom:
            \(routes)
            """)
    }

    @Test("dated routes: overlaps and gaps are warned with an example, unreachable routes are errors")
    func datedRoutes() throws {
        let overlap = try routesPack("""
                  - {when: {fact: mini.purpose, in: [recruitment, chat]}, from: 2027-12-02}
                  - {when: {fact: mini.purpose, equals: chat}, from: 2028-08-02}
                  - {when: {fact: mini.compute_flop, gt: 1e25}, from: 2029-01-01}
            """)
        #expect(overlap.diagnostics.isEmpty, "\(overlap.diagnostics.map(\.message))")
        let found = Linter.lint(overlap)
        let unreachable = try #require(found.first { $0.code == "lint.dated-unreachable" })
        #expect(unreachable.message.contains("never gives the date") && unreachable.severity == .error)
        let over = try #require(found.first { $0.code == "lint.dated-overlap" })
        #expect(over.message.contains("mini.compute_flop = ") && over.message.contains("mini.purpose = "))
        let gap = try #require(found.first { $0.code == "lint.dated-gap" })
        #expect(gap.message.contains("mini.ai_system = true"), "the example shows a case where the duty applies: \(gap.message)")

        let clean = try routesPack("""
                  - {when: {fact: mini.purpose, equals: recruitment}, from: 2027-12-02}
                  - {when: {fact: mini.purpose, equals: chat}, from: 2028-08-02}
                  - {otherwise: true, from: 2029-01-01}
            """)
        #expect(!Linter.lint(clean).contains { $0.code.hasPrefix("lint.dated-") })
    }

    @Test("dated routes are checked when the pack loads: otherwise last, one of when/otherwise, dates")
    func datedRoutesLoad() throws {
        let s = try routesPack("""
                  - {otherwise: true, from: 2029-01-01}
                  - {when: {fact: mini.purpose, equals: chat}, otherwise: true, from: 2028-08-02}
                  - {when: {fact: mini.purpose, equals: chat}, from: 2028-02-30}
            """)
        let messages = s.diagnostics.map(\.message)
        #expect(messages.contains { $0.contains("'otherwise' entry must be the last one") })
        #expect(messages.contains { $0.contains("'otherwise: true' or 'when', not both") })
        #expect(messages.contains { $0.contains("'from': '2028-02-30' is not a valid date: February 2028 has 29 days") })
    }

    /// A pack `id` in `root/id` (so folders sort as the ids do) whose only instruments are
    /// `instruments`; the packs of one root share `root/vocabulary.yaml`.
    func titledPack(_ root: URL, _ id: String, _ instruments: String) throws -> String {
        let fm = FileManager.default
        let vocabulary = root.appendingPathComponent("vocabulary.yaml").path
        if !fm.fileExists(atPath: vocabulary) { try fm.copyItem(atPath: TestPaths.fixture("mini/vocabulary.yaml"), toPath: vocabulary) }
        let dir = root.appendingPathComponent(id)
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        let line = #"  - {id: law, title: {en: Law}, identifier: "Reg 1", inForce: 2024-02-01, status: binding-law}"#
        let own = header.replacingOccurrences(of: "id: t\n", with: "id: \(id)\n")
            .replacingOccurrences(of: "vocabulary: [vocabulary.yaml]", with: "vocabulary: [../vocabulary.yaml]")
        let text = own.replacingOccurrences(of: line, with: instruments)
        #expect(text != own)
        try Data((text + okTier).utf8).write(to: dir.appendingPathComponent("pack.yaml"))
        return dir.path
    }

    @Test("lint.inconsistent-instrument-title: one law (the same CELEX number, else the same identifier) titled two ways in two packs")
    func inconsistentInstrumentTitle() throws {
        let root = try temporaryFolder("titles")
        defer { removeTemporaryFolder(root) }
        let a = try titledPack(root, "a", """
              - {id: law, title: {en: Law, zh: 法}, shortTitle: {en: The Law, zh: 法}, identifier: "Regulation (EU) 1/2024 (CELEX 32024R0001)", inForce: 2024-02-01, status: binding-law}
              - {id: guide, title: {en: Guide, zh: 指南}, identifier: "Guide  7", inForce: 2024-02-01, status: official-guidance}
            """)
        // The same law under another id and a differently written identifier; the guide as in 'a'.
        let b = try titledPack(root, "b", """
              - {id: law, title: {en: Law}, identifier: "Reg 1", inForce: 2024-02-01, status: binding-law}
              - {id: eu-law, title: {en: Law, zh: 条例}, shortTitle: {en: The Law, zh: 法}, identifier: "CELEX 32024R0001", inForce: 2024-02-01, status: binding-law}
              - {id: the-guide, title: {en: Guide, zh: 指南}, identifier: "Guide 7", inForce: 2024-02-01, status: official-guidance}
            """)
        // No Chinese title at all: nothing to compare (a missing title is lint.missing-translation's).
        let c = try titledPack(root, "c", """
              - {id: law, title: {en: Law}, shortTitle: {en: The Law, zh: 法}, identifier: "Regulation (EU) 1/2024 (CELEX 32024R0001)", inForce: 2024-02-01, status: binding-law}
            """)
        let set = loadPacks([a, b, c])
        #expect(set.diagnostics.filter { $0.severity == .error }.isEmpty, "\(set.diagnostics.map(\.message))")
        #expect(set.packs.count == 3)
        let found = Linter.lint(set).filter { $0.code == "lint.inconsistent-instrument-title" }
        #expect(found.map(\.message) == ["instrument 'eu-law' (CELEX 32024R0001) has the Chinese title '条例' but pack 'a' gives it '法'"])
        let d = try #require(found.first)
        #expect(d.severity == .warning)
        #expect(d.path.hasPrefix(b) && d.span?.start.line == 11, "points at the instrument in the later pack")
        #expect(d.notes.first?.span.file.path.hasPrefix(a) == true, "and notes the first pack's")

        // Titled alike, the two packs are quiet.
        let same = try titledPack(root, "d", """
              - {id: eu-law, title: {en: Law, zh: 法}, identifier: "CELEX 32024R0001", inForce: 2024-02-01, status: binding-law}
            """)
        #expect(!Linter.lint(loadPacks([a, same])).contains { $0.code == "lint.inconsistent-instrument-title" })
    }

    @Test("the shipped packs name every law they share the same way")
    func shippedTitlesAgree() throws {
        let set = loadPacks([TestPaths.root.appendingPathComponent("Rules").path])
        // Not vacuous: the AI Act and the Digital Omnibus are declared by both EU packs.
        var packsPerLaw: [String: Set<String>] = [:]
        for p in set.packs { for i in p.instruments { packsPerLaw[Linter.instrumentKey(i), default: []].insert(p.id) } }
        #expect(packsPerLaw["CELEX 32024R1689"] == ["eu-ai-act", "eu-ai-act-gpai"])
        #expect(packsPerLaw["CELEX 32026R1744"] == ["eu-ai-act", "eu-ai-act-gpai"])
        let found = Linter.lint(set).filter { $0.code == "lint.inconsistent-instrument-title" }
        #expect(found.isEmpty, "\(found.map(\.message))")
    }
}
