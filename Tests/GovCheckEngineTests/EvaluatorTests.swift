import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

/// The mini fixture pack, loaded once for the suite.
let mini = loadPacks([TestPaths.fixture("mini")])
let asOf = Day("2026-11-22")!

func evaluate(_ yaml: String, asOf date: Day = asOf, baseline: String? = nil) throws -> PackEvaluation {
    let d = try descriptor(yaml, mini)
    #expect(!d.hasErrors, "descriptor errors: \(d.diagnostics.map(\.message))")
    return Evaluator.evaluate(pack: mini.packs[0], descriptor: d, asOf: date, baseline: baseline, includeNotApplicable: true)
}

func doc(_ facts: String) -> String {
    "apiVersion: govcheck/v1\nkind: Deployment\nmetadata: {name: t}\nmini: {\(facts)}\n"
}

func status(_ e: PackEvaluation, _ id: String) -> ObligationStatus? { e.obligations.first { $0.id == id }?.status }

@Suite("Tier decisions and obligation statuses")
struct EvaluatorTests {
    @Test("the mini pack loads without diagnostics")
    func loads() {
        #expect(mini.diagnostics.isEmpty, "\(mini.diagnostics.map { "\($0.path):\($0.line): \($0.message)" })")
        #expect(mini.packs.map(\.id) == ["mini"])
    }

    @Test("the first tier that holds decides, with every reason")
    func decided() throws {
        let e = try evaluate(doc("roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1e20"))
        #expect(e.tier.status == .decided)
        #expect(e.tier.tier == "high-risk")
        #expect(e.tier.reasons.map(\.rule) == ["recruitment"])
        #expect(e.tier.reasons.first?.citation.text.en == "Annex III, point 4(a)")
    }

    @Test("a missing market is needs-review with the deciding facts, never out of scope or minimal")
    func unknownIsNotFalse() throws {
        let e = try evaluate(doc("roles: [provider], ai_system: true, purpose: spam-filter, compute_flop: 1e20"))
        #expect(e.tier.status == .needsReview)
        #expect(e.tier.label == "needs-review")
        #expect(e.tier.possible == ["out-of-scope", "minimal"])
        #expect(e.tier.decidingFacts == ["mini.markets"])
        #expect(status(e, "literacy") == .undetermined)
        #expect(e.obligations.first { $0.id == "literacy" }?.decidingFacts == ["mini.markets"])
    }

    @Test("any is true when one branch is true, whatever the others")
    func kleeneAny() throws {
        // not-ai is false, not-in-market unknown... but personal use true decides out-of-scope.
        let e = try evaluate(doc("roles: [provider], ai_system: true, personal_use: true"))
        #expect(e.tier.tier == "out-of-scope")
        #expect(e.tier.status == .decided)
        #expect(e.tier.reasons.map(\.rule) == ["personal"])
    }

    @Test("a higher tier that holds while a still higher one is unknown gives needs-review that names both")
    func reviewWithFloor() throws {
        let e = try evaluate(doc("roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment"))
        #expect(e.tier.status == .needsReview)
        #expect(e.tier.tier == "high-risk")
        #expect(e.tier.possible == ["prohibited", "high-risk"])
        #expect(e.tier.decidingFacts == ["mini.compute_flop"])
    }

    @Test("1e25 FLOP is not strictly greater than 1e25; one more is")
    func strictThreshold() throws {
        let at = try evaluate(doc("roles: [provider], markets: [DE], ai_system: true, purpose: chat, compute_flop: 1e25"))
        #expect(at.tier.tier == "minimal")
        let over = try evaluate(doc("roles: [provider], markets: [DE], ai_system: true, purpose: chat, compute_flop: 10000000000000000000000001"))
        #expect(over.tier.tier == "prohibited")
    }

