import Foundation
import GovCheckEngine
import Testing
import TestSupport

/// A SARIF log's first run, parsed.
struct SARIFRun: CustomStringConvertible {
    var description: String { "SARIF run with \(results.count) results and \(rules.count) rules" }
    let run: [String: Any]
    init(_ text: String) throws {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        run = try #require((obj["runs"] as? [[String: Any]])?.first)
    }
    var results: [[String: Any]] { run["results"] as? [[String: Any]] ?? [] }
    var rules: [[String: Any]] { ((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]] ?? [] }
    func rule(_ id: String) -> [String: Any]? { rules.first { $0["id"] as? String == id } }
    var invocation: [String: Any]? { (run["invocations"] as? [[String: Any]])?.first }

    static func place(_ location: [String: Any]) -> (uri: String, base: String?, line: Int, column: Int) {
        let physical = location["physicalLocation"] as? [String: Any] ?? [:]
        let artifact = physical["artifactLocation"] as? [String: Any] ?? [:]
        let region = physical["region"] as? [String: Any] ?? [:]
        return (artifact["uri"] as? String ?? "", artifact["uriBaseId"] as? String, region["startLine"] as? Int ?? 0,
                region["startColumn"] as? Int ?? 0)
    }

    static func place(of result: [String: Any]) -> (uri: String, base: String?, line: Int, column: Int) {
        place((result["locations"] as? [[String: Any]])?.first ?? [:])
    }
}

/// Writes `text` to a file in `dir` and returns its path.
@discardableResult
func writeFile(_ dir: URL, _ name: String, _ text: String) throws -> String {
    let url = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
}

@Suite("SARIF that code scanning shows well")
struct SARIFTests {
    let asOf = ["--as-of", "2026-11-22"]

    @Test("the samples' SARIF is valid against the SARIF 2.1.0 schema with format checking, and so is lint's")
    func samplesValidate() throws {
        let dir = try temporaryFolder("sarif-samples")
        defer { removeTemporaryFolder(dir) }
        let out = dir.appendingPathComponent("samples.sarif").path
        let r = try runGovcheck(["check"] + asOf + ["Samples", "--format", "sarif=\(out)"])
        #expect(r.status == 1, "\(r.stderr)")
        let lint = dir.appendingPathComponent("lint.sarif").path
        let l = try runGovcheck(["lint", "--format", "sarif"])
        try Data(l.stdout.utf8).write(to: URL(fileURLWithPath: lint))
        let v = try validateReports("sarif", [out, lint])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(v.stdout.contains("sarif: 2 files, 0 problems"))
        let run = try SARIFRun(try String(contentsOfFile: out, encoding: .utf8))
        #expect(run.results.count > 500, "the samples have hundreds of findings")
        #expect(run.invocation?["exitCode"] as? Int == 1)
        #expect(run.invocation?["executionSuccessful"] as? Bool == true)
        let base = (run.run["originalUriBaseIds"] as? [String: Any])?["%SRCROOT%"] as? [String: Any]
        #expect((base?["uri"] as? String)?.hasPrefix("file:///") == true && (base?["uri"] as? String)?.hasSuffix("/") == true)
    }

    @Test("the validator fails invalid SARIF, so a pass means something")
    func validatorCanFail() throws {
        let dir = try temporaryFolder("sarif-invalid")
        defer { removeTemporaryFolder(dir) }
        let r = try runGovcheck(["check"] + asOf + ["Samples/eu-emotion-recognition-workplace.yaml", "--format", "sarif"])
        // A raw space in a URI and a level the schema does not know: both must be caught.
        let broken = r.stdout.replacingOccurrences(of: "\"uri\":\"Samples/eu-emotion", with: "\"uri\":\"Samples/eu emotion")
        let bad = try writeFile(dir, "bad-uri.sarif", broken)
        let level = try writeFile(dir, "bad-level.sarif", r.stdout.replacingOccurrences(of: "\"level\":\"error\"", with: "\"level\":\"fatal\""))
        let v = try validateReports("sarif", [bad, level])
        #expect(v.status == 1, "\(v.stdout)\(v.stderr)")
        #expect(v.stdout.contains("is not a 'uri-reference'"), "\(v.stdout)")
        #expect(v.stdout.contains("'fatal' is not one of"), "\(v.stdout)")
    }

