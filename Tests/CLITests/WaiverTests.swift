import Foundation
import Testing
import TestSupport

@Suite("Waivers: accepted risk, documented, in every format, never for a prohibited practice")
struct WaiverTests {
    let asOf = ["--as-of", "2026-11-22"]
    static let chatbot = "Samples/eu-customer-service-chatbot.yaml"

    /// A waivers file with one entry per item (each item is the YAML of one entry's fields).
    static func file(_ entries: [String]) -> String {
        "govcheck: 1\nkind: Waivers\nwaivers:\n" + entries.map { entry in
            entry.split(separator: "\n").enumerated().map { i, l in (i == 0 ? "  - " : "    ") + l }.joined(separator: "\n") + "\n"
        }.joined()
    }

    static func entry(id: String = "WVR-1", scope: String = "pack: eu-ai-act\nobligation: art50-1-disclose-ai-interaction",
                      descriptors: String = "[customer-service-chatbot]", expires: String = "2027-02-28") -> String {
        "id: \(id)\n\(scope)\ndescriptors: \(descriptors)\njustification: Banner ships with widget 4.2.\napprovedBy: Dana Novak, Head of Legal\nticket: GRC-1182\nexpires: \(expires)"
    }

    func waivers(_ dir: URL, _ entries: [String]) throws -> String {
        try writeFile(dir, "waivers.yaml", Self.file(entries))
    }

