import Foundation
import Testing
import TestSupport

/// Adopting govcheck on an existing fleet: `--write-baseline` records today's findings, and
/// `--baseline` reports them as baselined and gates only on new ones, in every format alike.
@Suite("check --write-baseline and --baseline adopt govcheck on an existing fleet")
struct BaselineCommandTests {
    let base = ["check", "--as-of", "2026-11-22", "--exclude", "tools", "."]

    @Test("--write-baseline records every finding, sorted, in the same bytes each time; the run reports and exits as usual")
    func write() throws {
        let repo = try FleetRepository("write-baseline")
        defer { repo.cleanUp() }
        let r = try repo.run(base + ["--write-baseline", ".govcheck-baseline.yaml"])
        #expect(r.status == 1, "the chatbot's missing disclosure still fails this run: \(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("fail-on tier:critical,needs-review,missing:high: 1 descriptor fail"))
        #expect(r.stderr.contains("wrote findings baseline .govcheck-baseline.yaml: 18 findings of 2 descriptors; check with --baseline .govcheck-baseline.yaml to gate only on new findings"), "\(r.stderr)")
        let text = try #require(repo.read(".govcheck-baseline.yaml"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("govcheck: 1") && lines.contains("kind: FindingsBaseline") && lines.contains("findings:"))
        let entries = lines.filter { $0.hasPrefix("  - {") }
        #expect(entries.count == 18, "\(text)")
        // Missing, upcoming and tier findings, whatever --fail-on says; each with its readable parts.
        #expect(entries.contains { $0.contains("descriptor: customer-service-chatbot, pack: eu-ai-act, rule: art50-1-disclose-ai-interaction, status: missing}") })
        #expect(entries.contains { $0.contains("descriptor: customer-service-chatbot, pack: eu-ai-act, rule: tier/limited-risk, status: decided}") })
        #expect(entries.contains { $0.contains("descriptor: public-authority-cv-screening, pack: eu-ai-act, rule: timeline/high-risk, status: decided}") })
        #expect(entries.filter { $0.contains("public-authority-cv-screening") && $0.hasSuffix("status: upcoming}") }.count == 12)
        #expect(!text.contains("status: met"))
        let order = entries.map { line -> String in
            let d = line.range(of: "descriptor: ")!.upperBound
            return String(line[d...])
        }
        #expect(order == order.sorted(), "entries are sorted by descriptor, pack and rule")
        // The same run gives the same bytes, whatever the number of jobs and whatever --fail-on.
        let again = try repo.run(base + ["--write-baseline", "again.yaml", "--jobs", "1", "--fail-on", "none"])
        #expect(again.status == 0)
        #expect(repo.read("again.yaml") == text)
    }

