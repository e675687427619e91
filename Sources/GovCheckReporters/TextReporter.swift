import GovCheckEngine

/// The report for people: per descriptor and pack, the tier with its reasons, then obligations
/// grouped by status with citations, deadlines and fixes; a summary at the end.
public struct TextReporter: Sendable {
    public let style: Style
    public let language: Language

    public init(style: Style = .plain, language: Language = .en) {
        self.style = style
        self.language = language
    }

    /// The full report for callers that hold every result.
    public func render(_ report: CheckReport, policy: FailPolicy) -> String { render(report, policy: policy, summaryOnly: false) }

    /// One line per descriptor, then the summary, for callers that hold every result.
    public func renderSummary(_ report: CheckReport, policy: FailPolicy) -> String { render(report, policy: policy, summaryOnly: true) }

    func render(_ report: CheckReport, policy: FailPolicy, summaryOnly: Bool) -> String {
        let o = ReportOutput()
        let sink = TextSink(reporter: self, output: o, summaryOnly: summaryOnly)
        sink.begin(RunInfo(asOf: report.asOf, packs: report.packs, policy: policy))
        for r in report.results { sink.result(r) }
        for e in report.errors { sink.error(e) }
        sink.end(RunSummary(asOf: report.asOf, failOn: policy.spelled, results: report.results, errors: report.errors, policy: policy))
        o.close()
        return o.text
    }

    /// One descriptor: a header line, its warnings (unless they are printed elsewhere), then each
    /// pack's tier and obligations.
    public func block(_ r: DescriptorResult, _ run: RunInfo, withDiagnostics: Bool = true) -> String {
        var out = header(r)
        if withDiagnostics { for w in r.diagnostics { out += indent(DiagnosticRenderer.render(w, style: style), 2) } }
        for e in r.evaluations {
            let pack = run.pack(e.pack)
            out += evaluation(e, pack: pack, failing: run.policy.fails(e))
        }
        return out + "\n"
    }

    /// The report's own words in the report's language (identifiers, fact paths and tier and status
    /// ids stay as written: they are what `--fail-on`, JSON and the packs use).
    func t(_ en: String, _ zh: String) -> String { language == .zh ? zh : en }

    func header(_ r: DescriptorResult) -> String {
        style.bold("\(r.file)") + style.dim(r.document > 1 ? " (document \(r.document))" : "") + "  " + style.bold(r.name) + "\n"
    }

    /// `--quiet`: only what fails the gate. Nothing for a descriptor that passes; else the packs
    /// that fail, each with its tier when the tier (or a later one) gates and the duties that gate.
    public func quietBlock(_ r: DescriptorResult, _ run: RunInfo) -> String {
        let policy = run.policy
        let failing = r.evaluations.filter { policy.fails($0) }
        guard !failing.isEmpty else { return "" }
        var out = header(r)
        for e in failing {
            let pack = run.pack(e.pack)
            out += "  " + style.bold(e.pack) + style.dim(" (\(e.jurisdiction)" + (e.baseline.map { ", text \($0)" } ?? "") + ", as of \(e.asOf))") + "\n"
            if policy.tierFails(e) { out += "    " + t("tier: ", "等级：") + decision(e.tier, indent: 6, pack: pack) }
            for c in e.timeline where policy.changeFails(c, in: e) {
                out += "    " + t("from \(c.from): ", "自 \(c.from) 起：") + decision(c.decision, indent: 6, pack: pack)
            }
            let gating = e.obligations.filter { policy.obligationFails($0, in: e) }
            if !gating.isEmpty {
                out += "    " + t("obligations that fail --fail-on: ", "未通过 --fail-on 的义务：") + "\(gating.count)\n"
                let idWidth = min(44, gating.map { DisplayWidth.of($0.id) }.max() ?? 0)
                for o in gating { out += obligation(o, pack: pack, idWidth: idWidth) }
            }
        }
        return out + "\n"
    }

