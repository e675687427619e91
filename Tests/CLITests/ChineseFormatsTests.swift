import Foundation
import Testing
import TestSupport

/// `check --lang zh` in the CI formats and on standard error: the formats' own words are Chinese,
/// the reports still validate, and what machines match on (ids, names, fingerprints) is the same
/// in both languages.
@Suite("CI formats and diagnostics in Chinese")
struct ChineseFormatsTests {
    let asOf = ["--as-of", "2026-11-22"]
    static let samples = ["Samples/eu-customer-service-chatbot.yaml", "Samples/eu-missing-market-facts.yaml",
                          "Samples/cn-std-kids-tutor-minors.yaml", "Samples/eu-emotion-recognition-workplace.yaml"]

    /// The values of `attribute` on every `element` tag, in order.
    static func attributes(_ xml: String, _ element: String, _ attribute: String) -> [String] {
        xml.components(separatedBy: "<\(element) ").dropFirst().compactMap { tag in
            guard let r = tag.range(of: "\(attribute)=\"") else { return nil }
            return String(tag[r.upperBound...].prefix { $0 != "\"" })
        }
    }

    @Test("--format junit --lang zh: Chinese failure, skipped and error messages; valid against junit-10.xsd; suite and case names as in English")
    func junit() throws {
        let dir = try temporaryFolder("junit-zh")
        defer { removeTemporaryFolder(dir) }
        // Run in the folder, as CI runs in the repository, so every path is relative (GitLab wants that).
        for f in Self.samples {
            try writeFile(dir, f, try String(contentsOfFile: TestPaths.root.appendingPathComponent(f).path, encoding: .utf8))
        }
        try writeFile(dir, "broken.yaml", "apiVersion: govcheck/v1\nkind: [\n")
        let zh = dir.appendingPathComponent("zh.xml").path, en = dir.appendingPathComponent("en.xml").path
        let located = dir.appendingPathComponent("zh-gitlab.xml").path
        let r = try runGovcheck(["check", "--lang", "zh"] + asOf + Self.samples + ["broken.yaml", "--format", "junit=\(zh)", "--format", "junit-gitlab=\(located)"],
                                in: dir)
        #expect(r.status == 2, "the broken file is an input error: \(r.stderr)")
        _ = try runGovcheck(["check", "--lang", "en"] + asOf + Self.samples + ["broken.yaml", "--format", "junit=\(en)"], in: dir)
        let v = try validateReports("junit", [zh])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let g = try validateReports("gitlab-junit", [located])
        #expect(g.status == 0, "\(g.stdout)\(g.stderr)")
        let text = try String(contentsOfFile: zh, encoding: .utf8)
        let english = try String(contentsOfFile: en, encoding: .utf8)
        for word in ["<failure message=\"未满足：", "<system-out>等级 ", "，依据 ", "&#10;位置：", "<skipped message=\"待确定；需说明的事实：",
                     "<error message=\"YAML 语法错误：", "已满足：", "欧盟《人工智能法》"] {
            #expect(text.contains(word), "\(word) missing from the Chinese JUnit")
        }
        for word in ["<failure message=\"missing: ", "<system-out>tier ", ", because ", "&#10;at ", "undetermined; state"] {
            #expect(!text.contains(word), "'\(word)' in the Chinese JUnit")
            #expect(english.contains(word), "'\(word)' missing from the English JUnit")
        }
        // Dashboards key history on suite and case names: those do not change with the language.
        for (element, attribute) in [("testsuite", "name"), ("testcase", "name"), ("testcase", "classname")] {
            #expect(Self.attributes(text, element, attribute) == Self.attributes(english, element, attribute), "\(element) \(attribute)")
        }
        #expect(Self.attributes(text, "testcase", "name").count > 20)
        #expect(Self.attributes(text, "testsuites", "failures") == Self.attributes(english, "testsuites", "failures"))
    }