    @Test("file names with spaces, '#' and Chinese characters, and standard input, give valid, percent-encoded URIs")
    func awkwardNames() throws {
        let dir = try temporaryFolder("sarif-names")
        defer { removeTemporaryFolder(dir) }
        let sample = try String(contentsOfFile: TestPaths.root.appendingPathComponent("Samples/eu-customer-service-chatbot.yaml").path, encoding: .utf8)
        try writeFile(dir, "deploy ments/chat bot #1.yaml", sample)
        try writeFile(dir, "deploy ments/客服 机器人.yaml", sample.replacingOccurrences(of: "customer-service-chatbot", with: "kefu"))
        try writeFile(dir, "deploy ments/50%:off,now.yaml", sample.replacingOccurrences(of: "customer-service-chatbot", with: "sale"))
        let relative = try runGovcheck(["check"] + asOf + ["deploy ments", "--format", "sarif"], in: dir)
        let stdin = try runGovcheck(["check"] + asOf + ["-", "--stdin-filename", "teams/客服/chat #2.yaml", "--format", "sarif"], stdin: sample, in: dir)
        let absolute = try runGovcheck(["check"] + asOf + [dir.appendingPathComponent("deploy ments/chat bot #1.yaml").path, "--format", "sarif"])
        var files: [String] = []
        for (i, r) in [relative, stdin, absolute].enumerated() {
            #expect(r.status == 1, "\(r.stderr)")
            files.append(try writeFile(dir, "out\(i).sarif", r.stdout))
        }
        let v = try validateReports("sarif", files)
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let uris = Set(try SARIFRun(relative.stdout).results.map { SARIFRun.place(of: $0).uri })
        #expect(uris == ["deploy%20ments/%E5%AE%A2%E6%9C%8D%20%E6%9C%BA%E5%99%A8%E4%BA%BA.yaml", "deploy%20ments/chat%20bot%20%231.yaml",
                         "deploy%20ments/50%25%3Aoff,now.yaml"], "\(uris)")
        #expect(try SARIFRun(relative.stdout).results.allSatisfy { SARIFRun.place(of: $0).base == "%SRCROOT%" })
        let s = try SARIFRun(stdin.stdout).results.map { SARIFRun.place(of: $0) }
        #expect(!s.isEmpty && s.allSatisfy { $0.uri == "teams/%E5%AE%A2%E6%9C%8D/chat%20%232.yaml" && $0.base == "%SRCROOT%" })
        let a = try SARIFRun(absolute.stdout).results.map { SARIFRun.place(of: $0) }
        #expect(!a.isEmpty && a.allSatisfy { $0.uri.hasPrefix("file:///") && $0.uri.hasSuffix("/deploy%20ments/chat%20bot%20%231.yaml") && $0.base == nil })
    }

    @Test("each result sits at the field that decided it: a tier at its reasons' facts, a duty where its evidence is or belongs")
    func locations() throws {
        let json = try runGovcheck(["check"] + asOf + ["Samples", "--format", "json"])
        let sarif = try runGovcheck(["check"] + asOf + ["Samples", "--format", "sarif"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        // Expected place of each finding, by descriptor, rule and fingerprint.
        var expected: [String: (Int, Int)] = [:]
        var startLines: [String: Int] = [:]
        var withFacts = 0
        for r in report["results"] as? [[String: Any]] ?? [] {
            let name = r["name"] as! String
            startLines[name] = r["line"] as? Int
            for e in r["evaluations"] as? [[String: Any]] ?? [] {
                let pack = e["pack"] as! String
                let tier = e["tier"] as! [String: Any]
                let label = tier["status"] as? String == "needs-review" ? "needs-review" : (tier["tier"] as? String ?? "")
                let facts = (tier["reasons"] as? [[String: Any]] ?? []).flatMap { $0["facts"] as? [[String: Any]] ?? [] }
                if let f = facts.first(where: { $0["line"] != nil }) {
                    expected[Fingerprint.of(descriptor: name, pack: pack, rule: Fingerprint.tierRule(label))] = (f["line"] as! Int, f["column"] as! Int)
                }
                for o in e["obligations"] as? [[String: Any]] ?? [] {
                    let at = o["evidenceAt"] as? [String: Int]
                    expected[Fingerprint.of(descriptor: name, pack: pack, rule: o["id"] as! String)] =
                        (at?["line"] ?? o["line"] as! Int, at?["column"] ?? o["column"] as! Int)
                }
            }
        }
        let run = try SARIFRun(sarif.stdout)
        var checked = 0
        for res in run.results {
            guard let fp = (res["partialFingerprints"] as? [String: String])?["govcheck/v1"], let want = expected[fp] else { continue }
            let got = SARIFRun.place(of: res)
            #expect(got.line == want.0 && got.column == want.1, "\(res["ruleId"] ?? "") of \((res["properties"] as? [String: String])?["descriptor"] ?? "")")
            let descriptor = (res["properties"] as? [String: String])?["descriptor"] ?? ""
            if (res["ruleId"] as? String)?.contains("/tier/") == true {
                withFacts += 1
                #expect(got.line != startLines[descriptor], "a tier with stated facts is not placed at the document start")
            }
            checked += 1
        }
        #expect(checked > 500)
        #expect(withFacts > 20)
        // The prohibited emotion-recognition system: at emotion_recognition, the other facts related.
        let prohibited = try #require(run.results.first { $0["ruleId"] as? String == "eu-ai-act/tier/prohibited"
            && ($0["properties"] as? [String: String])?["descriptor"] == "call-centre-emotion-monitor" })
        let lines = try String(contentsOfFile: TestPaths.root.appendingPathComponent("Samples/eu-emotion-recognition-workplace.yaml").path, encoding: .utf8)
            .components(separatedBy: "\n")
        #expect(lines[SARIFRun.place(of: prohibited).line - 1].contains("emotion_recognition: true"))
        let related = (prohibited["relatedLocations"] as? [[String: Any]] ?? []).map { ($0["message"] as? [String: String])?["text"] ?? "" }
        #expect(related.contains("eu.deployment.context = workplace (art5-1f-emotion-recognition-work-education)"), "\(related)")
    }

    @Test("rules explain themselves: description, help with citation, remediation and evidence by name, helpUri, level, legal status")
    func rules() throws {
        let r = try runGovcheck(["check"] + asOf + ["Samples/eu-customer-service-chatbot.yaml", "Samples/cn-face-swap-app.yaml", "--format", "sarif"])
        let run = try SARIFRun(r.stdout)
        let rule = try #require(run.rule("eu-ai-act/art50-1-disclose-ai-interaction"))
        #expect((rule["shortDescription"] as? [String: String])?["text"] == "Tell people they are interacting with an AI system")
        let full = (rule["fullDescription"] as? [String: String])?["text"] ?? ""
        #expect(full.contains("Art. 50(1) Regulation (EU) 2024/1689"))
        let help = rule["help"] as? [String: String] ?? [:]
        #expect(help["text"]?.contains("What to do: Design the system so that people are told clearly") == true, "\(help)")
        // The evidence by its plain name from the vocabulary, with its path.
        let evidence = try #require(try loadVocabularyDescription("eu.evidence.ai_disclosure.ref"))
        #expect(help["text"]?.contains("Evidence to record:\n- \(evidence) (eu.evidence.ai_disclosure.ref)") == true, "\(help["text"] ?? "")")
        #expect(help["markdown"]?.contains("[Art. 50(1) Regulation (EU) 2024/1689 (CELEX 32024R1689)](https://eur-lex.europa.eu/") == true, "\(help["markdown"] ?? "")")
        #expect((rule["helpUri"] as? String)?.hasPrefix("https://eur-lex.europa.eu/") == true)
        #expect((rule["defaultConfiguration"] as? [String: String])?["level"] == "error", "high severity fails missing:high")
        let props = rule["properties"] as? [String: Any] ?? [:]
        #expect(props["legalStatus"] as? String == "binding-law")
        #expect(props["citation"] as? String == "Art. 50(1) Regulation (EU) 2024/1689 (CELEX 32024R1689)")
        // A tier rule lists the rules of the tier with their rationale.
        let tier = try #require(run.rule("cn-ai-content-labeling/tier/labeling-required"))
        #expect(((tier["help"] as? [String: String])?["text"] ?? "").contains("art5-provider-of-generated-content (Art. 5 "), "\(tier)")
        for rule in run.rules {
            for key in ["shortDescription", "fullDescription", "help", "defaultConfiguration"] {
                #expect(rule[key] != nil, "rule \(rule["id"] ?? "") lacks \(key)")
            }
        }
        // Every result's message and fingerprint.
        for res in run.results {
            let fp = (res["partialFingerprints"] as? [String: String])?["govcheck/v1"] ?? ""
            #expect(fp.count == 16)
        }
        let first = try #require(run.results.first { $0["ruleId"] as? String == "eu-ai-act/art50-1-disclose-ai-interaction" })
        #expect((first["partialFingerprints"] as? [String: String])?["govcheck/v1"]
                == Fingerprint.of(descriptor: "customer-service-chatbot", pack: "eu-ai-act", rule: "art50-1-disclose-ai-interaction"))
    }

    /// The English description of a vocabulary fact, read from the shipped vocabulary files.
    func loadVocabularyDescription(_ path: String) throws -> String? {
        let set = PackLoader.load(shipped: [TestPaths.root.appendingPathComponent("Rules").path], extra: [])
        guard var s = set.vocabulary[path]?.description.en else { return nil }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    @Test("descriptor warnings are results too, input errors are error results, and the exit code is in the invocation")
    func warningsAndErrors() throws {
        let dir = try temporaryFolder("sarif-warn")
        defer { removeTemporaryFolder(dir) }
        let sample = try String(contentsOfFile: TestPaths.root.appendingPathComponent("Samples/eu-cv-screening-deployer.yaml").path, encoding: .utf8)
        let warned = try writeFile(dir, "warned.yaml", sample + "eu_typo_field: 1\n")
        let broken = try writeFile(dir, "broken.yaml", "apiVersion: govcheck/v1\nkind: [\n")
        let r = try runGovcheck(["check"] + asOf + [warned, broken, "--format", "sarif"])
        #expect(r.status == 2)
        let run = try SARIFRun(r.stdout)
        let warning = try #require(run.results.first { $0["ruleId"] as? String == "descriptor.unknown-field" })
        #expect(warning["level"] as? String == "warning")
        #expect(SARIFRun.place(of: warning).line == sample.components(separatedBy: "\n").count)
        #expect(run.results.contains { $0["ruleId"] as? String == "yaml.syntax" && $0["level"] as? String == "error" })
        #expect(run.invocation?["exitCode"] as? Int == 2)
        #expect(run.invocation?["executionSuccessful"] as? Bool == false)
        let v = try validateReports("sarif", [try writeFile(dir, "out.sarif", r.stdout)])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let clean = try runGovcheck(["check"] + asOf + ["Samples/eu-cv-screening-deployer.yaml", "--format", "sarif"])
        #expect(clean.status == 0)
        #expect(try SARIFRun(clean.stdout).invocation?["exitCode"] as? Int == 0)
    }
}