    /// An input that could not be evaluated: its diagnostics, compiler style.
    public func errorBlock(_ e: InputError) -> String {
        e.diagnostics.map { DiagnosticRenderer.render($0, style: style) }.joined() + "\n"
    }

    /// An input that could not be evaluated, when its diagnostics go to standard error: one line
    /// in the report's order, so the report still says which inputs it lacks.
    public func errorNotice(_ e: InputError) -> String {
        let n = e.diagnostics.filter { $0.severity == .error }.count
        return style.red("ERR ") + " " + e.file + (e.document.map { $0 > 1 ? " (document \($0))" : "" } ?? "")
            + ": not evaluated, \(n) error\(n == 1 ? "" : "s") (printed on standard error)\n"
    }

    /// One line for a descriptor: each pack's tier, later tiers, and counts of open duties.
    public func line(_ r: DescriptorResult, _ run: RunInfo) -> String {
        var parts: [String] = []
        for e in r.evaluations {
            var tier = e.tier.label
            for c in e.timeline { tier += " → \(c.decision.label) \(c.from)" }
            var counts: [ObligationStatus: Int] = [:]
            for o in e.obligations { counts[o.status, default: 0] += 1 }
            let shown = [ObligationStatus.missing, .undetermined, .upcoming].compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
            parts.append("\(e.pack): \(tier)" + (shown.isEmpty ? "" : " (" + shown.joined(separator: ", ") + ")"))
        }
        let failing = r.evaluations.contains { run.policy.fails($0) }
        let baselined = r.evaluations.reduce(0) { n, e in
            n + (e.tier.baselined ? 1 : 0) + e.timeline.filter { $0.decision.baselined }.count + e.obligations.filter(\.baselined).count
        }
        return (failing ? style.red("FAIL") : "ok  ") + " \(r.file)" + (r.document > 1 ? "#\(r.document)" : "") + "  \(r.name)  "
            + parts.joined(separator: "; ") + (baselined > 0 ? style.dim("  [\(baselined) baselined]") : "") + "\n"
    }

    /// An input error as one line per diagnostic.
    public func errorLine(_ e: InputError) -> String {
        e.diagnostics.map { d in style.red("ERR ") + " \(d.file):\(d.line):\(d.column): \(d.message) [\(d.code)]\n" }.joined()
    }

