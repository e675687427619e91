import Foundation
import Testing
import TestSupport

let officer = "Tests/Fixtures/officer"
let golden = TestPaths.fixtures.appendingPathComponent("golden")

/// Compares output with a golden file under Tests/Fixtures/golden. With RECORD_SNAPSHOTS=1 the file
/// is written instead, and the test fails so a recording never passes as a check.
func expectGolden(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        Issue.record("recorded \(name); run again without RECORD_SNAPSHOTS to check it", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no golden file \(url.path); record it with RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false), e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let i = Array(zip(a, e)).firstIndex { $0 != $1 } ?? min(a.count, e.count)
    Issue.record("\(name) differs at line \(i + 1):\n  expected: \(i < e.count ? String(e[i]) : "<end>")\n  actual:   \(i < a.count ? String(a[i]) : "<end>")\n(re-record with RECORD_SNAPSHOTS=1 if the change is intended)",
                 sourceLocation: sourceLocation)
}

let fleet = ["\(officer)/recruiter.yaml", "\(officer)/banned-later.yaml", "\(descriptors)/chat-eu.yaml"]

@Suite("Officer reports, timelines and diffs, run as a user runs them")
struct OfficerCommandTests {
    @Test("timeline: text, JSON and Markdown match their golden files")
    func timelineGoldens() throws {
        for (format, ext) in [("text", "txt"), ("json", "json"), ("markdown", "md")] {
            let r = try runGovcheck(["timeline"] + miniArgs + ["\(officer)/recruiter.yaml", "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            try expectGolden("timeline.\(ext)", r.stdout)
        }
        let json = try runGovcheck(["timeline"] + miniArgs + ["\(officer)/banned-later.yaml", "--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let dates = obj["dates"] as! [[String: Any]]
        #expect(dates.contains { $0["date"] as? String == "2026-11-22" && $0["phase"] as? String == "today" })
        let later = dates.first { $0["date"] as? String == "2026-12-02" }
        #expect(later?["phase"] as? String == "upcoming")
        let change = (later?["changes"] as? [[String: Any]])?.first
        #expect((change?["tier"] as? [String: Any])?["tier"] as? String == "prohibited")
    }

    @Test("timeline refuses a bad document number, an unknown text and a broken file, with exit 2")
    func timelineErrors() throws {
        let r = try runGovcheck(["timeline"] + miniArgs + ["\(descriptors)/two-docs.yaml", "--document", "3"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--document 3 is out of range"))
        let second = try runGovcheck(["timeline"] + miniArgs + ["\(descriptors)/two-docs.yaml", "--document", "2"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("second"))
        let text = try runGovcheck(["timeline"] + miniArgs + ["\(officer)/recruiter.yaml", "--law-version", "amendd"])
        #expect(text.status == 2)
        #expect(text.stderr.contains("did you mean 'amended'"))
        let broken = try runGovcheck(["timeline"] + miniArgs + ["\(descriptors)/broken.yaml"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("broken.yaml:4:5"))
    }

    @Test("diff between two dates, in text, JSON and Markdown, exits 1 on changes")
    func diffDates() throws {
        for (format, ext) in [("text", "txt"), ("json", "json"), ("markdown", "md")] {
            let r = try runGovcheck(["diff"] + miniArgs + fleet + ["--from", "2026-11-22", "--to", "2027-12-02", "--format", format])
            #expect(r.status == 1, "\(r.stderr)")
            try expectGolden("diff.\(ext)", r.stdout)
        }
        let same = try runGovcheck(["diff"] + miniArgs + fleet + ["--from", "2026-11-22", "--to", "2026-11-23"])
        #expect(same.status == 0, "\(same.stdout)")
        #expect(same.stdout.contains("3 systems compared, 0 changed, 3 unchanged"))
    }

    @Test("diff between two texts of the law and between two rules folders")
    func diffTextsAndFolders() throws {
        let texts = try runGovcheck(["diff"] + miniArgs + ["\(officer)/recruiter.yaml", "--from", "original", "--to", "amended"])
        #expect(texts.status == 1)
        #expect(texts.stdout.contains("~ changed  high-risk-duty  status missing → upcoming; appliesFrom 2026-08-02 → 2027-12-02"), "\(texts.stdout)")
        // A folder side: a copy of the mini pack that moves the chat notice to 2027.
        let dir = try temporaryFolder("diff-rules")
        defer { removeTemporaryFolder(dir) }
        let copy = dir.appendingPathComponent("mini")
        try FileManager.default.copyItem(at: TestPaths.fixtures.appendingPathComponent("mini"), to: copy)
        let pack = copy.appendingPathComponent("pack.yaml")
        var text = try String(contentsOf: pack, encoding: .utf8)
        text = text.replacingOccurrences(of: "version: 1.0.0", with: "version: 1.1.0")
            .replacingOccurrences(of: "    satisfiedWhen: {fact: mini.evidence.notice, equals: true}\n    appliesFrom: 2026-08-02\n    severity: high\n    remediation: {en: \"Add a notice.\"}",
                                  with: "    satisfiedWhen: {fact: mini.evidence.notice, equals: true}\n    appliesFrom: 2027-01-01\n    severity: high\n    remediation: {en: \"Add a notice.\"}")
        try Data(text.utf8).write(to: pack)
        let folders = try runGovcheck(["diff"] + miniArgs + ["\(descriptors)/chat-eu.yaml", "--from", "Tests/Fixtures/mini", "--to", copy.path])
        #expect(folders.status == 1, "\(folders.stderr)")
        #expect(folders.stdout.contains("mini 1.0.0") && folders.stdout.contains("mini 1.1.0"))
        #expect(folders.stdout.contains("~ changed  deployer-notice  status met → upcoming; appliesFrom 2026-08-02 → 2027-01-01"), "\(folders.stdout)")
    }

    @Test("diff refuses a side that is not a date, a folder or a text, and reports input errors with exit 2")
    func diffErrors() throws {
        let bad = try runGovcheck(["diff"] + miniArgs + fleet + ["--from", "2026-02-30", "--to", "amended"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("February 2026 has 28 days"))
        let unknown = try runGovcheck(["diff"] + miniArgs + fleet + ["--from", "amendd", "--to", "original"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean 'amended'"))
        let errors = try runGovcheck(["diff"] + miniArgs + [descriptors, "--from", "2026-11-22", "--to", "2026-11-23"])
        #expect(errors.status == 2)
        #expect(errors.stdout.contains("broken.yaml:4:5") && errors.stdout.contains("(both sides)"))
    }

    @Test("check --format markdown is the pull-request comment: failing findings exactly as --fail-on says")
    func pullRequestComment() throws {
        let r = try runGovcheck(["check"] + miniArgs + fleet + ["--format", "markdown"])
        #expect(r.status == 1)
        try expectGolden("check-pr.md", r.stdout)
        // Failing findings under the default policy: the needs-review tier, the missing high duty.
        let failing = r.stdout.components(separatedBy: "### Failing findings")[1].components(separatedBy: "<details>")[0]
        #expect(failing.contains("**needs review**"))
        #expect(failing.contains("**missing** (high) Tell people") == false, "chat-eu's notice is met")
        #expect(!failing.contains("AI literacy"), "a missing medium duty does not fail the default policy")
        let none = try runGovcheck(["check"] + miniArgs + fleet + ["--format", "markdown", "--fail-on", "none"])
        #expect(none.status == 0)
        #expect(none.stdout.contains("No finding fails the --fail-on threshold."))
        // --output x.md infers the format.
        let dir = try temporaryFolder("pr")
        defer { removeTemporaryFolder(dir) }
        let file = dir.appendingPathComponent("comment.md").path
        let viaFile = try runGovcheck(["check"] + miniArgs + fleet + ["--output", file])
        #expect(viaFile.status == 1)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == r.stdout)
    }

    @Test("report: the HTML and Markdown match their golden files, in English and Chinese")
    func reportGoldens() throws {
        let dir = try temporaryFolder("report")
        defer { removeTemporaryFolder(dir) }
        let html = dir.appendingPathComponent("r.html").path, md = dir.appendingPathComponent("r.md").path
        let r = try runGovcheck(["report"] + miniArgs + fleet + ["--html", html, "--markdown", md, "--organisation", "Example GmbH <Legal & Risk>"])
        #expect(r.status == 0, "\(r.stderr)")
        try expectGolden("report.html", try String(contentsOfFile: html, encoding: .utf8))
        try expectGolden("report.md", try String(contentsOfFile: md, encoding: .utf8))
        let zh = try runGovcheck(["report"] + miniArgs + fleet + ["--lang", "zh"])
        #expect(zh.status == 0)
        try expectGolden("report-zh.md", zh.stdout)
    }

    @Test("report: self-contained, escaped, and honest about sign-off and advice")
    func reportContent() throws {
        let dir = try temporaryFolder("report-content")
        defer { removeTemporaryFolder(dir) }
        let html = dir.appendingPathComponent("r.html").path
        let r = try runGovcheck(["report"] + miniArgs + fleet + [descriptors + "/broken.yaml", "--html", html])
        #expect(r.status == 2, "an input error is exit 2, and the report is still written")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(!page.contains("<script"), "a descriptor's name must not become a script")
        #expect(page.contains("Recruiter &lt;script&gt;alert(1)&lt;/script&gt; &amp; *co* | @team"), "the name shows as text")
        #expect(!page.contains("src=\"http") && !page.contains("<link") && !page.contains("@import") && !page.contains("url("),
                "no asset from the network")
        #expect(page.contains("This report is not legal advice."))
        // The mini pack is signed off as a pack.
        #expect(page.contains("Every rule applied in this report has been signed off by a reviewer."))
        #expect(page.contains("broken.yaml:4:5"), "inputs not evaluated are listed")
        #expect(page.contains("@media print") && page.contains("break-before: page"))
        // Shipped packs: nobody has signed them off, and the report says so.
        let shipped = try runGovcheck(["report", "--as-of", "2026-12-01", "Samples/eu-cv-screening-deployer.yaml", "--pack", "eu-ai-act"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(shipped.stdout.contains("none of its"), "the Markdown names the packs without a reviewer")
        #expect(shipped.stdout.contains("[Art. 4 Regulation (EU) 2024/1689 (CELEX 32024R1689)](https://eur-lex.europa.eu/eli/reg/2024/1689/oj)"))
        #expect(shipped.stdout.contains("AI literacy"), "evidence and duties by their plain names")
        // A misspelt field is not silently ignored: the report names it where the system is.
        let typo = dir.appendingPathComponent("typo.yaml")
        try Data("apiVersion: govcheck/v1\nkind: Deployment\nmetadata: {name: typo}\nmini: {roles: [deployer], markets: [DE], ai_system: true, purpos: chat}\n".utf8).write(to: typo)
        let noted = try runGovcheck(["report"] + miniArgs + [typo.path])
        #expect(noted.stdout.contains("Notes on the descriptor"))
        #expect(noted.stdout.contains("did you mean 'mini.purpose'?"))
    }
}
