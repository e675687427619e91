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
}