    @Test("defaults are used and listed as assumptions")
    func assumptions() throws {
        let e = try evaluate(doc("roles: [provider], markets: [DE], ai_system: true, purpose: chat, compute_flop: 1"))
        #expect(e.assumptions == [Assumption(fact: "mini.personal_use", value: "false")])
        let stated = try evaluate(doc("roles: [provider], markets: [DE], ai_system: true, purpose: chat, compute_flop: 1, personal_use: false"))
        #expect(stated.assumptions.isEmpty)
    }

    @Test("obligation statuses: met, missing, not-applicable, upcoming, undetermined")
    func statuses() throws {
        let base = "markets: [DE], ai_system: true, compute_flop: 1, launch: 2025-01-01"
        let chat = try evaluate(doc("roles: [deployer], purpose: chat, code: OK-1, evidence: {notice: true}, \(base)"))
        #expect(status(chat, "deployer-notice") == .met)
        #expect(status(chat, "literacy") == .missing)
        #expect(chat.obligations.first { $0.id == "literacy" }?.missingEvidence == ["mini.evidence.literacy.programme"])
        #expect(status(chat, "high-risk-duty") == .notApplicable)
        #expect(status(chat, "guidance-duty") == .met)
        let provider = try evaluate(doc("roles: [provider], purpose: chat, \(base)"))
        #expect(status(provider, "deployer-notice") == .notApplicable, "binds [deployer] excludes a provider")
        let before = try evaluate(doc("roles: [deployer], purpose: chat, \(base)"), asOf: Day("2026-08-01")!)
        #expect(status(before, "deployer-notice") == .upcoming)
        let noRoles = try evaluate(doc("purpose: chat, \(base)"))
        #expect(status(noRoles, "deployer-notice") == .undetermined)
        #expect(noRoles.obligations.first { $0.id == "deployer-notice" }?.decidingFacts == ["mini.roles"])
    }

    @Test("the evaluation date selects the baseline; --law-version forces one")
    func baselines() throws {
        let hr = doc("roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1, code: X")
        let amended = try evaluate(hr, asOf: Day("2027-01-10")!)
        #expect(amended.baseline == "amended")
        #expect(status(amended, "high-risk-duty") == .upcoming)
        #expect(amended.obligations.first { $0.id == "high-risk-duty" }?.appliesFrom == Day("2027-12-02"))
        let original = try evaluate(hr, asOf: Day("2027-01-10")!, baseline: "original")
        #expect(original.baseline == "original")
        #expect(status(original, "high-risk-duty") == .missing)
        let later = try evaluate(hr, asOf: Day("2027-12-02")!)
        #expect(status(later, "high-risk-duty") == .missing)
    }

    @Test("a rule added by an amendment exists only from its baseline and counts only from its date")
    func sinceAndUpcomingRules() throws {
        let banned = doc("roles: [provider], markets: [DE], ai_system: true, purpose: chat, compute_flop: 1, code: BAN-1")
        #expect(try evaluate(banned, asOf: Day("2026-01-01")!).tier.tier == "minimal")
        let pending = try evaluate(banned, asOf: Day("2026-11-22")!)
        #expect(pending.tier.tier == "minimal")
        let change = try #require(pending.timeline.first)
        #expect(pending.timeline.count == 1)
        #expect(change.from == Day("2026-12-02") && change.decision.tier == "prohibited")
        #expect(change.decision.reasons.map(\.rule) == ["new-ban"])
        #expect(change.decision.reasons.first?.facts.map(\.path) == ["mini.code"])
        #expect(try evaluate(banned, asOf: Day("2026-12-02")!).tier.tier == "prohibited")
    }