    func indent(_ s: String, _ n: Int) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : String(repeating: " ", count: n) + $0 }
            .joined(separator: "\n")
    }

    func tierColor(_ d: TierDecision) -> (String) -> String {
        if d.status != .decided { return { self.style.magenta(self.style.bold($0)) } }
        switch d.severity {
        case .critical: return { self.style.red(self.style.bold($0)) }
        case .high: return { self.style.red($0) }
        case .medium, .low: return { self.style.yellow($0) }
        case .info, .none: return { self.style.green($0) }
        }
    }

    func evaluation(_ e: PackEvaluation, pack: RulePack?, failing: Bool) -> String {
        var out = "  " + style.bold(e.pack) + style.dim(t(" (", "（") + e.jurisdiction + (e.baseline.map { t(", text \($0)", "，文本 \($0)") } ?? "")
                                                         + t(", as of \(e.asOf))", "，评估日 \(e.asOf)）")) + "\n"
        let tier = e.tier
        if e.timeline.isEmpty {
            out += "    " + t("tier: ", "等级：") + decision(tier, indent: 6, pack: pack)
        } else {
            // The tier line says what holds now and what comes, then each step with its reasons.
            var line = tierColor(tier)(tier.label) + t(" now", "（现行）")
            for c in e.timeline {
                line += t("; ", "；") + tierColor(c.decision)(c.decision.label) + t(" from \(c.from)", "（自 \(c.from) 起）")
                let cites = c.decision.reasons.map { $0.citation.text.text(language) }
                if !cites.isEmpty { line += t(" (", "（") + cites.joined(separator: t("; ", "；")) + t(")", "）") }
            }
            out += "    " + t("tier: ", "等级：") + line + "\n"
            out += "      " + t("now: ", "现行：") + decision(tier, indent: 8, pack: pack)
            for c in e.timeline {
                out += "      " + t("from \(c.from): ", "自 \(c.from) 起：") + decision(c.decision, indent: 8, pack: pack)
            }
        }
        if !e.assumptions.isEmpty {
            out += "    " + t("assumed: ", "默认假设：") + e.assumptions.map { "\($0.fact) = \($0.value)" }.joined(separator: ", ") + "\n"
        }
        if e.obligations.isEmpty {
            out += "    " + t("obligations: none apply", "义务：均不适用") + "\n"
        } else {
            let counts = ObligationStatus.allCases.compactMap { s -> String? in
                let n = e.obligations.filter { $0.status == s }.count
                return n == 0 ? nil : "\(n) \(s.rawValue)"
            }
            out += "    " + t("obligations: ", "义务：") + counts.joined(separator: ", ") + "\n"
            let idWidth = min(44, e.obligations.map { DisplayWidth.of($0.id) }.max() ?? 0)
            for o in e.obligations { out += obligation(o, pack: pack, idWidth: idWidth) }
        }
        return out
    }

    /// A tier decision: its label and title on the current line, then reasons and deciding facts.
    func decision(_ t: TierDecision, indent n: Int, pack: RulePack?) -> String {
        let color = tierColor(t)
        let pad = String(repeating: " ", count: n)
        var out = ""
        switch t.status {
        case .decided:
            out += color(t.label) + (t.title.map { " — " + $0.text(language) } ?? "") + mark(t.baselineState) + "\n"
            for r in t.reasons { out += reason(r, pack: pack, indent: n) }
        case .needsReview:
            out += color("needs-review") + self.t(" — could be ", " — 可能为 ") + t.possible.joined(separator: self.t(" or ", " 或 ")) + mark(t.baselineState) + "\n"
            if let tier = t.tier { out += pad + self.t("holds at least: ", "至少为：") + "\(tier)\n" }
            for r in t.reasons { out += reason(r, pack: pack, indent: n) }
            out += pad + self.t("decide by stating: ", "需说明的事实：") + t.decidingFacts.joined(separator: ", ") + "\n"
        case .unclassified:
            out += color("unclassified") + self.t(" — no tier of this pack holds", " — 本规则包没有适用的等级") + "\n"
        }
        return out
    }

    func citation(_ c: CitationRef, pack: RulePack?) -> String {
        var s = c.label.text(language)
        if !c.status.isBinding { s += " [\(c.status.rawValue)]" }
        return s
    }

    func reason(_ r: TierReason, pack: RulePack?, indent n: Int) -> String {
        let pad = String(repeating: " ", count: n)
        var out = pad + t("because ", "依据 ") + style.bold(r.rule) + "  " + style.cyan(citation(r.citation, pack: pack)) + "\n"
            + pad + "  " + style.dim(r.rationale.text(language)) + "\n"
        if !r.facts.isEmpty {
            let shown = r.facts.prefix(6).map { f in f.path + " " + (f.value.map { "= \($0)" + (f.assumed ? t(" (default)", "（默认值）") : "") } ?? t("not stated", "未说明")) }
            out += pad + "  " + style.dim(t("on: ", "事实：") + shown.joined(separator: ", ") + (r.facts.count > 6 ? t(", and \(r.facts.count - 6) more", "，另有 \(r.facts.count - 6) 项") : "")) + "\n"
        }
        return out
    }

    /// How a finding compares with the run's findings baseline; nothing for a new one (or without a baseline).
    func mark(_ state: BaselineState?) -> String {
        switch state {
        case .unchanged?: return style.dim("  [baselined]")
        case .updated?: return style.yellow("  [status changed since the baseline]")
        case .new?, nil: return ""
        }
    }

    /// Width of the status column: the longest status plus one space.
    static let statusWidth = (ObligationStatus.allCases.map { $0.rawValue.count }.max() ?? 14) + 1

    func statusLabel(_ s: ObligationStatus) -> String {
        // The widest status (not-applicable, 14 characters) keeps a space before the severity.
        let padded = DisplayWidth.pad(s.rawValue, TextReporter.statusWidth)
        switch s {
        case .missing: return style.red(padded)
        case .undetermined: return style.magenta(padded)
        case .upcoming: return style.blue(padded)
        case .met: return style.green(padded)
        case .notApplicable, .disabled, .waived: return style.dim(padded)
        }
    }

    func obligation(_ o: ObligationResult, pack: RulePack?, idWidth: Int) -> String {
        var out = "      " + statusLabel(o.status) + DisplayWidth.pad(o.severity.rawValue, 9) + DisplayWidth.pad(o.id, idWidth) + "  "
            + style.cyan(citation(o.citation, pack: pack)) + mark(o.baselineState) + "\n"
        let pad = String(repeating: " ", count: 6 + TextReporter.statusWidth + 9)
        out += pad + o.title.text(language)
        if o.status == .upcoming || o.status == .undetermined {
            var when = t("applies from ", "适用自 ") + (o.possibleStarts.isEmpty ? o.appliesFrom.description
                                          : o.possibleStarts.map(\.description).joined(separator: t(" or ", " 或 ")) + t(" by route", "（视路径而定）"))
            if let tier = o.tierAtStart { when += t(", with tier \(tier)", "，届时等级 \(tier)") }
            out += style.dim("  (\(when))")
        }
        out += "\n"
        if let b = o.boundAs { out += pad + t("bound as \(b.role) under \(citation(b.citation, pack: pack))", "以 \(b.role) 身份受约束，依据 \(citation(b.citation, pack: pack))") + "\n" }
        switch o.status {
        case .missing:
            if !o.missingEvidence.isEmpty { out += pad + t("evidence: ", "需记录的证据：") + o.missingEvidence.joined(separator: ", ") + "\n" }
            if let r = o.remediation { out += pad + t("fix: ", "整改：") + r.text(language) + "\n" }
        case .undetermined:
            out += pad + t("decide by stating: ", "需说明的事实：") + o.decidingFacts.joined(separator: ", ") + "\n"
        case .upcoming where !o.decidingFacts.isEmpty:
            out += pad + t("start date decided by: ", "起始日期取决于：") + o.decidingFacts.joined(separator: ", ") + "\n"
        case .disabled:
            out += pad + t("disabled: ", "已停用：") + (o.disabledReason ?? "") + "\n"
        case .waived:
            if let w = o.waiver {
                out += pad + "waived by \(w.id) until \(w.expires), approved by \(w.approvedBy) (ticket \(w.ticket)): \(w.justification)\n"
            }
        default: break
        }
        if let w = o.waiver, w.expired {
            out += pad + style.red("waiver \(w.id) expired on \(w.expires)") + ": the finding is reported as it stands and fails the gate\n"
        }
        return out
    }

    /// The closing summary: counts of descriptors, errors, obligations and tiers, and the gate.
    public func summary(_ s: RunSummary) -> String {
        var tiers: [(String, Int)] = []
        for (pack, byTier) in s.tiers { for (t, n) in byTier { tiers.append(("\(pack): \(t)", n)) } }
        let statuses = ObligationStatus.allCases.compactMap { st -> String? in s.obligations[st].map { "\($0) \(st.rawValue)" } }
        var out = language == .zh
            ? style.bold("汇总") + "：已检查 \(s.descriptors) 个描述文件，\(s.inputErrors) 个输入错误，评估日 \(s.asOf)\n"
            : style.bold("Summary") + ": \(s.descriptors) descriptor\(s.descriptors == 1 ? "" : "s") checked, "
                + "\(s.inputErrors) input error\(s.inputErrors == 1 ? "" : "s"), as of \(s.asOf)\n"
        if s.skipped > 0 {
            out += "  skipped \(s.skipped) file\(s.skipped == 1 ? "" : "s") that \(s.skipped == 1 ? "is not a govcheck descriptor" : "are not govcheck descriptors") (--verbose lists them)\n"
        }
        if !statuses.isEmpty { out += "  " + t("obligations: ", "义务：") + statuses.joined(separator: ", ") + "\n" }
        for (k, n) in tiers.sorted(by: { $0.0 < $1.0 }) { out += "  \(k): \(n)\n" }
        if let b = s.baseline {
            var parts = ["\(b.baselined) finding\(b.baselined == 1 ? "" : "s") baselined (not gating)",
                         "\(b.new) new" + (b.changed > 0 ? " (\(b.changed) with a status changed since the baseline)" : ""),
                         "\(b.fixed) fixed"]
            if b.notChecked > 0 { parts.append("\(b.notChecked) not checked in this run (their descriptor or pack was not evaluated)") }
            out += "  baseline \(b.file): " + parts.joined(separator: ", ") + "\n"
        }
        if let w = s.waivers {
            let unused = w.uses.filter { $0.applied == 0 && $0.expiredMatches == 0 && $0.refused == 0 }.count
            out += "  waivers (\(w.file)): \(w.applied) finding\(w.applied == 1 ? "" : "s") waived"
                + (w.expiredMatches > 0 ? ", " + style.red("\(w.expiredMatches) with an expired waiver") : "")
                + (unused > 0 ? ", \(unused) waiver\(unused == 1 ? "" : "s") unused" : "")
                + (w.hasErrors ? ", " + style.red("errors (printed on standard error)") : "") + "\n"
        }
        out += "  fail-on \(s.failOn.isEmpty ? "none" : s.failOn.joined(separator: ",")): "
            + (s.failing == 0 ? style.green(t("0 descriptors fail", "0 个描述文件未通过"))
                : style.red(t("\(s.failing) descriptor\(s.failing == 1 ? "" : "s") fail", "\(s.failing) 个描述文件未通过"))) + "\n"
        return out
    }
}