    @Test("--format sarif --lang zh: Chinese results and rule help; valid SARIF; the same rules and fingerprints as in English")
    func sarif() throws {
        let dir = try temporaryFolder("sarif-zh")
        defer { removeTemporaryFolder(dir) }
        let unknown = try writeFile(dir, "unknown.yaml", try String(contentsOfFile: TestPaths.root.appendingPathComponent(Self.samples[0]).path, encoding: .utf8) + "colr: red\n")
        let zh = dir.appendingPathComponent("zh.sarif").path, en = dir.appendingPathComponent("en.sarif").path
        let r = try runGovcheck(["check", "--lang", "zh"] + asOf + Self.samples + [unknown, "--format", "sarif=\(zh)"])
        #expect(r.status == 1, "\(r.stderr)")
        _ = try runGovcheck(["check", "--lang", "en"] + asOf + Self.samples + [unknown, "--format", "sarif=\(en)"])
        let v = try validateReports("sarif", [zh])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        let run = try SARIFRun(try String(contentsOfFile: zh, encoding: .utf8))
        let english = try SARIFRun(try String(contentsOfFile: en, encoding: .utf8))
        let messages = run.results.compactMap { ($0["message"] as? [String: Any])?["text"] as? String }
        #expect(messages.contains { $0.hasPrefix("customer-service-chatbot：未满足 — ") && $0.contains("需记录：") }, "\(messages.prefix(5))")
        #expect(messages.contains { $0.contains("：待确定 — ") && $0.contains("是否适用取决于未说明的事实：") })
        #expect(messages.contains { $0.contains(" 等级 prohibited — ") && $0.contains("，依据 ") })
        #expect(messages.contains("未知字段 'colr'（帮助：已加载的规则包都不读取该字段；请检查拼写或删除它）"), "a descriptor warning in Chinese")
        #expect(!messages.contains { $0.contains(": missing — ") || $0.contains(", because ") || $0.contains("(help: ") })
        let help = run.rules.compactMap { ($0["help"] as? [String: Any])?["text"] as? String }
        #expect(help.contains { $0.contains("\n法律依据：") && $0.contains("\n应采取的措施：") })
        #expect(help.contains { $0.contains("满足以下任一规则即成立：") && $0.contains("严重程度 ") })
        #expect(!help.contains { $0.contains("\nCitation: ") || $0.contains("It holds when one of these rules does") })
        // Code scanning matches alerts across runs by rule and fingerprint: the language must not move them.
        func keys(_ r: SARIFRun) -> [String] {
            r.results.map { "\($0["ruleId"] ?? "") \((($0["partialFingerprints"] as? [String: String]) ?? [:])["govcheck/v1"] ?? "") \($0["level"] ?? "")" }
        }
        #expect(keys(run) == keys(english))
        #expect(run.rules.map { $0["id"] as? String } == english.rules.map { $0["id"] as? String })
        #expect(keys(run).count > 20)
    }