    @Test("duties a later tier brings are upcoming now, dated from that tier's start, evaluated against it")
    func upcomingFromLaterTier() throws {
        // Before the high-risk rule applies (2024-08-01) the system is minimal; the deployer duty
        // of the high-risk tier starts with the tier, on the amended date of the duty itself.
        let hr = doc("roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1, code: A-1")
        let early = try evaluate(hr, asOf: Day("2024-03-01")!)
        #expect(early.tier.tier == "minimal")
        #expect(early.timeline.map(\.decision.tier) == ["high-risk"])
        #expect(early.timeline.first?.from == Day("2024-08-01"))
        let duty = try #require(early.obligations.first { $0.id == "high-risk-duty" })
        #expect(duty.status == .upcoming)
        // The amendment (from 2026-07-27) moves the duty to 2027-12-02 before its original date
        // arrives, so the first day it is in force is the amended one.
        #expect(duty.appliesFrom == Day("2027-12-02"))
        #expect(duty.tierAtStart == "high-risk")
        #expect(duty.remediation != nil)
        let original = try #require(try evaluate(hr, asOf: Day("2024-03-01")!, baseline: "original").obligations.first { $0.id == "high-risk-duty" })
        #expect(original.status == .upcoming && original.appliesFrom == Day("2026-08-02"), "the forced text keeps the original date")
        // Under the amended text (from 2026-07-27) the same duty starts on 2027-12-02.
        let amended = try #require(try evaluate(hr, asOf: Day("2027-01-10")!).obligations.first { $0.id == "high-risk-duty" })
        #expect(amended.status == .upcoming && amended.appliesFrom == Day("2027-12-02") && amended.tierAtStart == nil)
    }

    @Test("dated routes: the first route that holds dates the duty; an open route lists the possible dates")
    func datedRoutes() throws {
        let base = "roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1, code: X"
        let a = try #require(try evaluate(doc("\(base), launch: 2024-06-01"), asOf: Day("2027-12-02")!).obligations.first { $0.id == "routed-duty" })
        #expect(a.status == .missing && a.appliesFrom == Day("2027-12-02") && a.possibleStarts.isEmpty)
        let b = try #require(try evaluate(doc("\(base), launch: 2025-06-01"), asOf: Day("2027-12-02")!).obligations.first { $0.id == "routed-duty" })
        #expect(b.status == .upcoming && b.appliesFrom == Day("2028-08-02") && b.route == "otherwise")
        // Launch date unknown: in force on one route and not on the other, so whether it applies yet hangs on it.
        let open = try #require(try evaluate(doc(base), asOf: Day("2028-01-10")!).obligations.first { $0.id == "routed-duty" })
        #expect(open.status == .undetermined)
        #expect(open.possibleStarts == [Day("2027-12-02")!, Day("2028-08-02")!])
        #expect(open.decidingFacts == ["mini.launch"])
        // Before both dates it is upcoming, from the earliest possible date, with the deciding fact.
        let before = try #require(try evaluate(doc(base), asOf: Day("2027-01-10")!).obligations.first { $0.id == "routed-duty" })
        #expect(before.status == .upcoming && before.appliesFrom == Day("2027-12-02"))
        #expect(before.possibleStarts.count == 2 && before.decidingFacts == ["mini.launch"])
        // After both dates it applies whatever the route.
        let after = try #require(try evaluate(doc(base), asOf: Day("2028-08-02")!).obligations.first { $0.id == "routed-duty" })
        #expect(after.status == .missing)
    }

    @Test("a role the law assigns binds the operator, and the report says under which provision")
    func derivedRoles() throws {
        let base = "markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1"
        let rebrand = try #require(try evaluate(doc("roles: [deployer], code: REBRAND, \(base)")).obligations.first { $0.id == "provider-duty" })
        #expect(rebrand.status == .missing)
        #expect(rebrand.boundAs?.role == "provider" && rebrand.boundAs?.citation.text.en == "Art. 25(1)")
        let plain = try evaluate(doc("roles: [deployer], code: X, \(base)"))
        #expect(status(plain, "provider-duty") == .notApplicable, "a deployer that did not rebrand is not bound")
        let unknown = try #require(try evaluate(doc("roles: [deployer], \(base)")).obligations.first { $0.id == "provider-duty" })
        #expect(unknown.status == .undetermined && unknown.decidingFacts == ["mini.code"])
        let provider = try #require(try evaluate(doc("roles: [provider], \(base)")).obligations.first { $0.id == "provider-duty" })
        #expect(provider.status == .missing && provider.boundAs == nil)
    }
}
