import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

/// Evaluates an inline descriptor as `check` would, with its timeline.
func timeline(_ facts: String, asOf date: Day = asOf, baseline: String? = nil) throws -> SystemTimeline {
    let d = try descriptor(doc(facts), mini)
    #expect(!d.hasErrors, "descriptor errors: \(d.diagnostics.map(\.message))")
    let options = CheckOptions(asOf: date, baseline: baseline)
    let r = Checker.evaluate(d, packs: mini.packs, options: options)
    return TimelineBuilder.build(d, result: r, packs: mini.packs, options: options)
}

func starts(_ tl: SystemTimeline, _ id: String) -> [TimelineEntry] {
    tl.entries.filter { if case .starts(let o) = $0.change { return o.id == id }; return false }
}

func tiers(_ tl: SystemTimeline) -> [(Day, String)] {
    tl.entries.compactMap { if case .tier(let d) = $0.change { return ($0.date, d.label) }; return nil }
}

let recruiter = "roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1e20, code: HR-1, launch: 2024-06-01, evidence: {notice: false, literacy: {programme: AI-101}}"

@Suite("Timelines: what is due, and when")
struct TimelineTests {
    @Test("past tiers come from evaluations on earlier dates, later ones from the evaluation date's timeline")
    func tierHistory() throws {
        let tl = try timeline("roles: [deployer], markets: [FR], ai_system: true, purpose: chat, compute_flop: 1e20, code: BAN-7, launch: 2025-09-01")
        let seen = tiers(tl).map { "\($0.0) \($0.1)" }
        // Recruitment is not the purpose: minimal from the start; the amendment's ban from 2026-12-02.
        #expect(seen == ["2024-02-01 minimal", "2026-12-02 prohibited"])
        #expect(tl.phase(Day("2026-12-02")!) == .upcoming)
        #expect(tl.phase(Day("2024-02-01")!) == .inForce)
        #expect(tl.dates.contains(asOf), "the evaluation date is always a date of the timeline")
    }