    @Test("a waived finding is reported as waived, with justification and approver, in every format, and does not fail the gate")
    func waivedEverywhere() throws {
        let dir = try temporaryFolder("waived")
        defer { removeTemporaryFolder(dir) }
        let w = try waivers(dir, [Self.entry()])
        #expect(try runGovcheck(["check"] + asOf + [Self.chatbot]).status == 1, "without the waiver the missing high duty fails")
        func path(_ n: String) -> String { dir.appendingPathComponent(n).path }
        let r = try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", w, "--format", "text", "--format", "json=\(path("r.json"))",
                                                    "--format", "sarif=\(path("r.sarif"))", "--format", "junit=\(path("r.xml"))",
                                                    "--format", "github=\(path("gh.txt"))", "--format", "gitlab=\(path("cq.json"))"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("      waived         high     art50-1-disclose-ai-interaction\n"), "\(r.stdout)")
        #expect(r.flowedStdout.contains("waived by WVR-1 until 2027-02-28, approved by Dana Novak, Head of Legal (ticket GRC-1182): Banner ships with widget 4.2."))
        #expect(r.stdout.contains("waivers (\(w)): 1 finding waived"))
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        // JSON: the status and the waiver's fields.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("r.json")))) as? [String: Any])
        let evaluation = try #require(((json["results"] as? [[String: Any]])?.first?["evaluations"] as? [[String: Any]])?.first { $0["pack"] as? String == "eu-ai-act" })
        let o = try #require((evaluation["obligations"] as? [[String: Any]])?.first { $0["id"] as? String == "art50-1-disclose-ai-interaction" })
        #expect(o["status"] as? String == "waived")
        #expect(o["fails"] == nil)
        let wv = try #require(o["waiver"] as? [String: Any])
        #expect(wv["id"] as? String == "WVR-1" && wv["approvedBy"] as? String == "Dana Novak, Head of Legal" && wv["ticket"] as? String == "GRC-1182")
        #expect(wv["expires"] as? String == "2027-02-28" && wv["justification"] as? String == "Banner ships with widget 4.2." && wv["line"] as? Int == 4)
        let entries = ((json["waivers"] as? [String: Any])?["entries"] as? [[String: Any]]) ?? []
        #expect(entries.count == 1 && entries[0]["applied"] as? Int == 1)
        #expect(((json["summary"] as? [String: Any])?["obligations"] as? [String: Int])?["waived"] == 1)
        // SARIF: an external suppression with the justification and who approved it.
        #expect(try validateReports("sarif", [path("r.sarif")]).status == 0)
        let sarif = try SARIFRun(try String(contentsOfFile: path("r.sarif"), encoding: .utf8))
        let res = try #require(sarif.results.first { $0["ruleId"] as? String == "eu-ai-act/art50-1-disclose-ai-interaction" })
        let suppression = try #require((res["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external" && suppression["status"] as? String == "accepted")
        #expect(suppression["justification"] as? String == "Banner ships with widget 4.2.")
        #expect((suppression["properties"] as? [String: String])?["approvedBy"] == "Dana Novak, Head of Legal")
        #expect(res["level"] as? String == "note")
        // JUnit: skipped with the reason.
        #expect(try validateReports("junit", [path("r.xml")]).status == 0)
        let junit = try String(contentsOfFile: path("r.xml"), encoding: .utf8)
        #expect(junit.contains("name=\"art50-1-disclose-ai-interaction\"><skipped message=\"waived by WVR-1 until 2027-02-28, approved by Dana Novak, Head of Legal (ticket GRC-1182): Banner ships with widget 4.2.\"/>"))
        #expect(!junit.contains("<failure"))
        // GitHub: a notice; GitLab: info.
        let gh = try String(contentsOfFile: path("gh.txt"), encoding: .utf8)
        #expect(gh.contains("::notice file=Samples/eu-customer-service-chatbot.yaml,") && gh.contains("waived — Tell people they are interacting"))
        #expect(!gh.contains("::error"))
        let cq = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("cq.json")))) as? [[String: Any]])
        #expect(cq.first { $0["check_name"] as? String == "eu-ai-act/art50-1-disclose-ai-interaction" }?["severity"] as? String == "info")
    }

    @Test("an expired waiver fails the gate and says so; the finding keeps its real status")
    func expired() throws {
        let dir = try temporaryFolder("expired")
        defer { removeTemporaryFolder(dir) }
        let w = try waivers(dir, [Self.entry(expires: "2026-10-31")])
        // missing:critical alone would not fail a missing high-severity duty; the expired waiver does.
        let gate = ["--fail-on", "missing:critical"]
        #expect(try runGovcheck(["check"] + asOf + [Self.chatbot] + gate).status == 0)
        let r = try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", w] + gate)
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("      missing        high     art50-1-disclose-ai-interaction"))
        #expect(r.flowedStdout.contains("waiver WVR-1 expired on 2026-10-31: the finding is reported as it stands and fails the gate"))
        #expect(r.stderr.contains("waivers.yaml:11:14: warning: waiver 'WVR-1' expired on 2026-10-31; the findings it names are reported as they stand and fail the gate [waivers.expired]"), "\(r.stderr)")
        let json = try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", w, "--format", "json"] + gate)
        #expect(json.stdout.contains("\"status\": \"missing\""))
        #expect(json.stdout.contains("\"expired\": true"))
        #expect(try gatingFindings(json.stdout) == ["customer-service-chatbot eu-ai-act art50-1-disclose-ai-interaction"])
        let junit = try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", w, "--format", "junit"] + gate)
        #expect(junit.stdout.contains("<failure message=\"missing: Tell people they are interacting with an AI system (Art. 50(1) Regulation (EU) 2024/1689 (CELEX 32024R1689)); waiver WVR-1 expired on 2026-10-31, so the finding stands\">"))
        let sarif = try SARIFRun(try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", w, "--format", "sarif"] + gate).stdout)
        let res = try #require(sarif.results.first { $0["ruleId"] as? String == "eu-ai-act/art50-1-disclose-ai-interaction" })
        #expect(res["level"] as? String == "error" && res["suppressions"] == nil)
        // --fail-on none still never fails.
        #expect(try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", w, "--fail-on", "none"]).status == 0)
    }

    @Test("--fail-on waiver-expires-within:<period> fails when a waiver in use expires within it")
    func expiresWithin() throws {
        let dir = try temporaryFolder("within")
        defer { removeTemporaryFolder(dir) }
        let w = try waivers(dir, [Self.entry(expires: "2026-12-12")])
        let base = ["check"] + asOf + [Self.chatbot, "--waivers", w, "--fail-on"]
        #expect(try runGovcheck(base + ["tier:critical,missing:high"]).status == 0)
        let soon = try runGovcheck(base + ["tier:critical,missing:high,waiver-expires-within:30d"])
        #expect(soon.status == 1)
        #expect(try runGovcheck(base + ["waiver-expires-within:20d"]).status == 1)
        #expect(try runGovcheck(base + ["waiver-expires-within:19d"]).status == 0, "2026-11-22 + 19 days is 2026-12-11, before the expiry")
        let junit = try runGovcheck(base + ["waiver-expires-within:4w", "--format", "junit"])
        #expect(junit.stdout.contains("<failure message=\"waiver WVR-1 expires on 2026-12-12, within the --fail-on period"))
        let bad = try runGovcheck(base + ["waiver-expires-within:soon"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("'soon' is not a period in 'waiver-expires-within:soon'"))
    }

    @Test("a waiver that matches nothing is a warning; one that expires more than a year ahead is a warning")
    func warnings() throws {
        let dir = try temporaryFolder("unused")
        defer { removeTemporaryFolder(dir) }
        let w = try waivers(dir, [Self.entry(), Self.entry(id: "WVR-2", descriptors: "[\"teams/**/old-*.yaml\"]", expires: "2028-01-01")])
        let r = try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", w, "--format", "sarif"])
        #expect(r.status == 0)
        #expect(r.stderr.contains("waivers.yaml:12:5: warning: waiver 'WVR-2' (eu-ai-act/art50-1-disclose-ai-interaction) matches no finding in this run [waivers.unused]"), "\(r.stderr)")
        #expect(r.stderr.contains("waivers.yaml:19:14: warning: waiver 'WVR-2' expires on 2028-01-01, more than a year after 2026-11-22 [waivers.long-expiry]"))
        let sarif = try SARIFRun(r.stdout)
        let unused = try #require(sarif.results.first { $0["ruleId"] as? String == "waivers.unused" })
        #expect(unused["level"] as? String == "warning")
        #expect(SARIFRun.place(of: unused).line == 12)
        #expect(try validateReports("sarif", [try writeFile(dir, "w.sarif", r.stdout)]).status == 0)
    }

    @Test("descriptors by name or by path glob: '*' within a folder, '**' across folders")
    func globs() throws {
        let dir = try temporaryFolder("globs")
        defer { removeTemporaryFolder(dir) }
        let sample = try String(contentsOfFile: TestPaths.root.appendingPathComponent(Self.chatbot).path, encoding: .utf8)
        try writeFile(dir, "teams/shop/chat.yaml", sample.replacingOccurrences(of: "customer-service-chatbot", with: "shop-chat"))
        try writeFile(dir, "teams/shop/eu/chat.yaml", sample.replacingOccurrences(of: "customer-service-chatbot", with: "shop-eu-chat"))
        try writeFile(dir, "teams/hr/chat.yaml", sample.replacingOccurrences(of: "customer-service-chatbot", with: "hr-chat"))
        let scope = "pack: eu-ai-act\nobligation: art50-1-disclose-ai-interaction"
        func waived(_ descriptors: String) throws -> [String] {
            let w = try writeFile(dir, "w.yaml", Self.file([Self.entry(scope: scope, descriptors: descriptors)]))
            let r = try runGovcheck(["check"] + asOf + ["./teams", "--waivers", w, "--format", "json", "--fail-on", "none"], in: dir)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return (report["results"] as? [[String: Any]] ?? []).filter { res in
                (res["evaluations"] as? [[String: Any]] ?? []).contains { e in
                    (e["obligations"] as? [[String: Any]] ?? []).contains { $0["status"] as? String == "waived" }
                }
            }.map { $0["name"] as! String }.sorted()
        }
        #expect(try waived("[\"teams/*/chat.yaml\"]") == ["hr-chat", "shop-chat"])
        #expect(try waived("[\"teams/shop/**\"]") == ["shop-chat", "shop-eu-chat"])
        #expect(try waived("[\"**/eu/*.yaml\"]") == ["shop-eu-chat"])
        #expect(try waived("[\"./teams/**/chat.yaml\"]") == ["hr-chat", "shop-chat", "shop-eu-chat"])
        #expect(try waived("[hr-chat]") == ["hr-chat"])
        #expect(try waived("[\"**\"]") == ["hr-chat", "shop-chat", "shop-eu-chat"])
        #expect(try waived("[\"teams/sh?p/chat.yaml\"]") == ["shop-chat"])
    }

    @Test("waivers file errors are located, stop the run before anything is checked, and say what to do")
    func loadErrors() throws {
        let dir = try temporaryFolder("waiver-errors")
        defer { removeTemporaryFolder(dir) }
        func run(_ text: String) throws -> CLIResult {
            try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", try writeFile(dir, "w.yaml", text)])
        }
        func expectError(_ entries: [String], _ quoted: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let r = try run(Self.file(entries))
            #expect(r.status == 2, sourceLocation: sourceLocation)
            #expect(r.stdout.isEmpty, "nothing is checked: \(r.stdout)", sourceLocation: sourceLocation)
            #expect(r.stderr.contains(quoted), "\(r.stderr)", sourceLocation: sourceLocation)
            #expect(r.stderr.contains("error: the waivers file"), sourceLocation: sourceLocation)
        }
        try expectError([Self.entry(scope: "obligation: prohibited")],
                        "w.yaml:5:17: error: 'prohibited' is a tier; a waiver covers obligations, never a tier [waivers.tier]")
        try expectError([Self.entry(scope: "obligation: art5-stop-prohibited-practice")],
                        "w.yaml:5:17: error: obligation 'art5-stop-prohibited-practice' applies only under tier prohibited, a prohibited-grade (critical) tier; it cannot be waived [waivers.prohibited]")
        try expectError([Self.entry(scope: "pack: eu-ai-act\nobligation: art50-1-disclose-ai-interactoin")],
                        "help: did you mean 'art50-1-disclose-ai-interaction'?")
        try expectError([Self.entry(scope: "pack: eu-ai-akt")], "w.yaml:5:11: error: no loaded pack 'eu-ai-akt' [waivers.unknown-pack]")
        try expectError([Self.entry(scope: "pack: eu-ai-act-gpai\nobligation: art50-1-disclose-ai-interaction")],
                        "error: pack 'eu-ai-act-gpai' has no obligation 'art50-1-disclose-ai-interaction' [waivers.unknown-obligation]")
        try expectError([Self.entry(scope: "justification2: x")], "error: a waiver must name an 'obligation', a 'pack', or both [waivers.no-scope]")
        try expectError([Self.entry(scope: "justification2: x")], "w.yaml:5:5: error: unknown key 'justification2' in a waiver")
        try expectError([Self.entry(expires: "2027-02-30")], "w.yaml:11:14: error: 'expires': '2027-02-30' is not a valid date: February 2027 has 28 days")
        try expectError([Self.entry().replacingOccurrences(of: "\nexpires: 2027-02-28", with: "")], "error: a waiver is missing 'expires'")
        try expectError([Self.entry(descriptors: "[]")], "error: a waiver must name the descriptors it covers [waivers.no-descriptors]")
        try expectError([Self.entry(), Self.entry()], "w.yaml:12:9: error: waiver id 'WVR-1' is used twice [waivers.duplicate-id]")
        let kind = try run("govcheck: 1\nkind: Waiver\nwaivers: []\n")
        #expect(kind.status == 2)
        #expect(kind.stderr.contains("w.yaml:2:7: error: expected 'kind: Waivers', found 'Waiver' [waivers.kind]"))
        let dup = try run("govcheck: 1\nkind: Waivers\nkind: Waivers\nwaivers: []\n")
        #expect(dup.stderr.contains("w.yaml:3:1: error: duplicate key 'kind'"), "\(dup.stderr)")
        let missing = try runGovcheck(["check"] + asOf + [Self.chatbot, "--waivers", dir.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml"))
    }

    @Test("two unrelated packs with the same obligation id need 'pack'")
    func ambiguous() throws {
        let dir = try temporaryFolder("ambiguous")
        defer { removeTemporaryFolder(dir) }
        // A second pack with the mini pack's duties, reading the same vocabulary file.
        let mini = try String(contentsOfFile: TestPaths.fixture("mini/pack.yaml"), encoding: .utf8)
        let packDir = dir.appendingPathComponent("mini2")
        let up = String(repeating: "../", count: packDir.standardizedFileURL.pathComponents.count - 1)
        let vocabulary = up + String(TestPaths.fixture("mini/vocabulary.yaml").dropFirst())
        try writeFile(packDir, "pack.yaml", mini.replacingOccurrences(of: "id: mini\n", with: "id: mini2\n")
            .replacingOccurrences(of: "vocabulary: [vocabulary.yaml]", with: "vocabulary: [\"\(vocabulary)\"]"))
        let w = try writeFile(dir, "w.yaml", Self.file([Self.entry(scope: "obligation: literacy", descriptors: "[\"**\"]")]))
        let args = ["check", "--no-shipped-rules", "--rules", "Tests/Fixtures/mini", "--rules", packDir.path] + asOf
            + [TestPaths.fixture("descriptors/chat-us.yaml"), "--waivers", w]
        let r = try runGovcheck(args)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("w.yaml:5:17: error: obligation 'literacy' is in several packs: mini, mini2 [waivers.ambiguous-obligation]"), "\(r.stderr)")
        try writeFile(dir, "w.yaml", Self.file([Self.entry(scope: "pack: mini2\nobligation: literacy", descriptors: "[\"**\"]")]))
        let named = try runGovcheck(args)
        #expect(named.status == 1, "\(named.stderr)")
        #expect(named.stderr.contains("warning: waiver 'WVR-1' (mini2/literacy) matches no finding in this run"), "\(named.stderr)")
    }

    @Test("a waiver never covers a finding of a prohibited-grade tier: it is refused with an error at the waiver")
    func prohibitedRefused() throws {
        let dir = try temporaryFolder("refused")
        defer { removeTemporaryFolder(dir) }
        let w = try waivers(dir, [Self.entry(scope: "pack: eu-ai-act", descriptors: "[\"**\"]")])
        let prohibited = "Samples/eu-emotion-recognition-workplace.yaml"
        let r = try runGovcheck(["check"] + asOf + [prohibited, Self.chatbot, "--waivers", w, "--format", "text", "--format", "json=\(dir.appendingPathComponent("r.json").path)"])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("waivers.yaml:4:5: error: waiver 'WVR-1' would cover a finding of a prohibited-grade (critical) tier: art5-stop-prohibited-practice of 'call-centre-emotion-monitor' (\(prohibited)), tier prohibited; it was not applied [waivers.prohibited]"), "\(r.stderr)")
        // The prohibited system's duty stays missing; the chatbot's duty is waived.
        #expect(r.stdout.contains("      missing        critical art5-stop-prohibited-practice"))
        #expect(r.stdout.contains("      waived         high     art50-1-disclose-ai-interaction"))
        let json = try String(contentsOfFile: dir.appendingPathComponent("r.json").path, encoding: .utf8)
        #expect(json.contains("\"code\": \"waivers.prohibited\""))
        #expect(json.contains("\"exitCode\": 2"))
    }

    @Test("the example of docs/waivers.md loads and covers the samples it names, without a warning")
    func documentedExample() throws {
        let doc = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/waivers.md"), encoding: .utf8)
        let after = try #require(doc.components(separatedBy: "<!-- waivers-example -->\n```yaml\n").dropFirst().first)
        let yaml = try #require(after.components(separatedBy: "\n```").first) + "\n"
        let dir = try temporaryFolder("waivers-doc")
        defer { removeTemporaryFolder(dir) }
        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("Samples"), to: dir.appendingPathComponent("deployments"))
        let w = try writeFile(dir, ".govcheck/waivers.yaml", yaml)
        let r = try runGovcheck(["check"] + asOf + ["deployments", "--waivers", w, "--format", "json"], in: dir)
        #expect(r.status == 1, "other samples still fail")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let entries = ((report["waivers"] as? [String: Any])?["entries"] as? [[String: Any]]) ?? []
        #expect(entries.count == 2)
        for e in entries { #expect((e["applied"] as? Int ?? 0) > 0, "\(e["id"] ?? "") applied to nothing") }
    }
}
