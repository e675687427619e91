import Foundation
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

    /// One descriptor: its header, its warnings (unless they are printed elsewhere), each pack's
    /// tier and obligations, then the facts that would decide what is still open.
    public func block(_ r: DescriptorResult, _ run: RunInfo, withDiagnostics: Bool = true) -> String {
        var out = header(r)
        if withDiagnostics { for w in r.diagnostics { out += indent(DiagnosticRenderer.render(w, style: style), 2) } }
        let open = OpenFacts(r.evaluations)
        for e in r.evaluations {
            out += evaluation(e, Scope(run: run, pack: e.pack, open: open, wording: wording(run)), failing: run.policy.fails(e))
        }
        out += openFacts(open, file: r.resumable ? r.file : nil, wording: wording(run))
        return out + "\n"
    }

    /// The report's own words in the report's language (identifiers, fact paths and tier ids stay
    /// as written: they are what `--fail-on`, JSON and the packs use).
    func t(_ en: String, _ zh: String) -> String { language == .zh ? zh : en }

    var labels: ReportLabels { ReportLabels(language) }

    func wording(_ run: RunInfo) -> FactWording { FactWording(packs: run.packs, language: language) }

    /// What one pack's part of a block needs: the pack, the ranking of the open facts, their words.
    struct Scope {
        let run: RunInfo
        let pack: String
        let open: OpenFacts
        let wording: FactWording
    }

    /// One line of the report at `indent`, folded to the report's width; continuation lines start
    /// at `hang` (default: two more than the indent).
    func emit(_ indent: Int, _ text: String, hang: Int? = nil) -> String {
        let line = String(repeating: " ", count: indent) + text
        let preferred = hang ?? indent + 2
        // A unit too wide for the preferred continuation column (a long fact path under a label)
        // gets the nearer columns before it is left to overflow.
        var folded = TextLayout.fold(line, hang: preferred)
        for h in [indent + 2, indent] where h < preferred && TextLayout.widest(folded) > TextLayout.width {
            folded = TextLayout.fold(line, hang: h)
        }
        return folded + "\n"
    }

    func width(_ s: String) -> Int { DisplayWidth.of(TextLayout.plain(s)) }

    /// A label and its items: on one line for a single item, else the label and one item a line.
    func list(_ label: String, _ items: [String], more: Int = 0, indent n: Int, styled: (String) -> String = { $0 }) -> String {
        guard !items.isEmpty else { return "" }
        if items.count == 1 && more == 0 {
            let lead = label + (language == .zh ? "" : " ")
            return emit(n, styled(lead + items[0]), hang: n + width(lead))
        }
        var out = emit(n, styled(label))
        for i in items { out += emit(n + 2, styled("- " + i), hang: n + 4) }
        if more > 0 { out += emit(n + 2, styled(t("and \(more) more", "另有 \(more) 项"))) }
        return out
    }

    /// The head of a system: its name, organisation and purpose as the descriptor states them, and
    /// the descriptor it comes from.
    func header(_ r: DescriptorResult) -> String {
        let a = r.about
        var out = emit(0, style.bold(TextLayout.whole(a.name ?? r.name)))
        var rows: [(String, String)] = []
        if let o = a.organisation { rows.append((t("organisation:", "组织："), o)) }
        if let p = a.purpose { rows.append((t("purpose:", "预期用途："), p)) } else if let d = a.description { rows.append((t("description:", "说明："), d)) }
        if a.name == nil, let m = a.model { rows.append((t("model:", "模型："), m)) }
        var file = TextLayout.whole(r.file) + style.dim(r.document > 1 ? t(" (document \(r.document))", "（第 \(r.document) 个文档）") : "")
        if a.name != nil && a.name != r.name { file += t(" (", "（") + TextLayout.whole(r.name) + t(")", "）") }
        rows.append((t("descriptor:", "描述文件："), file))
        let labelWidth = rows.map { width($0.0) }.max()! + 1
        for (label, value) in rows {
            out += emit(2, style.dim(DisplayWidth.pad(label, labelWidth)) + value, hang: 2 + labelWidth)
        }
        return out
    }

    /// `--quiet`: only what fails the gate. Nothing for a descriptor that passes; else the packs
    /// that fail, each with its tier when the tier (or a later one) gates and the duties that gate.
    public func quietBlock(_ r: DescriptorResult, _ run: RunInfo) -> String {
        let policy = run.policy
        let failing = r.evaluations.filter { policy.fails($0) }
        guard !failing.isEmpty else { return "" }
        var out = header(r)
        let open = OpenFacts(r.evaluations)
        var asksFacts = false
        for e in failing {
            let scope = Scope(run: run, pack: e.pack, open: open, wording: wording(run))
            out += packLine(e)
            if policy.tierFails(e) {
                out += decision(e.tier, at: 4, lead: t("tier: ", "等级："), body: 6, scope)
                asksFacts = asksFacts || !e.tier.decidingFacts.isEmpty
            }
            for c in e.timeline where policy.changeFails(c, in: e) {
                out += decision(c.decision, at: 4, lead: t("from \(c.from): ", "自 \(c.from) 起："), body: 6, scope)
                asksFacts = asksFacts || !c.decision.decidingFacts.isEmpty
            }
            let gating = e.obligations.filter { policy.obligationFails($0, in: e) }
            if !gating.isEmpty {
                out += emit(4, t("obligations that fail --fail-on: ", "未通过 --fail-on 的义务：") + "\(gating.count)")
                let idWidth = min(44, gating.map { DisplayWidth.of($0.id) }.max() ?? 0)
                for o in gating { out += obligation(o, scope, idWidth: idWidth) }
                asksFacts = asksFacts || gating.contains { !$0.decidingFacts.isEmpty }
            }
        }
        if asksFacts && r.resumable { out += resumeHint(r.file, afterList: false) }
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
        return emit(0, style.red("ERR ") + " " + TextLayout.whole(e.file) + (e.document.map { $0 > 1 ? " (document \($0))" : "" } ?? "")
                    + ": not evaluated, \(n) error\(n == 1 ? "" : "s") (printed on standard error)", hang: 5)
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

    /// A tier as the report names it: the tier id, or "needs-review" / "unclassified" in the
    /// report's language.
    func tierLabel(_ d: TierDecision) -> String {
        switch d.status {
        case .decided: return d.tier.map(TextLayout.whole) ?? tierWord("unclassified")
        case .needsReview, .unclassified: return tierWord(d.label)
        }
    }

    /// The two tier labels that are not tier ids, in the report's language.
    func tierWord(_ label: String) -> String {
        switch label {
        case "needs-review": return t("needs-review", labels(.needsReview))
        case "unclassified": return t("unclassified", labels(.unclassified))
        default: return TextLayout.whole(label)
        }
    }

    func packLine(_ e: PackEvaluation) -> String {
        emit(2, style.bold(TextLayout.whole(e.pack)) + style.dim(t(" (", "（") + e.jurisdiction + (e.baseline.map { t(", text \($0)", "，文本 \($0)") } ?? "")
                                                             + t(", as of \(e.asOf))", "，评估日 \(e.asOf)）")), hang: 4)
    }

    func evaluation(_ e: PackEvaluation, _ scope: Scope, failing: Bool) -> String {
        var out = packLine(e)
        let tier = e.tier
        let tierLead = t("tier: ", "等级：")
        if e.timeline.isEmpty {
            out += decision(tier, at: 4, lead: tierLead, body: 6, scope)
        } else {
            // The tier line says what holds now and what comes, then each step with its reasons.
            var line = tierColor(tier)(tierLabel(tier)) + t(" now", "（现行）")
            for c in e.timeline {
                line += t("; ", "；") + tierColor(c.decision)(tierLabel(c.decision)) + t(" from \(c.from)", "（自 \(c.from) 起）")
                let cites = c.decision.reasons.map { TextLayout.whole($0.citation.text.text(language)) }
                if !cites.isEmpty { line += t(" (", "（") + cites.joined(separator: t("; ", "；")) + t(")", "）") }
            }
            out += emit(4, tierLead + line, hang: 4 + width(tierLead))
            out += decision(tier, at: 6, lead: t("now: ", "现行："), body: 8, scope)
            for c in e.timeline {
                out += decision(c.decision, at: 6, lead: t("from \(c.from): ", "自 \(c.from) 起："), body: 8, scope)
            }
        }
        if !e.assumptions.isEmpty {
            out += list(t("assumed:", "默认假设："), e.assumptions.map { scope.wording.phrase($0.fact, pack: e.pack, detail: " = \($0.value)") }, indent: 4)
        }
        if e.obligations.isEmpty {
            out += emit(4, t("obligations: none apply", "义务：均不适用"))
        } else {
            let counts = ObligationStatus.allCases.compactMap { s -> String? in
                let n = e.obligations.filter { $0.status == s }.count
                return n == 0 ? nil : t("\(n) \(s.rawValue)", "\(n) 项\(labels.status(s))")
            }
            out += emit(4, t("obligations: ", "义务：") + counts.joined(separator: t(", ", "，")), hang: 6)
            let idWidth = min(44, e.obligations.map { DisplayWidth.of($0.id) }.max() ?? 0)
            for o in e.obligations { out += obligation(o, scope, idWidth: idWidth) }
        }
        return out
    }

    /// A tier decision: `lead`, its label and title on a line at `n`, then reasons and the facts
    /// that would decide it at `body`.
    func decision(_ d: TierDecision, at n: Int, lead: String, body: Int, _ scope: Scope) -> String {
        let color = tierColor(d)
        let hang = n + width(lead)
        var out = ""
        switch d.status {
        case .decided:
            out += emit(n, lead + color(tierLabel(d)) + (d.title.map { " — " + $0.text(language) } ?? "") + mark(d.baselineState), hang: hang)
            for r in d.reasons { out += reason(r, scope, indent: body) }
        case .needsReview:
            out += emit(n, lead + color(tierLabel(d)) + t(" — could be ", " — 可能为 ") + d.possible.map(TextLayout.whole).joined(separator: t(" or ", " 或 "))
                        + mark(d.baselineState), hang: hang)
            if let tier = d.tier { out += emit(body, t("holds at least: ", "至少为：") + TextLayout.whole(tier)) }
            for r in d.reasons { out += reason(r, scope, indent: body) }
            out += deciding(d.decidingFacts, label: t("decide by stating:", "需说明的事实："), scope, indent: body)
        case .unclassified:
            out += emit(n, lead + color(tierLabel(d)) + t(" — no tier of this pack holds", " — 本规则包没有适用的等级"), hang: hang)
        }
        return out
    }

    /// The facts that would decide an open tier or duty, those that decide the most open items of
    /// the system first, at most five of them.
    func deciding(_ facts: [String], label: String, _ scope: Scope, indent n: Int) -> String {
        let ranked = scope.open.ranked(facts)
        let shown = ranked.prefix(OpenFacts.shown).map { scope.wording.phrase($0, pack: scope.pack) }
        return list(label, shown, more: ranked.count - shown.count, indent: n)
    }

    /// After the packs: how many open items wait for facts the descriptor does not state, the facts
    /// that decide the most of them, and the command that asks for them (for a `file` it can read).
    func openFacts(_ open: OpenFacts, file: String?, wording: FactWording) -> String {
        guard !open.ranking.isEmpty else { return "" }
        let n = open.items, m = open.ranking.count
        let label = t("to decide: \(n) open item\(n == 1 ? " waits" : "s wait") for \(m) fact\(m == 1 ? "" : "s") not stated"
                      + (m == 1 ? ":" : ", most decisive first:"),
                      "待确定：\(n) 项未决事项取决于 \(m) 项未说明的事实" + (m == 1 ? "：" : "，按决定的事项数排列："))
        let shown = open.ranking.prefix(OpenFacts.shown).map { f in
            wording.phrase(f.path, pack: nil, detail: t(", \(f.count) open item\(f.count == 1 ? "" : "s")", "，\(f.count) 项"))
        }
        var out = emit(2, label, hang: 4)
        for s in shown { out += emit(4, "- " + s, hang: 6) }
        if m > shown.count { out += emit(4, t("and \(m - shown.count) more", "另有 \(m - shown.count) 项")) }
        return out + (file.map { resumeHint($0, afterList: true) } ?? "")
    }

    /// The command that asks the open facts of a descriptor one by one (`afterList`: the facts
    /// were just listed).
    func resumeHint(_ file: String, afterList: Bool) -> String {
        // Quoted for a shell when the path needs it, so the command can be copied as it stands.
        let plain = file.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "_./-+@%:,".unicodeScalars.contains($0)) }
        let path = plain ? file : "'" + file.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let command = "`" + TextLayout.whole("govcheck init --resume " + path) + "`"
        let them = afterList ? t("them", "这些事实") : t("the facts not stated", "未说明的事实")
        return emit(2, style.dim(t("\(command) asks \(them) one by one.", "\(command) 会逐一询问\(them)。")), hang: 4)
    }

    func citation(_ c: CitationRef) -> String {
        let label = c.label.text(language), article = c.text.text(language)
        var s = label.hasPrefix(article) && !article.isEmpty
            ? TextLayout.citation(TextLayout.whole(article) + label.dropFirst(article.count)) : TextLayout.citation(label)
        if !c.status.isBinding { s += " [\(c.status.rawValue)]" }
        return s
    }

    func reason(_ r: TierReason, _ scope: Scope, indent n: Int) -> String {
        let lead = t("because ", "依据 ")
        var out = emit(n, lead + style.bold(TextLayout.whole(r.rule)) + "  " + style.cyan(citation(r.citation)), hang: n + width(lead))
            + emit(n + 2, style.dim(r.rationale.text(language)), hang: n + 2)
        if !r.facts.isEmpty {
            let shown = r.facts.prefix(6).map { f in
                scope.wording.phrase(f.path, pack: scope.pack, detail: f.value.map { " = \($0)" + (f.assumed ? t(", default", "，默认值") : "") } ?? t(", not stated", "，未说明"))
            }
            out += list(t("on:", "事实："), shown, more: r.facts.count - shown.count, indent: n + 2, styled: style.dim)
        }
        return out
    }

    /// How a finding compares with the run's findings baseline; nothing for a new one (or without a baseline).
    func mark(_ state: BaselineState?) -> String {
        switch state {
        case .unchanged?: return style.dim("  [baselined]")
        case .updated?: return "  " + style.yellow(TextLayout.citation("[status changed since the baseline]"))
        case .new?, nil: return ""
        }
    }

    /// A status as the status column shows it: the status id in English (what `--fail-on` takes),
    /// the Chinese word in Chinese.
    func statusWord(_ s: ObligationStatus) -> String { language == .zh ? labels.status(s) : s.rawValue }

    func severityWord(_ s: Severity) -> String { labels.severity(s) }

    /// Width of the status column: the longest status plus one space.
    var statusWidth: Int { (ObligationStatus.allCases.map { DisplayWidth.of(statusWord($0)) }.max() ?? 14) + 1 }

    /// Width of the severity column: the longest severity plus one space.
    var severityWidth: Int { ([Severity.critical, .high, .medium, .low, .info, .none].map { DisplayWidth.of(severityWord($0)) }.max() ?? 8) + 1 }

    func statusLabel(_ s: ObligationStatus) -> String {
        // The widest status (not-applicable, 14 characters) keeps a space before the severity.
        let padded = DisplayWidth.pad(statusWord(s), statusWidth)
        switch s {
        case .missing: return style.red(padded)
        case .undetermined: return style.magenta(padded)
        case .upcoming: return style.blue(padded)
        case .met: return style.green(padded)
        case .notApplicable, .disabled, .waived: return style.dim(padded)
        }
    }

    func obligation(_ o: ObligationResult, _ scope: Scope, idWidth: Int) -> String {
        let n = 6 + statusWidth + severityWidth
        let id = TextLayout.whole(o.id) + String(repeating: " ", count: max(0, idWidth - DisplayWidth.of(o.id)))
        var out = emit(6, statusLabel(o.status) + DisplayWidth.pad(severityWord(o.severity), severityWidth) + id + "  "
                       + style.cyan(citation(o.citation)) + mark(o.baselineState), hang: n)
        var title = o.title.text(language)
        if o.status == .upcoming || o.status == .undetermined {
            var when = t("applies from ", "适用自 ") + (o.possibleStarts.isEmpty ? o.appliesFrom.description
                                          : o.possibleStarts.map(\.description).joined(separator: t(" or ", " 或 ")) + t(" by route", "（视路径而定）"))
            if let tier = o.tierAtStart { when += t(", with tier \(TextLayout.whole(tier))", "，届时等级 \(TextLayout.whole(tier))") }
            title += style.dim(TextLayout.citation(t("  (\(when))", "（\(when)）")))
        }
        out += emit(n, title, hang: n)
        if let b = o.boundAs {
            out += emit(n, t("bound as \(TextLayout.whole(b.role)) under \(citation(b.citation))", "以 \(TextLayout.whole(b.role)) 身份受约束，依据 \(citation(b.citation))"))
        }
        switch o.status {
        case .missing:
            out += list(t("evidence:", "需记录的证据："), o.missingEvidence.map { scope.wording.phrase($0, pack: scope.pack) }, indent: n)
            if let r = o.remediation {
                let lead = t("fix: ", "整改：")
                out += emit(n, lead + r.text(language), hang: n + width(lead))
            }
        case .undetermined:
            out += deciding(o.decidingFacts, label: t("decide by stating:", "需说明的事实："), scope, indent: n)
        case .upcoming where !o.decidingFacts.isEmpty:
            out += deciding(o.decidingFacts, label: t("start date decided by:", "起始日期取决于："), scope, indent: n)
        case .disabled:
            out += emit(n, t("disabled: ", "已停用：") + (o.disabledReason ?? ""))
        case .waived:
            if let w = o.waiver {
                out += emit(n, t("waived by \(w.id) until \(w.expires), approved by \(w.approvedBy) (ticket \(w.ticket)): \(w.justification)",
                                 "由 \(w.id) 豁免至 \(w.expires)，批准人 \(w.approvedBy)（工单 \(w.ticket)）：\(w.justification)"))
            }
        default: break
        }
        if let w = o.waiver, w.expired {
            out += emit(n, style.red(t("waiver \(w.id) expired on \(w.expires)", "豁免 \(w.id) 已于 \(w.expires) 到期"))
                        + t(": the finding is reported as it stands and fails the gate", "：按实际状态报告该发现，且不能通过检查"))
        }
        return out
    }

    /// The closing summary: counts of descriptors, errors, obligations and tiers, and the gate.
    public func summary(_ s: RunSummary) -> String {
        var tiers: [(String, Int)] = []
        for (pack, byTier) in s.tiers { for (t, n) in byTier { tiers.append(("\(pack): \(tierWord(t))", n)) } }
        let statuses = ObligationStatus.allCases.compactMap { st -> String? in
            s.obligations[st].map { t("\($0) \(st.rawValue)", "\($0) 项\(labels.status(st))") }
        }
        var out = language == .zh
            ? style.bold("汇总") + "：已检查 \(s.descriptors) 个描述文件，\(s.inputErrors) 个输入错误，评估日 \(s.asOf)\n"
            : style.bold("Summary") + ": \(s.descriptors) descriptor\(s.descriptors == 1 ? "" : "s") checked, "
                + "\(s.inputErrors) input error\(s.inputErrors == 1 ? "" : "s"), as of \(s.asOf)\n"
        if s.skipped > 0 {
            out += emit(2, "skipped \(s.skipped) file\(s.skipped == 1 ? "" : "s") that \(s.skipped == 1 ? "is not a govcheck descriptor" : "are not govcheck descriptors") (--verbose lists them)")
        }
        if !statuses.isEmpty { out += emit(2, t("obligations: ", "义务：") + statuses.joined(separator: t(", ", "，")), hang: 4) }
        for (k, n) in tiers.sorted(by: { $0.0 < $1.0 }) { out += emit(2, "\(k): \(n)") }
        if let b = s.baseline {
            var parts = ["\(b.baselined) finding\(b.baselined == 1 ? "" : "s") baselined (not gating)",
                         "\(b.new) new" + (b.changed > 0 ? " (\(b.changed) with a status changed since the baseline)" : ""),
                         "\(b.fixed) fixed"]
            if b.notChecked > 0 { parts.append("\(b.notChecked) not checked in this run (their descriptor or pack was not evaluated)") }
            out += emit(2, "baseline \(TextLayout.whole(b.file)): " + parts.joined(separator: ", "), hang: 4)
        }
        if let w = s.waivers {
            let unused = w.uses.filter { $0.applied == 0 && $0.expiredMatches == 0 && $0.refused == 0 }.count
            out += emit(2, "waivers (\(TextLayout.whole(w.file))): \(w.applied) finding\(w.applied == 1 ? "" : "s") waived"
                + (w.expiredMatches > 0 ? ", " + style.red("\(w.expiredMatches) with an expired waiver") : "")
                + (unused > 0 ? ", \(unused) waiver\(unused == 1 ? "" : "s") unused" : "")
                + (w.hasErrors ? ", " + style.red("errors (printed on standard error)") : ""), hang: 4)
        }
        out += emit(2, "fail-on \(s.failOn.isEmpty ? "none" : s.failOn.joined(separator: ",")): "
            + (s.failing == 0 ? style.green(t("0 descriptors fail", "0 个描述文件未通过"))
                : style.red(t("\(s.failing) descriptor\(s.failing == 1 ? "" : "s") fail", "\(s.failing) 个描述文件未通过"))), hang: 4)
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
