import Foundation
import Testing
import TestSupport
import GovCheckEngine

/// Issue 8: an English report names every Chinese instrument in English (official identifier kept),
/// and a Chinese report renders EU citations the Chinese way and names the EU instrument in Chinese.
@Suite("Citations in the reader's language, on the real binary and the shipped samples")
struct CitationLanguageTests {
    static let samples = TestPaths.root.appendingPathComponent("Samples")

    static func sampleFiles(_ prefixes: [String]) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { f in
            f.hasSuffix(".yaml") && prefixes.contains { f.hasPrefix($0) }
        }.sorted().map { samples.appendingPathComponent($0).path }
    }

    @Test("English output never shows a Chinese identifier without the instrument's English short title before it")
    func chineseInstrumentsInEnglish() throws {
        let shipped = loadPacks([TestPaths.root.appendingPathComponent("Rules").path])
        var names: [String: String] = [:]
        // Identifiers in Chinese script (令号, 文号); standard numbers such as GB 45438-2025 also appear in prose.
        func hanzi(_ s: String) -> Bool { s.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        for p in shipped.packs { for i in p.instruments where i.jurisdiction == "CN" && hanzi(i.identifier) { names[i.identifier] = i.shortTitle?.en } }
        #expect(names.count >= 9, "the shipped Chinese instruments were not read: \(names.count)")
        let files = try Self.sampleFiles(["cn-", "both-"])
        #expect(files.count >= 10)
        let r = try runGovcheck(["check", "--lang", "en", "--as-of", "2026-12-01", "--all", "--fail-on", "none"] + files)
        #expect(r.status == 0, "\(r.stderr)")
        var seen = 0
        // The report folds long citations at their spaces: count them in the running text.
        let out = r.flowedStdout
        // Longest first, so an identifier that is part of another is not counted twice.
        for (identifier, short) in names.sorted(by: { $0.key.count > $1.key.count }) {
            let short = try #require(short, "no English short title for \(identifier)")
            let all = out.components(separatedBy: identifier).count - 1
            let named = out.components(separatedBy: "\(short) (\(identifier))").count - 1
            #expect(all == named, "\(identifier): \(all - named) of \(all) occurrences without '\(short) ('")
            seen += named
        }
        #expect(seen > 50, "too few Chinese citations in the output to test: \(seen)")
        #expect(out.contains("because alg-art2-algorithm-service Art. 2 Algorithm Recommendation Provisions (国家互联网信息办公室 中华人民共和国工业和信息化部 中华人民共和国公安部 国家市场监督管理总局令第9号)"))
        #expect(out.contains("Art. 5(1) AI Content Labeling Measures (国信办通字〔2025〕2号)"))
        #expect(out.contains("clause 6.1 Labeling Method for AI-Generated Content (GB 45438-2025)"))
    }

    @Test("the text report on the issue's sample and its JSON label name the instrument in English")
    func issueSample() throws {
        let sample = Self.samples.appendingPathComponent("cn-text-chatbot-genai-role-only.yaml").path
        let t = try runGovcheck(["check", "--lang", "en", "--as-of", "2026-12-01", "--fail-on", "none", sample])
        #expect(t.flowedStdout.contains("Art. 28(2) Algorithm Recommendation Provisions (国家互联网信息办公室 中华人民共和国工业和信息化部 中华人民共和国公安部 国家市场监督管理总局令第9号)"), "\(t.stdout)")
        #expect(!t.flowedStdout.contains("Art. 28(2) 国家互联网信息办公室"))
        let j = try runGovcheck(["check", "--format", "json", "--as-of", "2026-12-01", "--fail-on", "none", sample])
        var citations: [[String: Any]] = []
        func walk(_ v: Any) {
            if let d = v as? [String: Any] {
                if d["identifier"] != nil, d["label"] != nil { citations.append(d) }
                d.values.forEach(walk)
            } else if let a = v as? [Any] { a.forEach(walk) }
        }
        walk(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)))
        let alg = citations.filter { ($0["text"] as? [String: String])?["en"] == "Art. 28(2)" && ($0["instrument"] as? String) == "cn-algorithm" }
        #expect(!alg.isEmpty, "no JSON citation of Art. 28(2) of the Algorithm Recommendation Provisions")
        for c in alg {
            let label = c["label"] as? [String: String]
            #expect(label?["en"] == "Art. 28(2) Algorithm Recommendation Provisions (国家互联网信息办公室 中华人民共和国工业和信息化部 中华人民共和国公安部 国家市场监督管理总局令第9号)")
            #expect(label?["zh"] == "第二十八条第二款 国家互联网信息办公室 中华人民共和国工业和信息化部 中华人民共和国公安部 国家市场监督管理总局令第9号")
        }
        // Chinese output keeps the official form: no English name before the identifier.
        let zh = try runGovcheck(["check", "--lang", "zh", "--as-of", "2026-12-01", "--fail-on", "none", sample])
        #expect(zh.flowedStdout.contains("第二十八条第二款 国家互联网信息办公室 中华人民共和国工业和信息化部 中华人民共和国公安部 国家市场监督管理总局令第9号"), "\(zh.stdout)")
        #expect(!zh.stdout.contains("Algorithm Recommendation Provisions"))
    }

    @Test("Chinese output renders EU citations as 第…条 and names the AI Act in Chinese; English output is unchanged")
    func euInChinese() throws {
        let sample = Self.samples.appendingPathComponent("eu-loan-file-completeness-profiling.yaml").path
        let zh = try runGovcheck(["check", "--lang", "zh", "--as-of", "2026-12-01", "--fail-on", "none", sample])
        let act = "欧盟《人工智能法》（Regulation (EU) 2024/1689 (CELEX 32024R1689)）"
        #expect(zh.flowedStdout.contains("依据 art6-3-profiling-override 第6条第3款第三段 \(act)"), "\(zh.stdout)")
        #expect(zh.flowedStdout.contains("附件三第5点(b)项 \(act)"))
        let en = try runGovcheck(["check", "--lang", "en", "--as-of", "2026-12-01", "--fail-on", "none", sample])
        #expect(en.flowedStdout.contains("Art. 6(3), third subparagraph Regulation (EU) 2024/1689 (CELEX 32024R1689)"))
        #expect(!en.stdout.contains("第6条"))
        // Across every EU sample, no citation in Chinese output keeps the English structure.
        let all = try runGovcheck(["check", "--lang", "zh", "--as-of", "2026-12-01", "--all", "--fail-on", "none"] + Self.sampleFiles(["eu-", "both-"]))
        #expect(all.stdout.contains("第5条第1款第("), "a point in Chinese")
        for line in all.stdout.split(separator: "\n") where line.contains("Regulation (EU) 2024/1689") {
            #expect(line.range(of: #"(Art\. ?\d|Annex [IVX])"#, options: .regularExpression) == nil, "English structure in Chinese output: \(line)")
            #expect(line.contains("欧盟《人工智能法》（Regulation (EU) 2024/1689"), "the AI Act not named in Chinese: \(line)")
        }
    }
}

