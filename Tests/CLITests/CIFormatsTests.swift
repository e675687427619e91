import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import GovCheckEngine
import Testing
import TestSupport

/// JSON report findings that fail the gate, as `descriptor pack id` strings (tiers as `tier`).
func gatingFindings(_ json: String) throws -> [String] {
    let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    var out: [String] = []
    for r in report["results"] as? [[String: Any]] ?? [] {
        for e in r["evaluations"] as? [[String: Any]] ?? [] {
            let head = "\(r["name"]!) \(e["pack"]!)"
            if (e["tier"] as? [String: Any])?["fails"] as? Bool == true { out.append(head + " tier") }
            for c in e["timeline"] as? [[String: Any]] ?? [] where c["fails"] as? Bool == true { out.append(head + " timeline") }
            for o in e["obligations"] as? [[String: Any]] ?? [] where o["fails"] as? Bool == true { out.append(head + " \(o["id"]!)") }
        }
    }
    return out
}

@Suite("JUnit that CI servers accept")
struct JUnitFormatTests {
    let asOf = ["--as-of", "2026-11-22"]

    @Test("junit is valid against the Jenkins junit-10.xsd; junit-gitlab gives GitLab's parser what it reads, with file and line on every case")
    func schemas() throws {
        let dir = try temporaryFolder("junit")
        defer { removeTemporaryFolder(dir) }
        let sample = try String(contentsOfFile: TestPaths.root.appendingPathComponent("Samples/eu-customer-service-chatbot.yaml").path, encoding: .utf8)
        try writeFile(dir, "in/chat bot #1 客服.yaml", sample)
        try writeFile(dir, "in/two.yaml", sample + "---\n" + sample)
        try writeFile(dir, "in/broken.yaml", "apiVersion: govcheck/v1\nkind: [\n")
        try writeFile(dir, "abs/chat.yaml", sample)
        let strict = dir.appendingPathComponent("junit.xml").path, located = dir.appendingPathComponent("gitlab.xml").path
        // Run in the folder, as CI runs in the repository: relative paths, and an absolute one below it.
        let r = try runGovcheck(["check"] + asOf + ["in", dir.appendingPathComponent("abs").path,
                                                    "--format", "junit=\(strict)", "--format", "junit-gitlab=\(located)"], in: dir)
        #expect(r.status == 2, "the broken file is an input error")
        let samplesStrict = dir.appendingPathComponent("samples.xml").path, samplesLocated = dir.appendingPathComponent("samples-gitlab.xml").path
        let s = try runGovcheck(["check"] + asOf + ["Samples", "--format", "junit=\(samplesStrict)", "--format", "junit-gitlab=\(samplesLocated)"])
        #expect(s.status == 1)
        let xsd = try validateReports("junit", [strict, samplesStrict])
        #expect(xsd.status == 0, "\(xsd.stdout)\(xsd.stderr)")
        let gitlab = try validateReports("gitlab-junit", [located, samplesLocated])
        #expect(gitlab.status == 0, "\(gitlab.stdout)\(gitlab.stderr)")
        // The schema has no file or line on a testcase: the located dialect is not valid against it,
        // and the strict one lacks what GitLab shows. Both checks can fail.
        #expect(try validateReports("junit", [located]).stdout.contains("failed validating"))
        #expect(try validateReports("gitlab-junit", [strict]).stdout.contains("has no repository-relative file"))
        // The root carries no `skipped` (junit-10.xsd forbids it there); suites do.
        let text = try String(contentsOfFile: strict, encoding: .utf8)
        #expect(text.contains("<testsuites name=\"govcheck\" tests=\""))
        #expect(!(text.components(separatedBy: "\n").first { $0.hasPrefix("<testsuites") } ?? "").contains("skipped="))
        #expect(text.contains("file=\"in/chat bot #1 客服.yaml\""))
        #expect(text.contains("file=\"abs/chat.yaml\""), "an absolute path below the working folder is made relative")
        #expect(text.contains("<testsuite name=\"in/two.yaml#2 customer-service-chatbot eu-ai-act\""), "two documents, two suite names")
        let doc = try XMLDocument(data: Data(text.utf8))
        #expect(doc.rootElement()?.name == "testsuites")
    }

