import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

/// Writes an extension of the mini pack and loads both.
func loadExtension(_ body: String) throws -> PackSet {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-ext-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try Data(body.utf8).write(to: dir.appendingPathComponent("pack.yaml"))
    return PackLoader.load(shipped: [TestPaths.fixture("mini")], extra: [dir.path])
}

let extHeader = """
    govcheck: 1
    kind: RulePack
    id: org
    version: 1.0.0
    title: {en: Org}
    jurisdiction: EU
    extends: mini
    instruments:
      - {id: policy, title: {en: Policy}, identifier: "POL-1", inForce: 2025-01-01, status: internal-policy}

    """

@Suite("Packs that extend a pack")
struct CompositionTests {
    @Test("an extension inherits tiers and obligations, adds its own, overrides severity and disables with a reason")
    func extend() throws {
        let s = try loadExtension(extHeader + """
            facts:
              - {path: org.inventory, type: string, description: {en: Inventory id}}
            obligations:
              - id: org-inventory
                title: {en: Register in the inventory}
                citation: {instrument: policy, clause: "4.1"}
                appliesWhen: {tier: high-risk}
                satisfiedWhen: {fact: org.inventory, exists: true}
                appliesFrom: 2025-01-01
                severity: high
                remediation: {en: Register it.}
            overrides:
              - {obligation: literacy, severity: critical}
            disable:
              - {obligation: deployer-notice, reason: "Our chat systems are covered by the group notice policy GN-2."}

            """)
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics.map { "\($0.line): \($0.message)" })")
        let org = try #require(s.pack("org"))
        #expect(org.current.tiers.map(\.id) == mini.packs[0].current.tiers.map(\.id))
        let d = try descriptor(doc("roles: [deployer], markets: [DE], ai_system: true, purpose: chat, compute_flop: 1"), s)
        let e = Evaluator.evaluate(pack: org, descriptor: d, asOf: asOf, baseline: nil, includeNotApplicable: true)
        #expect(e.obligations.first { $0.id == "literacy" }?.severity == .critical)
        let notice = try #require(e.obligations.first { $0.id == "deployer-notice" })
        #expect(notice.status == .disabled)
        #expect(notice.disabledReason == "Our chat systems are covered by the group notice policy GN-2.")
        #expect(e.obligations.first { $0.id == "org-inventory" }?.status == .notApplicable)
        // The base is reported through its extension, not twice.
        let r = Checker.run(paths: [TestPaths.fixture("descriptors/chat-eu.yaml")], packSet: s, options: CheckOptions(asOf: asOf))
        #expect(r.results.first?.evaluations.map(\.pack) == ["org"])
    }

    @Test("disabling needs a written reason; unknown targets and tiers are errors")
    func mistakes() throws {
        let s = try loadExtension(extHeader + """
            disable:
              - {obligation: literacy}
              - {obligation: literacyy, reason: "a long enough reason here"}
            tiers: []

            """)
        let codes = Set(s.diagnostics.map(\.code))
        #expect(codes.contains("pack.disable-reason"))
        #expect(codes.contains("pack.unknown-obligation"))
        #expect(codes.contains("pack.extends"))
        #expect(s.diagnostics.first { $0.code == "pack.unknown-obligation" }?.help == "did you mean 'literacy'?")
    }

    @Test("extending a pack that is not loaded is an error with a suggestion")
    func unknownBase() throws {
        let s = try loadExtension(extHeader.replacingOccurrences(of: "extends: mini", with: "extends: minii"))
        let d = try #require(s.diagnostics.first { $0.code == "pack.unknown-base" })
        #expect(d.help == "did you mean 'mini'?")
    }
}
