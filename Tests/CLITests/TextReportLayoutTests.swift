import Foundation
import Testing
import TestSupport

/// The text report reads like a report: a header per system, lines that fit 100 columns, plain
/// words before fact paths, and the facts that would decide what is open ranked, on the real binary.
@Suite("The text report's layout: headers, 100 columns, plain words, ranked deciding facts")
struct TextReportLayoutTests {
    static let samples = TestPaths.root.appendingPathComponent("Samples")

    /// Terminal cells of a line: East Asian wide and fullwidth characters take two.
    static func cells(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { n, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x20000...0x3FFFD).contains(v)
            return n + (wide ? 2 : 1)
        }
    }

    static func section(_ report: String, startingWith title: String) throws -> String {
        try #require(report.components(separatedBy: "\n\n").first { $0.hasPrefix(title + "\n") }, "no system headed '\(title)'")
    }

    @Test("every line of the report on every sample fits 100 columns, in English and Chinese, with --all",
          arguments: ["en", "zh"])
    func fitsHundredColumns(language: String) throws {
        let r = try runGovcheck(["check", "--as-of", "2026-11-22", "--fail-on", "none", "--all", "--lang", language, "Samples"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count > 5000, "too little report to test: \(lines.count) lines")
        for (i, line) in lines.enumerated() where Self.cells(line) > 100 {
            Issue.record("line \(i + 1) is \(Self.cells(line)) columns: \(line)")
        }
        // The folding marks never reach the reader.
        #expect(!r.stdout.unicodeScalars.contains { (0xE000...0xE003).contains($0.value) })
        // A citation's article and a reference in running text are never cut: no line ends inside one.
        for (a, b) in zip(lines, lines.dropFirst()) {
            let next = b.drop { $0 == " " }
            if a.hasSuffix("第") || (a.range(of: #"\b(Art\.?|Arts|para|point|Annex|clause)$"#, options: .regularExpression) != nil
                                    && next.range(of: #"^([0-9]|[IVX]+\b)"#, options: .regularExpression) != nil) {
                Issue.record("a line ends inside a reference:\n\(a)\n\(b)")
            }
        }
    }

    @Test("colour changes no line break: the coloured report is the plain one with style sequences")
    func colourKeepsLayout() throws {
        let args = ["check", "--as-of", "2026-11-22", "--fail-on", "none", "Samples/both-customer-chatbot.yaml", "Samples/cn-missing-public-fact.yaml"]
        let plain = try runGovcheck(args + ["--color", "never"])
        let coloured = try runGovcheck(args + ["--color", "always"])
        #expect(coloured.stdout.contains("\u{1B}["))
        let stripped = coloured.stdout.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == plain.stdout)
    }

    @Test("each system is headed by its name, organisation and purpose as stated, then the descriptor's file")
    func header() throws {
        let r = try runGovcheck(["check", "--as-of", "2026-11-22", "--fail-on", "none", "Samples/eu-cv-screening-deployer.yaml",
                                 "Samples/eu-gpai-closed-api.yaml"])
        #expect(r.stdout.hasPrefix("""
            TalentRank CV screener
              organisation: Nordlicht Logistics GmbH
              purpose:      Rank incoming job applications for recruiters
              descriptor:   Samples/eu-cv-screening-deployer.yaml (cv-screening-deployer)
              eu-ai-act (EU, text eu-aia-2026-omnibus, as of 2026-11-22)

            """), "\(r.stdout.prefix(600))")
        // A descriptor of a model names the model; no purpose is made up for it.
        let model = try Self.section(r.stdout, startingWith: "closed-api-model")
        #expect(model.hasPrefix("""
            closed-api-model
              organisation: Beispiel KI GmbH
              model:        Beispiel-Large 2026-05
              descriptor:   Samples/eu-gpai-closed-api.yaml

            """), "\(model.prefix(400))")
        #expect(!model.contains("purpose:"))
        // A descriptor that states none of it gets its name and file only.
        let mini = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/two-docs.yaml", "--fail-on", "none"])
        #expect(mini.stdout.hasPrefix("first\n  descriptor: Tests/Fixtures/descriptors/two-docs.yaml\n  mini ("), "\(mini.stdout)")
        #expect(mini.stdout.contains("\n\nsecond\n  descriptor: Tests/Fixtures/descriptors/two-docs.yaml (document 2)\n"))
        let zh = try runGovcheck(["check", "--as-of", "2026-11-22", "--fail-on", "none", "--lang", "zh", "Samples/eu-cv-screening-deployer.yaml"])
        #expect(zh.stdout.hasPrefix("TalentRank CV screener\n  组织：     Nordlicht Logistics GmbH\n  预期用途： Rank incoming job applications for recruiters\n"
                                    + "  描述文件： Samples/eu-cv-screening-deployer.yaml（cv-screening-deployer）\n"), "\(zh.stdout.prefix(400))")
    }

    @Test("a fact is named by its vocabulary words first, its path after them")
    func plainWordsFirst() throws {
        let r = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/chat-us.yaml", "--fail-on", "none"])
        #expect(r.stdout.contains("        on: Markets (region codes) where the system is offered (mini.markets = [US])\n"), "\(r.stdout)")
        #expect(r.stdout.contains("    assumed: Purely personal use (mini.personal_use = false)\n"))
        #expect(r.stdout.contains("                              evidence: People are told they talk to an AI (mini.evidence.notice)\n"))
        #expect(r.stdout.contains("                              decide by stating: Launch date (mini.launch)\n"))
        let zh = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/chat-us.yaml", "--fail-on", "none", "--lang", "zh"])
        #expect(zh.stdout.contains("需说明的事实：Launch date（mini.launch）\n"), "\(zh.stdout)")
        // On the shipped packs: the description up to its first clause, then the path.
        let cn = try runGovcheck(["check", "--as-of", "2026-11-22", "--fail-on", "none", "Samples/cn-missing-public-fact.yaml"])
        #expect(cn.stdout.contains("- The service is offered to the public in mainland China (cn.service.public_in_mainland)\n"), "\(cn.stdout.prefix(3000))")
        for line in cn.stdout.split(separator: "\n") where line.contains("cn.") {
            let text = line.drop { $0 == " " || $0 == "-" }
            #expect(!text.hasPrefix("cn."), "a fact path before its words: \(line)")
        }
    }

    @Test("deciding facts are ranked by the open items each decides across the system, at most five, with the resume command")
    func rankedDecidingFacts() throws {
        let sample = "Samples/cn-missing-public-fact.yaml"
        let args = ["check", "--as-of", "2026-11-22", "--fail-on", "none", sample]
        // What the JSON report says each fact decides: open tiers and duties, counted once per item.
        let json = try JSONSerialization.jsonObject(with: Data(try runGovcheck(args + ["--format", "json"]).stdout.utf8)) as! [String: Any]
        var counts: [String: Int] = [:]
        var items = 0
        for e in ((json["results"] as! [[String: Any]])[0]["evaluations"] as! [[String: Any]]) {
            var open: [[String]] = []
            let tier = e["tier"] as! [String: Any]
            if tier["status"] as? String == "needs-review" { open.append(tier["decidingFacts"] as? [String] ?? []) }
            for c in e["timeline"] as? [[String: Any]] ?? [] {
                let d = c["tier"] as! [String: Any]
                if d["status"] as? String == "needs-review" { open.append(d["decidingFacts"] as? [String] ?? []) }
            }
            for o in e["obligations"] as! [[String: Any]] {
                let facts = o["decidingFacts"] as? [String] ?? []
                if o["status"] as? String == "undetermined" || !facts.isEmpty { open.append(facts) }
            }
            for f in open where !f.isEmpty {
                items += 1
                for p in Set(f) { counts[p, default: 0] += 1 }
            }
        }
        let ranking = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        #expect(ranking.count > 5 && items > 10, "the sample should leave much open: \(items) items, \(ranking.count) facts")

        let r = try runGovcheck(args)
        let closing = try #require(r.stdout.components(separatedBy: "  to decide: ").last?.components(separatedBy: "\n\n").first)
        #expect(closing.hasPrefix("\(items) open items wait for \(ranking.count) facts not stated, most decisive first:\n"), "\(closing)")
        let (top, more) = Self.items(closing.drop { $0 != "\n" })
        let expected = ranking.prefix(5).map { "(\($0.key), \($0.value) open item\($0.value == 1 ? "" : "s"))" }
        #expect(top.map { $0.components(separatedBy: " (").last.map { "(" + $0 } ?? $0 } == Array(expected), "\(closing)")
        #expect(more == ranking.count - 5)
        #expect(closing.hasSuffix("\n  `govcheck init --resume \(sample)` asks them one by one."), "\(closing)")

        // Each list in place: the same order, at most five facts, the rest counted.
        let order = Dictionary(uniqueKeysWithValues: ranking.enumerated().map { ($0.element.key, $0.offset) })
        var lists = 0, cut = 0
        for block in r.stdout.components(separatedBy: "decide by stating:").dropFirst() where block.hasPrefix("\n") {
            let (entries, more) = Self.items(Substring(block))
            let paths = entries.compactMap { e in e.range(of: #"\(([a-z0-9_.]+)\)$"#, options: .regularExpression).map { String(e[$0].dropFirst().dropLast()) } }
            #expect(paths.count == entries.count && (2...5).contains(paths.count), "\(entries)")
            #expect(paths == paths.sorted { order[$0]! < order[$1]! }, "not ranked by what each decides: \(paths)")
            if let more { #expect(paths.count == 5 && more > 0); cut += 1 }
            lists += 1
        }
        #expect(lists > 20 && cut > 0, "\(lists) lists, \(cut) cut at five")
    }

    /// The entries of a list that starts on the line after `text`'s first line break: `- ` items
    /// (their folded lines joined), and the count of an `and N more` line.
    static func items(_ text: Substring) -> (entries: [String], more: Int?) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
        guard let first = lines.first else { return ([], nil) }
        let k = first.prefix { $0 == " " }.count
        var entries: [String] = []
        for line in lines {
            let lead = line.prefix { $0 == " " }.count, body = line.dropFirst(lead)
            if lead == k && body.hasPrefix("- ") { entries.append(String(body.dropFirst(2))) }
            else if lead == k + 2 && !entries.isEmpty { entries[entries.count - 1] += " " + body }
            else if lead == k && body.hasPrefix("and ") && body.hasSuffix(" more") { return (entries, Int(body.dropFirst(4).dropLast(5))) }
            else { break }
        }
        return (entries, nil)
    }

    @Test("the resume command is left out where init cannot take the file; quoted where the shell needs it")
    func resumeHint() throws {
        let two = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/two-docs.yaml", "--fail-on", "none"])
        #expect(two.stdout.contains("  to decide: "))
        #expect(!two.stdout.contains("init --resume"), "init reads one document: \(two.stdout)")
        let text = try String(contentsOfFile: TestPaths.fixture("descriptors/chat-eu.yaml"), encoding: .utf8)
        let stdin = try runGovcheck(["check"] + miniArgs + ["-", "--fail-on", "none"], stdin: text)
        #expect(stdin.stdout.contains("  to decide: ") && !stdin.stdout.contains("init --resume"))
        let dir = try temporaryFolder("resume-hint")
        defer { removeTemporaryFolder(dir) }
        let file = dir.appendingPathComponent("my system's.yaml")
        try Data(text.utf8).write(to: file)
        let quoted = try runGovcheck(["check"] + miniArgs + [file.path, "--fail-on", "none"])
        #expect(flowed(quoted.stdout).contains("`govcheck init --resume '\(dir.path)/my system'\\''s.yaml'` asks them one by one."), "\(quoted.stdout)")
        let zh = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/chat-eu.yaml", "--fail-on", "none", "--lang", "zh"])
        #expect(zh.stdout.contains("  `govcheck init --resume Tests/Fixtures/descriptors/chat-eu.yaml` 会逐一询问这些事实。\n"), "\(zh.stdout)")
        #expect(zh.stdout.contains("  待确定：2 项未决事项取决于 2 项未说明的事实，按决定的事项数排列：\n"))
    }

    @Test("--lang zh shows status and severity words in Chinese; ids and citations as written")
    func chineseStatuses() throws {
        let r = try runGovcheck(["check"] + miniArgs + ["\(descriptors)/chat-eu.yaml", "--fail-on", "none", "--lang", "zh"])
        #expect(r.stdout.contains("    等级：需复核 — 可能为 prohibited 或 minimal\n"), "\(r.stdout)")
        #expect(r.stdout.contains("    义务：1 项待确定，2 项已满足\n"))
        #expect(r.stdout.contains("      待确定   低   guidance-duty    条款4.2 Guidance 2/2025 [official-guidance]\n"))
        #expect(r.stdout.contains("      已满足   高   deployer-notice  第50条第1款 Regulation (EX) 1/2024\n"))
        #expect(r.stdout.contains("  义务：1 项待确定，2 项已满足\n  mini: 需复核: 1\n"))
        for word in ["undetermined", "needs-review", " met ", " high "] { #expect(!r.stdout.contains(word), "'\(word)' in the Chinese report") }
    }

    @Test("the text report of the fixture fleet matches its golden files, in English and Chinese")
    func golden() throws {
        for (language, name) in [("en", "check.txt"), ("zh", "check-zh.txt")] {
            let r = try runGovcheck(["check"] + miniArgs + [descriptors, "--fail-on", "none", "--all", "--lang", language])
            #expect(r.status == 2, "two fixtures are input errors: \(r.stderr)")
            try expectGolden(name, r.stdout)
        }
    }

    @Test("the README's report excerpt is what govcheck prints")
    func readmeExcerpt() throws {
        let readme = try String(contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let command = "govcheck check --as-of 2026-11-22 Samples/eu-emotion-recognition-workplace.yaml --pack eu-ai-act"
        let start = try #require(readme.range(of: "```\n$ \(command)\n"), "the README's excerpt runs another command")
        let end = try #require(readme.range(of: "\n```", range: start.upperBound..<readme.endIndex))
        let quoted = String(readme[start.upperBound..<end.lowerBound])
        let r = try runGovcheck(Array(command.split(separator: " ").dropFirst().map(String.init)))
        #expect(r.status == 1)
        #expect(r.stdout == quoted + "\n", "README.md quotes an old report; it prints now:\n\(r.stdout)")
    }
}