/// Text written while the fleet is checked: a block (or, for `--summary`, a line) per descriptor
/// as it comes, input errors in their place, the summary at the end. With `--quiet`, only what
/// fails the gate. With `diagnosticsElsewhere` (the CLI prints them on standard error), input
/// errors are one line each and descriptor warnings are left out.
public final class TextSink: ReportSink {
    let reporter: TextReporter
    let out: ReportOutput
    let summaryOnly: Bool
    let quiet: Bool
    let diagnosticsElsewhere: Bool
    var run: RunInfo?

    public init(reporter: TextReporter, output: ReportOutput, summaryOnly: Bool, quiet: Bool = false, diagnosticsElsewhere: Bool = false) {
        self.reporter = reporter
        self.out = output
        self.summaryOnly = summaryOnly
        self.quiet = quiet
        self.diagnosticsElsewhere = diagnosticsElsewhere
    }

    public func begin(_ run: RunInfo) { self.run = run }

    public func result(_ r: DescriptorResult) {
        guard let run else { return }
        if quiet && !r.evaluations.contains(where: { run.policy.fails($0) }) { return }
        if summaryOnly { out.write(reporter.line(r, run)) }
        else if quiet { out.write(reporter.quietBlock(r, run)) }
        else { out.write(reporter.block(r, run, withDiagnostics: !diagnosticsElsewhere)) }
    }

    public func error(_ e: InputError) {
        if diagnosticsElsewhere {
            out.write(reporter.errorNotice(e))
        } else {
            out.write(summaryOnly ? reporter.errorLine(e) : reporter.errorBlock(e))
        }
    }

    public func end(_ summary: RunSummary) { out.write(reporter.summary(summary)) }
}