@Suite("The Chinese text report")
struct ChineseTextReportTests {
    @Test("--lang zh writes the report's own words and status words in Chinese; ids and fact paths stay as written")
    func words() throws {
        let samples = TestPaths.root.appendingPathComponent("Samples")
        let files = ["eu-cv-screening-deployer.yaml", "cn-std-kids-tutor-minors.yaml", "eu-missing-market-facts.yaml"]
            .map { samples.appendingPathComponent($0).path }
        let zh = try runGovcheck(["check", "--lang", "zh", "--as-of", "2026-12-01", "--fail-on", "none"] + files)
        #expect(zh.status == 0, "\(zh.stderr)")
        for word in ["等级：", "现行：", "依据 ", "事实：", "义务：", "整改：", "需说明的事实：", "汇总：", "评估日 2026-12-01", "0 个描述文件未通过"] {
            #expect(zh.stdout.contains(word), "\(word) missing from the Chinese report")
        }
        // The structure words of the English report do not appear in the Chinese one.
        for word in ["    tier: ", "      now: ", "because ", "  on: ", "obligations: ", "fix: ", "decide by stating: ", "Summary: ", ", as of "] {
            #expect(!zh.stdout.contains(word), "'\(word)' in the Chinese report")
        }
        #expect(zh.stdout.contains("high-risk-legacy（自 2027-12-02 起）"), "tier ids stay as written")
        #expect(zh.stdout.contains("      未满足   高   "), "the status and severity columns in Chinese: \(zh.stdout)")
        #expect(!zh.stdout.contains("      missing "), "no English status id in the Chinese report")
        #expect(zh.stdout.contains("生成内容（cn.service.generative_ai = true）"), "fact paths stay as written, after their words")
        let en = try runGovcheck(["check", "--lang", "en", "--as-of", "2026-12-01", "--fail-on", "none"] + files)
        #expect(en.stdout.contains("    tier: minimal-risk now; high-risk-legacy from 2027-12-02"))
        #expect(!en.stdout.contains("等级："))
    }
}

/// Without `--lang`, the language follows the locale the way POSIX resolves it (LC_ALL, then
/// LC_MESSAGES, then LANG); a flag or `.govcheck.yaml` wins, and `--print-config` names the source.
@Suite("the language from the locale")
struct LocaleLanguageTests {
    let sample = "Samples/eu-cv-screening-deployer.yaml"

    @Test("LANG=zh_CN gives Chinese; LC_ALL wins over LANG; --lang wins over both")
    func localeDecides() throws {
        let zh = try runGovcheck(["check", "--fail-on", "none", "--print-config", sample], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.stdout.contains("lang            zh") && zh.stdout.contains("environment LANG"), "\(zh.stdout)")
        let report = try runGovcheck(["check", "--fail-on", "none", sample], environment: ["LANG": "zh_CN.UTF-8"])
        let english = try runGovcheck(["check", "--fail-on", "none", sample])
        #expect(report.stdout != english.stdout, "a zh locale gives the Chinese report")
        let flag = try runGovcheck(["check", "--fail-on", "none", "--lang", "zh", sample])
        #expect(report.stdout == flag.stdout, "the same report as --lang zh")
        let all = try runGovcheck(["check", "--fail-on", "none", sample], environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"])
        #expect(all.stdout == english.stdout, "LC_ALL decides before LANG")
        let forced = try runGovcheck(["check", "--fail-on", "none", "--lang", "en", sample], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(forced.stdout == english.stdout, "--lang wins over the locale")
        let facts = try runGovcheck(["facts", "--pack", "cn-genai-measures"], environment: ["LC_MESSAGES": "zh_CN.UTF-8"])
        let factsZh = try runGovcheck(["facts", "--pack", "cn-genai-measures", "--lang", "zh"])
        #expect(facts.stdout == factsZh.stdout && facts.status == 0, "every command follows the locale")
    }
}