    @Test("--format github --lang zh: Chinese annotation titles and messages, closing notice and step summary; the same commands and places")
    func github() throws {
        let dir = try temporaryFolder("github-zh")
        defer { removeTemporaryFolder(dir) }
        let summary = try writeFile(dir, "summary.md", "")
        let r = try runGovcheck(["check", "--lang", "zh"] + asOf + Self.samples + ["--format", "github"], environment: ["GITHUB_STEP_SUMMARY": summary])
        #expect(r.status == 1, "\(r.stderr)")
        let en = try runGovcheck(["check", "--lang", "en"] + asOf + Self.samples + ["--format", "github"], environment: ["GITHUB_STEP_SUMMARY": ""])
        let lines = r.stdout.split(separator: "\n"), english = en.stdout.split(separator: "\n")
        let commands = try lines.map { try #require(AnnotationFormatTests.parse($0), "not a workflow command: \($0)") }
        let englishCommands = try english.map { try #require(AnnotationFormatTests.parse($0)) }
        // The same annotations at the same places: only titles and messages change.
        #expect(commands.map { "\($0.name) \($0.properties["file"] ?? "") \($0.properties["line"] ?? "")" }
                == englishCommands.map { "\($0.name) \($0.properties["file"] ?? "") \($0.properties["line"] ?? "")" })
        let titles = commands.compactMap { $0.properties["title"].map(AnnotationFormatTests.unescape) }
        #expect(titles.contains("eu-ai-act：未满足 art50-1-disclose-ai-interaction"), "\(titles.prefix(8))")
        #expect(titles.contains("eu-ai-act：等级 prohibited"))
        #expect(!titles.contains { $0.contains(": missing ") || $0.contains(": tier ") })
        #expect(lines.last?.hasPrefix("::notice title=govcheck::检查了 4 个描述文件（评估日 2026-11-22），0 个输入错误，") == true, "\(lines.last ?? "")")
        let md = try String(contentsOfFile: summary, encoding: .utf8)
        for word in ["**未通过**：有达到 `--fail-on` 阈值的发现 — 检查了 4 个描述文件", "| 规则包 | 等级 | 描述文件数 |", "### 导致未通过（", "| 描述文件 | 规则包 | 发现 | 详情 | 位置 |", "义务："] {
            #expect(md.contains(word), "\(word) missing from the step summary")
        }
        #expect(!md.contains("Fail the gate") && !md.contains("descriptors checked"))
        // GitLab Code Quality takes its descriptions from the same findings.
        let cq = dir.appendingPathComponent("cq.json").path
        _ = try runGovcheck(["check", "--lang", "zh"] + asOf + Self.samples + ["--format", "gitlab=\(cq)"])
        #expect(try validateReports("codequality", [cq]).status == 0)
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: cq))) as? [[String: Any]])
        #expect(issues.contains { ($0["description"] as? String)?.contains("：未满足 — ") == true })
    }

    @Test("--lang zh: input errors and warnings on standard error in Chinese, with the codes and places as in English")
    func diagnostics() throws {
        let dir = try temporaryFolder("diagnostics-zh")
        defer { removeTemporaryFolder(dir) }
        let sample = try String(contentsOfFile: TestPaths.root.appendingPathComponent(Self.samples[0]).path, encoding: .utf8)
        let files = [
            try writeFile(dir, "unknown.yaml", sample + "colr: red\n"),
            try writeFile(dir, "typo.yaml", sample.replacingOccurrences(of: "substantially_modified: false", with: "substantially_modifed: false")),
            try writeFile(dir, "mismatch.yaml", sample.replacingOccurrences(of: "is_ai_system: true", with: "is_ai_system: \"yes\"")),
            try writeFile(dir, "enum.yaml", sample.replacingOccurrences(of: "roles: [\"provider\"]", with: "roles: [\"providr\"]")),
            try writeFile(dir, "noenvelope.yaml", sample.split(separator: "\n").filter { !$0.hasPrefix("apiVersion") && !$0.hasPrefix("kind") }.joined(separator: "\n")),
            try writeFile(dir, "broken.yaml", "apiVersion: govcheck/v1\nkind: [\n"),
            dir.appendingPathComponent("nothere.yaml").path,
        ]
        let zh = try runGovcheck(["check", "--lang", "zh"] + asOf + files)
        let en = try runGovcheck(["check", "--lang", "en"] + asOf + files)
        #expect(zh.status == 2 && en.status == 2)
        for line in ["警告：未知字段 'colr' [descriptor.unknown-field]", "帮助：已加载的规则包都不读取该字段；请检查拼写或删除它",
                     "警告：未知字段 'eu.system.substantially_modifed' [descriptor.unknown-field]", "帮助：是否想写 'eu.system.substantially_modified'？",
                     "错误：'eu.system.is_ai_system'：应为布尔值，实际为字符串 [descriptor.type-mismatch]",
                     "错误：'eu.operator.roles'：'providr' 不是允许的取值 [descriptor.type-mismatch]", "帮助：是否想写 'provider'？允许的取值：provider",
                     "错误：缺少 'apiVersion' [descriptor.missing-api-version]", "错误：缺少 'kind' [descriptor.missing-kind]",
                     "错误：YAML 语法错误：", "nothere.yaml:1:1: 错误：没有这个文件或文件夹 [io.not-found]", "  帮助：请检查路径"] {
            #expect(zh.stderr.contains(line), "\(line) missing from:\n\(zh.stderr)")
        }
        for word in [": error: ", ": warning: ", "  help: ", "unknown field", "missing 'kind'"] {
            #expect(!zh.stderr.contains(word), "'\(word)' in the Chinese diagnostics")
            #expect(en.stderr.contains(word), "'\(word)' missing from the English diagnostics")
        }
        #expect(en.stderr.contains("warning: unknown field 'colr' [descriptor.unknown-field]\n    colr: red\n    ^\n  help: no loaded rule pack reads it; check the spelling or remove it\n"))
        // Each diagnostic keeps its place and code: only the words between them change.
        func heads(_ s: String) -> [String] {
            s.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { line in
                String(line.prefix { $0 != " " }) + " " + String(line.split(separator: " ").last ?? "")
            }
        }
        #expect(heads(zh.stderr) == heads(en.stderr))
        #expect(heads(zh.stderr).count >= 8, "\(zh.stderr)")
        // Machine output stays as it is: the JSON report's messages are English in either language.
        let json = try runGovcheck(["check", "--lang", "zh", "--format", "json"] + asOf + [files[2]])
        #expect(json.stdout.contains("\"message\": \"'eu.system.is_ai_system': expected bool, found a string\""), "\(json.stdout.prefix(2000))")
    }
}