    @Test("a duty in force is listed on the first date it applied, with its status on the evaluation date")
    func pastStarts() throws {
        let tl = try timeline(recruiter)
        let literacy = starts(tl, "literacy")
        #expect(literacy.map(\.date) == [Day("2025-02-02")!])
        if case .starts(let o) = literacy.first?.change { #expect(o.status == .met) }
        #expect(tiers(tl).map(\.1) == ["minimal", "high-risk"], "recruitment is high-risk only from its rule's date")
        #expect(tiers(tl).last?.0 == Day("2024-08-01")!)
    }

    @Test("a duty the amendment postponed never shows as in force, and starts on its new date")
    func postponed() throws {
        let tl = try timeline(recruiter)
        let duty = starts(tl, "high-risk-duty")
        #expect(duty.map(\.date) == [Day("2027-12-02")!], "the original 2026-08-02 start is replaced by the amended text from 2026-07-27")
        if case .starts(let o) = duty.first?.change { #expect(o.status == .upcoming) }
        // Under the original text forced, it has applied since 2026-08-02.
        let original = try timeline(recruiter, baseline: "original")
        #expect(starts(original, "high-risk-duty").map(\.date) == [Day("2026-08-02")!])
    }

    @Test("texts of the law are listed on the date they come into force")
    func texts() throws {
        let tl = try timeline(recruiter)
        let dates = tl.entries.compactMap { e -> String? in if case .text(let b) = e.change { return "\(e.date) \(b.id)" }; return nil }
        #expect(dates == ["2024-02-01 original", "2026-07-27 amended"])
    }

    @Test("an undetermined duty is 'may apply', naming what decides it, never 'applies'")
    func undetermined() throws {
        let tl = try timeline("roles: [deployer], markets: [DE], ai_system: true, purpose: chat")
        let guide = starts(tl, "guidance-duty")
        #expect(guide.count == 1)
        if case .starts(let o) = guide.first?.change {
            #expect(o.status == .undetermined)
            #expect(o.decidingFacts == ["mini.launch"])
        }
    }

    @Test("a duty that a later tier ends is listed as ending on that date")
    func ends() throws {
        // A provider's high-risk system, in force since 2026-08-02; the amendment's ban (from
        // 2026-12-02) makes it prohibited, so the provider's high-risk duty stops applying then.
        let tl = try timeline("roles: [provider], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1e20, code: BAN-1, launch: 2026-01-01")
        let ended = tl.entries.compactMap { e -> String? in if case .ends(let o) = e.change { return "\(e.date) \(o.id)" }; return nil }
        #expect(ended == ["2026-12-02 provider-duty"])
        #expect(starts(tl, "provider-duty").map(\.date) == [Day("2026-08-02")!])
        #expect(tiers(tl).map { "\($0.0) \($0.1)" }.last == "2026-12-02 prohibited")
    }

    @Test("the timeline is the same whatever the evaluation date, for the dates both see")
    func stableAcrossDates() throws {
        let early = try timeline(recruiter, asOf: Day("2025-06-01")!)
        let late = try timeline(recruiter, asOf: Day("2027-06-01")!)
        #expect(tiers(early).map { "\($0.0) \($0.1)" } == tiers(late).map { "\($0.0) \($0.1)" })
        #expect(starts(early, "high-risk-duty").map(\.date) == starts(late, "high-risk-duty").map(\.date))
    }
}

@Suite("Fleet diffs")
struct DiffTests {
    func report(_ yamls: [String], asOf date: Day, baseline: String? = nil, packs: PackSet = mini) throws -> CheckReport {
        let results = try yamls.enumerated().map { i, y in
            Checker.evaluate(try descriptor(doc(y), packs, path: "d\(i).yaml"), packs: packs.packs, options: CheckOptions(asOf: date, baseline: baseline))
        }
        return CheckReport(asOf: date, packs: packs.packs, results: results, errors: [])
    }

    @Test("between two dates: the tier change and the duties gained are reported, unchanged systems counted")
    func dates() throws {
        let fleet = ["roles: [deployer], markets: [FR], ai_system: true, purpose: chat, compute_flop: 1e20, code: BAN-7, launch: 2025-09-01",
                     "roles: [deployer], markets: [US], ai_system: true"]
        let diff = FleetDiff.compare(try report(fleet, asOf: Day("2026-11-22")!), try report(fleet, asOf: Day("2026-12-02")!))
        #expect(diff.compared == 2)
        #expect(diff.unchanged == 1)
        #expect(diff.systems.count == 1)
        let p = try #require(diff.systems.first?.packs.first)
        #expect(p.tierChanged)
        #expect(p.from?.tier.label == "minimal")
        #expect(p.to?.tier.label == "prohibited")
        #expect(diff.hasChanges)
    }

    @Test("between two texts of the law: a postponed duty is changed, with its fields")
    func texts() throws {
        let fleet = [recruiter]
        let diff = FleetDiff.compare(try report(fleet, asOf: asOf, baseline: "original"), try report(fleet, asOf: asOf, baseline: "amended"))
        let duty = try #require(diff.systems.first?.packs.first?.obligations.first { $0.id == "high-risk-duty" })
        #expect(duty.kind == .changed)
        #expect(duty.fields.contains("status"))
        #expect(duty.fields.contains("appliesFrom"))
        #expect(duty.from?.status == .missing)
        #expect(duty.to?.status == .upcoming)
    }

    @Test("the same run compared with itself has no change")
    func none() throws {
        let r = try report([recruiter, "roles: [deployer], markets: [US], ai_system: true"], asOf: asOf)
        let diff = FleetDiff.compare(r, r)
        #expect(!diff.hasChanges)
        #expect(diff.systems.isEmpty)
        #expect(diff.unchanged == 2)
    }

    @Test("a system evaluated on one side only is never dropped")
    func oneSided() throws {
        let a = try report([recruiter], asOf: asOf)
        let b = CheckReport(asOf: asOf, packs: mini.packs, results: [],
                            errors: [InputError(file: "d0.yaml", document: nil, diagnostics: [])])
        let diff = FleetDiff.compare(a, b)
        #expect(diff.systems.count == 1)
        #expect(diff.systems.first?.toError != nil)
        #expect(diff.inputErrors == 1)
        #expect(diff.hasChanges)
        let gone = FleetDiff.compare(a, CheckReport(asOf: asOf, packs: mini.packs, results: [], errors: []))
        #expect(gone.systems.first?.packs.first?.kind == .removed)
    }
}
