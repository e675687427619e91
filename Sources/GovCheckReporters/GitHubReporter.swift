import Foundation
import GovCheckEngine

/// GitHub Actions workflow commands: an `::error` annotation for each finding that fails the gate,
/// `::warning` and `::notice` for the others, at the descriptor field that decided each; and, when
/// the job has a step summary file (`GITHUB_STEP_SUMMARY`), a markdown summary appended to it.
/// Every value comes from descriptors and packs, so every value is escaped: a name cannot end a
/// command or start another one.
public enum GitHubCommands {
    /// The message part: `%`, CR and LF escaped (GitHub's rules for command data).
    public static func data(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A property value: as data, and also `:` and `,`, which would end the value.
    public static func property(_ s: String) -> String {
        var out = ""
        for ch in data(s).unicodeScalars {
            switch ch {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// One annotation command on one line.
    static func command(_ f: Finding) -> String {
        let name = f.level == .error ? "error" : (f.level == .warning ? "warning" : "notice")
        return "::\(name) file=\(property(ReportPath.relative(f.file))),line=\(f.line),col=\(f.column),title=\(property(f.title))::\(data(f.message))\n"
    }
}

/// Writes the annotations as results come; the step summary at the end.
public final class GitHubSink: ReportSink {
    /// Rows per table of the step summary; the rest are counted (annotations and other reports list all).
    public static let summaryRows = 200

    let out: ReportOutput
    let stepSummary: String?
    let language: Language
    var run: RunInfo?
    var gating: [Finding] = []
    var gatingCount = 0
    var waived: [Finding] = []
    var waivedCount = 0
    var errors: [Finding] = []
    var errorCount = 0
    /// Set when the step summary could not be written.
    public private(set) var summaryFailed = false

    /// `stepSummary`: the file to append the markdown summary to (`$GITHUB_STEP_SUMMARY`), if any.
    public init(output: ReportOutput, stepSummary: String?, language: Language = .en) {
        self.out = output
        self.stepSummary = stepSummary.flatMap { $0.isEmpty ? nil : $0 }
        self.language = language
    }

    public func begin(_ run: RunInfo) { self.run = run }

    func emit(_ findings: [Finding]) {
        for f in findings {
            out.write(GitHubCommands.command(f))
            if f.kind == .diagnostic && f.level == .error {
                errorCount += 1
                if errors.count < GitHubSink.summaryRows { errors.append(f) }
            } else if f.level == .error {
                gatingCount += 1
                if gating.count < GitHubSink.summaryRows { gating.append(f) }
            } else if f.status == ObligationStatus.waived.rawValue {
                waivedCount += 1
                if waived.count < GitHubSink.summaryRows { waived.append(f) }
            }
        }
    }

    public func result(_ r: DescriptorResult) {
        guard let run else { return }
        emit(FindingBuilder(run: run, language: language).findings(r))
    }

    public func error(_ e: InputError) {
        guard let run else { return }
        emit(FindingBuilder(run: run, language: language).findings(e))
    }

    public func end(_ summary: RunSummary) {
        guard let run else { return }
        emit(FindingBuilder(run: run, language: language).findings(summary.waivers))
        let failOn = summary.failOn.isEmpty ? "none" : summary.failOn.joined(separator: ",")
        let line = l(en: "\(summary.descriptors) descriptor\(summary.descriptors == 1 ? "" : "s") checked as of \(summary.asOf), "
                        + "\(summary.inputErrors) input error\(summary.inputErrors == 1 ? "" : "s"), \(summary.failing) failing --fail-on \(failOn)",
                     zh: "检查了 \(summary.descriptors) 个描述文件（评估日 \(summary.asOf)），\(summary.inputErrors) 个输入错误，"
                        + "\(summary.failing) 个未通过 --fail-on \(failOn)")
        out.write("::notice title=govcheck::\(GitHubCommands.data(line))\n")
        guard let stepSummary else { return }
        let text = markdown(summary, failOn: failOn)
        guard let h = FileHandle(forWritingAtPath: stepSummary) ?? {
            FileManager.default.createFile(atPath: stepSummary, contents: nil) ? FileHandle(forWritingAtPath: stepSummary) : nil
        }() else {
            summaryFailed = true
            return
        }
        do {
            try h.seekToEnd()
            try h.write(contentsOf: Data(text.utf8))
            try h.close()
        } catch {
            summaryFailed = true
        }
    }

    func row(_ f: Finding) -> String {
        "| " + [f.descriptor, f.pack ?? "", f.title, f.message].map(Markdown.text).joined(separator: " | ")
            + " | \(Markdown.text(ReportPath.relative(f.file))):\(f.line) |\n"
    }

    var l: ReportLabels { ReportLabels(language) }

    func markdown(_ s: RunSummary, failOn: String) -> String {
        var md = "## govcheck\n\n"
        md += s.exitCode == 0 ? l(en: "**Passed**", zh: "**通过**")
            : (s.exitCode == 1 ? l(en: "**Failed**: findings at or above `--fail-on`", zh: "**未通过**：有达到 `--fail-on` 阈值的发现")
                : l(en: "**Failed**: input errors", zh: "**未通过**：输入错误"))
        md += l(en: " — \(s.descriptors) descriptor\(s.descriptors == 1 ? "" : "s") checked as of \(s.asOf), \(s.failing) failing `--fail-on \(Markdown.text(failOn))`, \(s.inputErrors) input error\(s.inputErrors == 1 ? "" : "s").\n\n",
                zh: " — 检查了 \(s.descriptors) 个描述文件（评估日 \(s.asOf)），\(s.failing) 个未通过 `--fail-on \(Markdown.text(failOn))`，\(s.inputErrors) 个输入错误。\n\n")
        if !s.tiers.isEmpty {
            md += l(en: "| Pack | Tier | Descriptors |", zh: "| 规则包 | 等级 | 描述文件数 |") + "\n|---|---|---|\n"
            for p in s.tiers.keys.sorted() {
                for t in s.tiers[p]!.keys.sorted() { md += "| \(Markdown.text(p)) | \(Markdown.text(t)) | \(s.tiers[p]![t]!) |\n" }
            }
            md += "\n"
        }
        let statuses = ObligationStatus.allCases.compactMap { st in
            s.obligations[st].map { language == .zh ? "\(l.status(st)) \($0)" : "\($0) \(st.rawValue)" }
        }
        if !statuses.isEmpty { md += l(en: "Obligations: ", zh: "义务：") + statuses.joined(separator: l(en: ", ", zh: "，")) + l(en: ".\n\n", zh: "。\n\n") }
        func table(_ title: String, _ rows: [Finding], _ total: Int) {
            guard total > 0 else { return }
            md += l(en: "### \(title) (\(total))\n\n| Descriptor | Pack | Finding | Details | Where |",
                    zh: "### \(title)（\(total)）\n\n| 描述文件 | 规则包 | 发现 | 详情 | 位置 |") + "\n|---|---|---|---|---|\n"
            for f in rows { md += row(f) }
            if total > rows.count {
                md += l(en: "\nand \(total - rows.count) more: see the annotations or the SARIF report.\n",
                        zh: "\n另有 \(total - rows.count) 项：见注释（annotations）或 SARIF 报告。\n")
            }
            md += "\n"
        }
        table(l(en: "Fail the gate", zh: "导致未通过"), gating, gatingCount)
        table(l(en: "Not evaluated", zh: "未能评估"), errors, errorCount)
        table(l(en: "Waived", zh: "已豁免"), waived, waivedCount)
        if let w = s.waivers {
            md += l(en: "Waivers (\(Markdown.text(w.file))): \(w.applied) finding\(w.applied == 1 ? "" : "s") waived, \(w.expiredMatches) with an expired waiver.\n\n",
                    zh: "豁免（\(Markdown.text(w.file))）：\(w.applied) 项发现已豁免，\(w.expiredMatches) 项的豁免已到期。\n\n")
        }
        return md
    }
}

/// GitLab Code Quality (a JSON array of issues), so findings show in merge requests: each issue
/// with its description, check name, fingerprint, severity and place. Findings that fail the
/// gate are `major` or above (`blocker` for critical ones), the others `minor` or `info`.
public final class GitLabSink: ReportSink {
    struct Issue: Encodable {
        let description: String
        let check_name: String
        let fingerprint: String
        let severity: String
        let location: Location
    }
    struct Location: Encodable {
        let path: String
        let lines: Lines
    }
    struct Lines: Encodable { let begin: Int }

    let out: ReportOutput
    let language: Language
    var run: RunInfo?
    var wrote = false
    /// Fingerprints given so far: two descriptors with one name get distinct ones.
    var seen = Set<String>()
    let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public init(output: ReportOutput, language: Language = .en) {
        self.out = output
        self.language = language
    }

    static func severity(_ f: Finding) -> String {
        if f.level == .error {
            if f.kind == .diagnostic { return "critical" }
            switch f.severity ?? .high {
            case .critical: return "blocker"
            case .high: return "critical"
            default: return "major"
            }
        }
        return f.level == .warning ? "minor" : "info"
    }

    public func begin(_ run: RunInfo) {
        self.run = run
        out.write("[")
    }

    func emit(_ findings: [Finding]) {
        for f in findings {
            var fp = f.fingerprint
            if !seen.insert(fp).inserted {
                fp = Fingerprint.of(descriptor: f.file + "\u{1F}" + f.descriptor, pack: f.pack ?? "", rule: f.ruleID + "\u{1F}\(f.line):\(f.column)")
                seen.insert(fp)
            }
            let issue = Issue(description: f.message, check_name: f.ruleID, fingerprint: fp, severity: GitLabSink.severity(f),
                              location: Location(path: ReportPath.relative(f.file), lines: Lines(begin: max(1, f.line))))
            guard let data = try? encoder.encode(issue) else { continue }
            out.write((wrote ? ",\n  " : "\n  ") + String(decoding: data, as: UTF8.self))
            wrote = true
        }
    }

    public func result(_ r: DescriptorResult) {
        guard let run else { return }
        emit(FindingBuilder(run: run, language: language).findings(r))
    }

    public func error(_ e: InputError) {
        guard let run else { return }
        emit(FindingBuilder(run: run, language: language).findings(e))
    }

    public func end(_ summary: RunSummary) {
        if let run { emit(FindingBuilder(run: run, language: language).findings(summary.waivers)) }
        out.write(wrote ? "\n]\n" : "]\n")
    }
}