    @Test("a passing tier case says which tier and where; every case says where it is; failures agree with the gate")
    func content() throws {
        let r = try runGovcheck(["check"] + asOf + ["Samples/eu-cv-screening-deployer.yaml", "Samples/eu-customer-service-chatbot.yaml",
                                                    "--format", "junit-gitlab"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("<testcase classname=\"cv-screening-deployer.eu-ai-act\" name=\"tier\" file=\"Samples/eu-cv-screening-deployer.yaml\" line=\"4\"><system-out>tier minimal-risk — Minimal risk, because minimal-risk (Art. 4 Regulation (EU) 2024/1689 (CELEX 32024R1689))&#10;from 2027-12-02: tier high-risk-legacy"), "\(r.stdout)")
        let json = try runGovcheck(["check"] + asOf + ["Samples/eu-cv-screening-deployer.yaml", "Samples/eu-customer-service-chatbot.yaml", "--format", "json"])
        let gating = try gatingFindings(json.stdout)
        #expect(r.stdout.components(separatedBy: "<failure ").count - 1 == gating.count, "\(gating)")
        #expect(r.stdout.contains("name=\"art50-1-disclose-ai-interaction\" file=\"Samples/eu-customer-service-chatbot.yaml\" line="))
        let strict = try runGovcheck(["check"] + asOf + ["Samples/eu-customer-service-chatbot.yaml", "--format", "junit"])
        #expect(strict.stdout.contains("<system-out>missing: Tell people they are interacting with an AI system (Art. 50(1) Regulation (EU) 2024/1689 (CELEX 32024R1689))&#10;at Samples/eu-customer-service-chatbot.yaml:"))
    }
}

@Suite("GitHub annotations and GitLab Code Quality from the same evaluation")
struct AnnotationFormatTests {
    let asOf = ["--as-of", "2026-11-22"]