    @Test("--baseline gates only on new findings, marks the baselined ones in text and JSON, and counts fixed ones")
    func gate() throws {
        let repo = try FleetRepository("gate")
        defer { repo.cleanUp() }
        _ = try repo.run(base + ["--write-baseline", "b.yaml"])
        let r = try repo.run(base + ["--baseline", "b.yaml"])
        #expect(r.status == 0, "every finding is baselined: \(r.stdout)\(r.stderr)")
        #expect(r.flowedStdout.contains("art50-1-disclose-ai-interaction Art. 50(1) Regulation (EU) 2024/1689 (CELEX 32024R1689) [baselined]"), "\(r.stdout)")
        #expect(r.stdout.contains("tier: limited-risk — Transparency obligations (Art. 50)  [baselined]"))
        #expect(r.stdout.contains("  baseline b.yaml: 18 findings baselined (not gating), 0 new, 0 fixed"))
        #expect(r.stdout.contains("fail-on tier:critical,needs-review,missing:high: 0 descriptors fail"))
        // A stricter --fail-on does not bring the accepted findings back.
        #expect(try repo.run(base + ["--baseline", "b.yaml", "--fail-on", "missing,upcoming-within:10y,tier:info"]).status == 0)
        let json = try FleetRepository.json(try repo.run(base + ["--baseline", "b.yaml", "--format", "json"]))
        let evaluations = (json["results"] as! [[String: Any]]).flatMap { $0["evaluations"] as! [[String: Any]] }
        let obligations = evaluations.flatMap { $0["obligations"] as! [[String: Any]] }
        let open = obligations.filter { $0["status"] as? String != "met" }
        #expect(open.count == 13 && open.allSatisfy { $0["baselineState"] as? String == "unchanged" && $0["fails"] == nil })
        #expect(obligations.filter { $0["status"] as? String == "met" }.allSatisfy { $0["baselineState"] == nil })
        #expect(evaluations.allSatisfy { ($0["tier"] as! [String: Any])["baselineState"] as? String == "unchanged" })
        let counts = (json["summary"] as! [String: Any])["baseline"] as! [String: Any]
        #expect(counts["file"] as? String == "b.yaml" && counts["entries"] as? Int == 18 && counts["baselined"] as? Int == 18)
        #expect(counts["new"] as? Int == 0 && counts["fixed"] as? Int == 0 && counts["notChecked"] as? Int == 0)
        // SARIF agrees with the exit code: no error for a baselined finding.
        let sarif = try repo.run(base + ["--baseline", "b.yaml", "--format", "sarif"])
        #expect(!sarif.stdout.contains("\"level\" : \"error\""), "\(sarif.stdout.prefix(2000))")

        // A new prohibited system fails; the old findings stay baselined.
        try repo.write("services/monitor/govcheck.yaml", FleetRepository.sample("Samples/eu-emotion-recognition-workplace.yaml"))
        let added = try repo.run(base + ["--baseline", "b.yaml"])
        #expect(added.status == 1, "\(added.stdout)")
        #expect(added.stdout.contains("tier: prohibited — Prohibited AI practice\n"), "the new tier is not marked")
        #expect(added.stdout.contains("  baseline b.yaml: 18 findings baselined (not gating), 3 new, 0 fixed"), "\(added.stdout)")
        #expect(added.stdout.contains("fail-on tier:critical,needs-review,missing:high: 1 descriptor fail"))

        // Fixing the chatbot's disclosure shows as fixed; renaming the CV screener leaves its lines unchecked.
        repo.remove("services/monitor")
        let chat = try #require(repo.read("services/chat/govcheck.yaml"))
        try repo.write("services/chat/govcheck.yaml", chat.replacingOccurrences(of: "    ai_literacy: {programme: \"AIL-2026\"}\n",
                                                                               with: "    ai_literacy: {programme: \"AIL-2026\"}\n    ai_disclosure: {ref: \"BANNER-1\"}\n"))
        let hr = try #require(repo.read("services/hr/cv-screening.yaml"))
        try repo.write("services/hr/cv-screening.yaml", hr.replacingOccurrences(of: "public-authority-cv-screening", with: "renamed-screener"))
        let fixed = try repo.run(base + ["--baseline", "b.yaml", "--fail-on", "none"])
        #expect(fixed.flowedStdout.contains("baseline b.yaml: 2 findings baselined (not gating), 15 new, 1 fixed, 15 not checked in this run (their descriptor or pack was not evaluated)"), "\(fixed.stdout)")
    }

    @Test("a baselined upcoming duty that is in force on a later date gates again, marked as changed")
    func statusChanged() throws {
        let repo = try FleetRepository("changed")
        defer { repo.cleanUp() }
        _ = try repo.run(base + ["--write-baseline", "b.yaml"])
        let later = ["check", "--as-of", "2030-09-01", "--exclude", "tools", "services/hr", "--baseline", "b.yaml"]
        let r = try repo.run(later)
        #expect(r.status == 1, "\(r.stdout)")
        #expect(r.stdout.contains("[status changed since the baseline]"))
        let json = try FleetRepository.json(try repo.run(later + ["--format", "json"]))
        let obligations = (json["results"] as! [[String: Any]]).flatMap { ($0["evaluations"] as! [[String: Any]]).flatMap { $0["obligations"] as! [[String: Any]] } }
        let missing = obligations.filter { $0["status"] as? String == "missing" }
        #expect(missing.count == 10 && missing.allSatisfy { $0["baselineState"] as? String == "updated" }, "\(missing)")
        #expect(missing.contains { $0["fails"] as? Bool == true })
        let counts = (json["summary"] as! [String: Any])["baseline"] as! [String: Any]
        #expect(counts["changed"] as? Int == 10, "\(counts)")
    }

