import Foundation
import Testing
import TestSupport

/// Writes a sample with its `metadata.jurisdictions` line replaced, to a fresh folder.
func sampleWithJurisdictions(_ sample: String, _ jurisdictions: String) throws -> String {
    let text = try String(contentsOf: TestPaths.root.appendingPathComponent("Samples/\(sample)"), encoding: .utf8)
    let replaced = text.replacingOccurrences(of: #"jurisdictions: \[[^\]]*\]"#, with: "jurisdictions: \(jurisdictions)",
                                             options: .regularExpression)
    precondition(replaced != text || text.contains("jurisdictions: \(jurisdictions)"), "the sample names no jurisdictions")
    let lines = [replaced]
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-juris-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent(sample).path
    try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    return path
}

/// SARIF result levels and statuses, from a report.
func sarifResults(_ stdout: String) throws -> [[String: Any]] {
    let obj = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as! [String: Any]
    return ((obj["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
}

@Suite("A run that evaluated nothing never passes; machine formats agree with the exit code")
struct NoSilentPassTests {
    let asOf = ["--as-of", "2026-11-22"]

    @Test("an unknown jurisdiction is an input error with a did-you-mean, counted in the summary")
    func unknownJurisdiction() throws {
        let path = try sampleWithJurisdictions("eu-cv-screening-deployer.yaml", "[eu]")
        let r = try runGovcheck(["check"] + asOf + [path])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stderr.contains("error: no loaded pack covers jurisdiction 'eu' [descriptor.unknown-jurisdiction]"))
        #expect(r.stderr.contains("did you mean 'EU'?"))
        #expect(r.stdout.contains("Summary: 0 descriptors checked, 1 input error"))
        let json = try runGovcheck(["check"] + asOf + [path, "--format", "json"])
        #expect(json.status == 2)
        let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect((obj["summary"] as! [String: Any])["inputErrors"] as? Int == 1)
        #expect((obj["results"] as! [Any]).isEmpty)
        let xx = try runGovcheck(["check"] + asOf + [try sampleWithJurisdictions("eu-cv-screening-deployer.yaml", "[EU, XX]")])
        #expect(xx.status == 2, "a descriptor asking for a jurisdiction nothing checks is not silently half-checked")
        #expect(xx.stderr.contains("jurisdiction 'XX'"))
    }

    @Test("a member-state code is evaluated by the EU packs, and the report says so")
    func memberState() throws {
        let path = try sampleWithJurisdictions("eu-cv-screening-deployer.yaml", "[DE]")
        let r = try runGovcheck(["check"] + asOf + [path])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stderr.contains("note: 'DE' is an EU member state: the EU packs evaluate this descriptor"))
        #expect(r.stdout.contains("eu-ai-act (EU"))
        #expect(!r.stdout.contains("cn-genai-measures"))
    }

    @Test("--pack selecting none of a descriptor's jurisdictions is an error, not an empty pass")
    func packSelectsNothing() throws {
        let r = try runGovcheck(["check"] + asOf + ["--pack", "eu-ai-act", "Samples/cn-face-swap-app.yaml"])
        #expect(r.status == 2, "\(r.stdout)")
        #expect(r.stderr.contains("no selected pack evaluates this descriptor (its jurisdictions: CN; packs selected: eu-ai-act)"))
        #expect(r.stdout.contains("Summary: 0 descriptors checked, 1 input error"))
    }

    @Test("--fail-on with no term is a usage error, not 'none'")
    func emptyFailOn() throws {
        let r = try runGovcheck(["check"] + asOf + ["--fail-on", "", "Samples/eu-cv-screening-deployer.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--fail-on needs at least one term"))
        let spaces = try runGovcheck(["check"] + asOf + ["--fail-on", " , ", "Samples/eu-cv-screening-deployer.yaml"])
        #expect(spaces.status == 2)
    }

    @Test("SARIF errors and JUnit failures exist exactly for findings at or above --fail-on")
    func formatsAgree() throws {
        // A public authority's CV screener: high-risk from 2027-12-02, its deployer duties due by
        // 2030-08-02 (Art. 111(2)); today it is minimal-risk.
        let cv = "Samples/eu-public-authority-cv-screening.yaml"
        // Passing run: upcoming high-risk duties are reported, but nothing gates.
        let text = try runGovcheck(["check"] + asOf + [cv])
        #expect(text.status == 0)
        let sarif = try runGovcheck(["check"] + asOf + [cv, "--format", "sarif"])
        #expect(sarif.status == 0)
        let results = try sarifResults(sarif.stdout)
        #expect(!results.contains { $0["level"] as? String == "error" })
        #expect(results.contains { ($0["properties"] as? [String: String])?["status"] == "upcoming" && $0["level"] as? String == "note" })
        let junit = try runGovcheck(["check"] + asOf + [cv, "--format", "junit"])
        #expect(junit.status == 0)
        #expect(!junit.stdout.contains("<failure"))
        #expect(junit.stdout.contains("<skipped message=\"applies from 2030-08-02 with tier high-risk\"/>"))

        // Gating on upcoming duties: the same findings now fail in every format.
        let within = ["--fail-on", "upcoming-within:4y"]
        #expect(try runGovcheck(["check"] + asOf + [cv] + within).status == 1)
        let sarif2 = try sarifResults(try runGovcheck(["check"] + asOf + [cv, "--format", "sarif"] + within).stdout)
        #expect(sarif2.contains { ($0["properties"] as? [String: String])?["status"] == "upcoming" && $0["level"] as? String == "error" })
        let junit2 = try runGovcheck(["check"] + asOf + [cv, "--format", "junit"] + within)
        #expect(junit2.status == 1)
        #expect(junit2.stdout.contains("<failure message=\"upcoming from 2030-08-02: Use the system according to its instructions"))
        // A period that ends before the duties start does not gate.
        #expect(try runGovcheck(["check"] + asOf + [cv, "--fail-on", "upcoming-within:2y"]).status == 0)

        // Gating on a later tier.
        let later = ["--fail-on", "upcoming:high-risk"]
        let junit3 = try runGovcheck(["check"] + asOf + [cv, "--format", "junit"] + later)
        #expect(junit3.status == 1)
        #expect(junit3.stdout.contains("<testcase classname=\"public-authority-cv-screening.eu-ai-act\" name=\"tier\"><failure message=\"from 2027-12-02: tier high-risk — High-risk AI system, because annex-iii-4a-recruitment-selection"))
        let sarif3 = try sarifResults(try runGovcheck(["check"] + asOf + [cv, "--format", "sarif"] + later).stdout)
        #expect(sarif3.contains { $0["ruleId"] as? String == "eu-ai-act/tier/high-risk" && $0["level"] as? String == "error" })
    }

    @Test("a prohibited system fails in every format by default, and passes in every format with --fail-on none")
    func prohibitedEverywhere() throws {
        let sample = "Samples/eu-emotion-recognition-workplace.yaml"
        for format in ["text", "json", "sarif", "junit"] {
            #expect(try runGovcheck(["check"] + asOf + [sample, "--format", format]).status == 1, "format \(format)")
        }
        #expect(try sarifResults(try runGovcheck(["check"] + asOf + [sample, "--format", "sarif"]).stdout).contains { $0["level"] as? String == "error" })
        #expect(try runGovcheck(["check"] + asOf + [sample, "--format", "junit"]).stdout.contains("<failure"))
        let none = ["--fail-on", "none"]
        let sarif = try runGovcheck(["check"] + asOf + [sample, "--format", "sarif"] + none)
        #expect(sarif.status == 0)
        #expect(try !sarifResults(sarif.stdout).contains { $0["level"] as? String == "error" })
        let junit = try runGovcheck(["check"] + asOf + [sample, "--format", "junit"] + none)
        #expect(junit.status == 0)
        #expect(!junit.stdout.contains("<failure"))
        #expect(junit.stdout.contains("<skipped message=\"missing (severity critical, below the --fail-on threshold)"))
    }

    @Test("explain --rule on a rule not in force says so and when, and shows it as of that date")
    func explainNotInForce() throws {
        let r = try runGovcheck(["explain", "--as-of", "2026-11-01", "Samples/eu-cv-screening-deployer.yaml",
                                 "--rule", "art26-1-use-per-instructions"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("note: 'art26-1-use-per-instructions' is not in force on 2026-11-01 (text eu-aia-2026-omnibus): it applies from 2027-12-02; shown as evaluated on 2027-12-02"))
        #expect(r.stdout.contains("eu-ai-act, as of 2027-12-02"))
        let old = try runGovcheck(["explain", "--as-of", "2026-01-10", "Samples/eu-cv-screening-deployer.yaml",
                                   "--rule", "art5-1ba-non-consensual-intimate-imagery"])
        #expect(old.stdout.contains("is not in the text in force on 2026-01-10 (text eu-aia-2024): it comes with 'eu-aia-2026-omnibus' (from 2026-07-27) and applies from 2026-12-02"))
    }
}