    /// `::name k=v,k=v::message` split into its parts; nil when the line is not a well-formed command.
    static func parse(_ line: Substring) -> (name: String, properties: [String: String], message: String)? {
        guard line.hasPrefix("::"), let end = line.dropFirst(2).range(of: "::") else { return nil }
        let head = line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]
        let message = String(line[end.upperBound...])
        let parts = head.split(separator: " ", maxSplits: 1)
        var props: [String: String] = [:]
        if parts.count == 2 {
            for kv in parts[1].split(separator: ",") {
                let pair = kv.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, !pair[1].contains(":") else { return nil }
                props[String(pair[0])] = String(pair[1])
            }
        }
        return (String(parts[0]), props, message)
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "%0A", with: "\n").replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%3A", with: ":")
            .replacingOccurrences(of: "%2C", with: ",").replacingOccurrences(of: "%25", with: "%")
    }

    @Test("--format github: an error annotation per gating finding at its field, warnings and notices for the rest")
    func github() throws {
        let r = try runGovcheck(["check"] + asOf + ["Samples", "--format", "github"])
        #expect(r.status == 1)
        let json = try runGovcheck(["check"] + asOf + ["Samples", "--format", "json"])
        let lines = r.stdout.split(separator: "\n")
        var counts: [String: Int] = [:]
        for line in lines {
            let c = try #require(Self.parse(line), "not a workflow command: \(line)")
            counts[c.name, default: 0] += 1
            #expect(["error", "warning", "notice"].contains(c.name))
            if c.properties["file"] != nil {
                #expect(Int(c.properties["line"] ?? "") ?? 0 >= 1 && Int(c.properties["col"] ?? "") ?? 0 >= 1)
                #expect(c.properties["title"] != nil)
            }
        }
        #expect(counts["error"] == (try gatingFindings(json.stdout)).count, "\(counts)")
        #expect((counts["warning"] ?? 0) > 0 && (counts["notice"] ?? 0) > 1)
        #expect(lines.last?.hasPrefix("::notice title=govcheck::") == true && lines.last?.contains(" descriptors checked as of 2026-11-22, 0 input errors, ") == true,
                "\(lines.last ?? "")")
        let labelling = try #require(lines.first { $0.contains("title=cn-ai-content-labeling%3A tier labeling-required") && $0.contains("face-swap-fun:") })
        #expect(labelling.hasPrefix("::warning file=Samples/cn-face-swap-app.yaml,line=20,col=25,"), "\(labelling)")
    }

    @Test("values from descriptors cannot end a command or forge another: %, CR, LF, ':' and ',' are escaped")
    func githubEscaping() throws {
        let dir = try temporaryFolder("gh-escape")
        defer { removeTemporaryFolder(dir) }
        let sample = try String(contentsOfFile: TestPaths.root.appendingPathComponent("Samples/eu-customer-service-chatbot.yaml").path, encoding: .utf8)
        let forged = sample.replacingOccurrences(of: "name: \"customer-service-chatbot\"",
                                                 with: "name: \"100%,x::error file=a::forged\\r\\n::warning::y\"")
        let file = try writeFile(dir, "a,b:c%d.yaml", forged)
        let r = try runGovcheck(["check"] + asOf + [file, "--format", "github"])
        #expect(r.status == 1)
        var sawFile = false
        for line in r.stdout.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
            let c = try #require(Self.parse(line), "not one well-formed command: \(line)")
            if let f = c.properties["file"] {
                #expect(Self.unescape(f) == file, "\(f)")
                #expect(f.hasSuffix("a%2Cb%3Ac%25d.yaml"))
                sawFile = true
            }
            #expect(!c.message.contains("\n") && !c.message.contains("\r"))
        }
        #expect(sawFile)
        // The name's own control characters were already shown as visible escapes; its '%' is escaped.
        #expect(r.stdout.contains("100%25,x::error file=a::forged\\r\\n::warning::y"))
    }

    @Test("the step summary is appended to $GITHUB_STEP_SUMMARY, keeping what other steps wrote")
    func stepSummary() throws {
        let dir = try temporaryFolder("gh-summary")
        defer { removeTemporaryFolder(dir) }
        let summary = try writeFile(dir, "summary.md", "# earlier step\n\n")
        let r = try runGovcheck(["check"] + asOf + ["Samples/eu-emotion-recognition-workplace.yaml", "Samples/eu-cv-screening-deployer.yaml",
                                                    "--format", "github"], environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(r.status == 1)
        let md = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(md.hasPrefix("# earlier step\n\n## govcheck\n\n**Failed**: findings at or above `--fail-on` — 2 descriptors checked as of 2026-11-22, 1 failing"), "\(md)")
        #expect(md.contains("| eu-ai-act | prohibited | 1 |"))
        #expect(md.contains("### Fail the gate (2)"))
        #expect(md.contains("| call-centre-emotion-monitor | eu-ai-act | eu-ai-act\\: tier prohibited |"))
        #expect(md.contains("eu.evidence.prohibited\\_practice.ceased\\_on"), "markdown special characters are escaped")
        // Without the variable, nothing is written anywhere but standard output.
        let plain = try runGovcheck(["check"] + asOf + ["Samples/eu-cv-screening-deployer.yaml", "--format", "github"], environment: ["GITHUB_STEP_SUMMARY": ""])
        #expect(plain.status == 0)
    }

    @Test("--format gitlab: Code Quality issues with description, check name, unique fingerprint, severity and place")
    func gitlab() throws {
        let dir = try temporaryFolder("gitlab-cq")
        defer { removeTemporaryFolder(dir) }
        // Two files with the same descriptor name still get distinct fingerprints.
        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("Samples"), to: dir.appendingPathComponent("Samples"))
        let sample = try String(contentsOfFile: TestPaths.root.appendingPathComponent("Samples/eu-customer-service-chatbot.yaml").path, encoding: .utf8)
        try writeFile(dir, "copy/chatbot.yaml", sample)
        let out = dir.appendingPathComponent("gl-code-quality.json").path
        let r = try runGovcheck(["check"] + asOf + ["Samples", "copy", "--format", "gitlab=\(out)"], in: dir)
        #expect(r.status == 1)
        let v = try validateReports("codequality", [out])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [[String: Any]])
        let json = try runGovcheck(["check"] + asOf + ["Samples", "copy", "--format", "json"], in: dir)
        let gating = try gatingFindings(json.stdout)
        let major = issues.filter { ["major", "critical", "blocker"].contains($0["severity"] as? String ?? "") }
        #expect(major.count == gating.count, "issues at major or above are exactly the gating findings")
        let disclosure = issues.filter { $0["check_name"] as? String == "eu-ai-act/art50-1-disclose-ai-interaction" }
        #expect(disclosure.count >= 2)
        #expect(Set(disclosure.map { $0["fingerprint"] as! String }).count == disclosure.count)
        let prohibited = try #require(issues.first { $0["check_name"] as? String == "eu-ai-act/tier/prohibited" })
        #expect(prohibited["severity"] as? String == "blocker")
        // A broken Code Quality report is caught.
        let bad = try writeFile(dir, "bad.json", "[{\"description\": \"x\", \"check_name\": \"c\", \"fingerprint\": \"f\", \"severity\": \"high\", \"location\": {\"path\": \"/abs\", \"lines\": {}}}]")
        #expect(try validateReports("codequality", [bad]).status == 1)
    }

    @Test("one evaluation feeds every format at once, each agreeing with the exit code")
    func allAtOnce() throws {
        let dir = try temporaryFolder("all-formats")
        defer { removeTemporaryFolder(dir) }
        func path(_ n: String) -> String { dir.appendingPathComponent(n).path }
        let r = try runGovcheck(["check"] + asOf + ["Samples/eu-emotion-recognition-workplace.yaml", "--format", "github",
                                                    "--format", "sarif=\(path("a.sarif"))", "--format", "junit=\(path("a.xml"))",
                                                    "--format", "junit-gitlab=\(path("b.xml"))", "--format", "gitlab=\(path("cq.json"))",
                                                    "--format", "json=\(path("a.json"))", "--format", "text=\(path("a.txt"))"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("::error file="))
        #expect(try validateReports("sarif", [path("a.sarif")]).status == 0)
        #expect(try validateReports("junit", [path("a.xml")]).status == 0)
        #expect(try validateReports("gitlab-junit", [path("b.xml")]).status == 0)
        #expect(try validateReports("codequality", [path("cq.json")]).status == 0)
        #expect(try String(contentsOfFile: path("a.txt"), encoding: .utf8).contains("tier: prohibited"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("a.json")))) as? [String: Any])
        #expect((report["summary"] as? [String: Any])?["exitCode"] as? Int == 1)
    }
}