    @Test("--baseline names a findings baseline: a law version gets a did-you-mean, a missing or hand-edited file is a located error")
    func errors() throws {
        let repo = try FleetRepository("baseline-errors")
        defer { repo.cleanUp() }
        let law = try repo.run(base + ["--baseline", "eu-aia-2024"])
        #expect(law.status == 2)
        #expect(law.stderr.contains("error: 'eu-aia-2024' is a text version of the law, not a findings baseline file"), "\(law.stderr)")
        #expect(law.stderr.contains("help: did you mean --law-version eu-aia-2024?"))
        let missing = try repo.run(base + ["--baseline", "nope.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: no such findings baseline file 'nope.yaml'"))
        _ = try repo.run(base + ["--write-baseline", "b.yaml"])
        let text = try #require(repo.read("b.yaml"))
        let first = try #require(text.split(separator: "\n").first { $0.hasPrefix("  - {fingerprint: ") })
        let edited = first.replacingOccurrences(of: "status: missing", with: "status: met")
            .replacingOccurrences(of: "customer-service-chatbot", with: "other-name")
        try repo.write("edited.yaml", text.replacingOccurrences(of: first, with: edited) + "  - {fingerprint: x, descriptor: d, pack: p, rule: r, statuss: missing}\n")
        let bad = try repo.run(base + ["--baseline", "edited.yaml"])
        #expect(bad.status == 2)
        #expect(bad.stdout.isEmpty, "nothing is checked with a broken baseline")
        #expect(bad.stderr.contains("edited.yaml:7:"), "\(bad.stderr)")
        #expect(bad.stderr.contains("error: 'met' is not a status a baseline records for an obligation [baseline.value]"))
        #expect(bad.stderr.contains("unknown key 'statuss' in a finding [baseline.unknown-key]"))
        #expect(bad.stderr.contains("did you mean 'status'?"))
        #expect(bad.stderr.contains("error: the findings baseline edited.yaml cannot be used"))
        try repo.write("edited.yaml", text.replacingOccurrences(of: "customer-service-chatbot", with: "other-name"))
        let fp = try repo.run(base + ["--baseline", "edited.yaml"])
        #expect(fp.stderr.contains("does not belong to this descriptor, pack and rule"), "\(fp.stderr)")
        #expect(fp.stderr.contains("[baseline.fingerprint]"))
        // A baseline named in the config that does not exist yet says how to write it.
        try repo.write(".govcheck.yaml", "govcheck: 1\nkind: Config\nbaseline: .govcheck-baseline.yaml\n")
        let cfg = try repo.run(base)
        #expect(cfg.status == 2)
        #expect(cfg.stderr.contains(".govcheck.yaml:3:11: error: the findings baseline '.govcheck-baseline.yaml' does not exist [config.value]"), "\(cfg.stderr)")
        #expect(cfg.stderr.contains("help: write it with govcheck check --write-baseline .govcheck-baseline.yaml"))
    }

    @Test("--write-baseline is refused when an input could not be evaluated")
    func refusedOnErrors() throws {
        let repo = try FleetRepository("refused")
        defer { repo.cleanUp() }
        let r = try repo.run(["check", "--as-of", "2026-11-22", ".", "--write-baseline", "b.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: the findings baseline b.yaml was not written: 1 input error (above) left descriptors unevaluated"), "\(r.stderr)")
        #expect(repo.read("b.yaml") == nil)
    }

    @Test("--law-version selects a text of the law in check and explain; explain's old --baseline says so")
    func lawVersion() throws {
        let sample = "Samples/eu-cv-screening-deployer.yaml"
        let r = try runGovcheck(["check", "--as-of", "2026-11-22", "--law-version", "eu-aia-2024", "--pack", "eu-ai-act", "--fail-on", "none", sample])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("eu-ai-act (EU, text eu-aia-2024, as of 2026-11-22)"), "\(r.stdout)")
        let unknown = try runGovcheck(["check", "--law-version", "eu-aia-2025", sample])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no loaded pack has a text version (baseline) 'eu-aia-2025'"), "\(unknown.stderr)")
        let explain = try runGovcheck(["explain", "--as-of", "2026-11-22", "--law-version", "eu-aia-2024", "--pack", "eu-ai-act", sample])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("text eu-aia-2024"), "\(explain.stdout.prefix(500))")
        let old = try runGovcheck(["explain", "--baseline", "eu-aia-2024", sample])
        #expect(old.status == 2)
        #expect(old.stderr.contains("--baseline is no longer the text version of the law: write --law-version eu-aia-2024"), "\(old.stderr)")
    }
}
