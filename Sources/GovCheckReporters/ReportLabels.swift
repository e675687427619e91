import GovCheckEngine

/// Every heading and label of the officer reports (HTML, Markdown) and the pull-request comment,
/// in English and Chinese, so a report reads wholly in one language; pack texts bring their own.
public struct ReportLabels: Sendable {
    public let language: Language

    public init(_ language: Language) { self.language = language }

    /// A label; `{0}`, `{1}` … are replaced by `args` in order.
    public func callAsFunction(_ key: Key, _ args: String...) -> String {
        let (en, zh) = key.texts
        var s = language == .zh ? zh : en
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
        return s
    }

    /// A sentence of one format's own (CI messages, summaries) in the report's language, for words
    /// used in one place only; shared words are keys.
    public func callAsFunction(en: String, zh: String) -> String { language == .zh ? zh : en }

    /// A legal status as a reader says it, in prose ("rests on a draft, not binding law").
    public func legalStatus(_ s: LegalStatus) -> String {
        guard language == .zh else { return s.rawValue }
        switch s {
        case .bindingLaw: return "有约束力的法律"
        case .mandatoryStandard: return "强制性标准"
        case .recommendedStandard: return "推荐性标准"
        case .officialGuidance: return "官方指引"
        case .draft: return "草案"
        case .internalPolicy: return "内部政策"
        }
    }

    /// An obligation status as a reader says it.
    public func status(_ s: ObligationStatus) -> String {
        switch s {
        case .missing: return self(.statusMissing)
        case .met: return self(.statusMet)
        case .upcoming: return self(.statusUpcoming)
        case .undetermined: return self(.statusUndetermined)
        case .notApplicable: return self(.statusNotApplicable)
        case .disabled: return self(.statusDisabled)
        case .waived: return self(.statusWaived)
        }
    }

    /// A severity as a reader says it.
    public func severity(_ s: Severity) -> String {
        guard language == .zh else { return s.rawValue }
        switch s {
        case .critical: return "严重"
        case .high: return "高"
        case .medium: return "中"
        case .low: return "低"
        case .info: return "提示"
        case .none: return "无"
        }
    }

    /// A tier decision's short label: the tier id, or "needs review" / "unclassified".
    public func tier(_ d: TierDecision) -> String {
        switch d.status {
        case .decided: return d.tier ?? self(.unclassified)
        case .needsReview: return self(.needsReview)
        case .unclassified: return self(.unclassified)
        }
    }

    /// A timeline phase as a reader says it; the evaluation date is "today" only when it is
    /// today's date (no `--as-of` was given).
    public func phase(_ p: TimelinePhase, asOfIsToday: Bool) -> String {
        switch p {
        case .inForce: return self(.phaseInForce)
        case .today: return self(asOfIsToday ? .phaseToday : .phaseAsOf)
        case .upcoming: return self(.phaseUpcoming)
        }
    }

    /// Every label, with its English and Chinese text.
    public enum Key: String, CaseIterable, Sendable {
        case reportTitle, reportSubtitle, organisation, organisationNotStated, systems, evaluationDate, generatedBy, packVersions
        case pack, version, jurisdiction, textInForce, reviewed, reviewedBy, notReviewed, notAdvice, unreviewedHeading
        case unreviewedNone, unreviewedSome, unreviewedAll, legalTexts, overview, matrix, upcomingDates, noUpcoming
        case system, file, tier, now, fromDate, laterTiers, reasons, obligations, noObligations, status, obligation
        case citation, deadline, action, evidence, timeline, date, phase, change, inputErrors, contents
        case statusMissing, statusMet, statusUpcoming, statusUndetermined, statusNotApplicable, statusDisabled, statusWaived
        case needsReview, unclassified, couldBe, decideBy, holdsAtLeast, notEvaluated
        case inForceSince, overdue, appliesFrom, inDays, withTier, ifItApplies, possibleStarts, startDecidedBy, disabledBecause
        case boundAs, underText, textChange, tierChange, dutyStarts, dutyMayStart, dutyEnds, dutyStartsPossibly, nothingChanges
        case todayState, assumed, statMissing, statUndetermined, statUpcoming, statReview, statSystems
        case notSignedOff, signedOff, severity, forcedText, evidenceNone, nowStatus, phaseInForce, phaseToday, phaseAsOf, phaseUpcoming, decideByInline, timelineAsOf, noTierYet, tierInline, descriptorNotes
        // The pull-request comment (check --format markdown).
        case prTitle, prPass, prFail, prFailOn, prResult, prPass1, prFail1, prFailing, prOthers, prNoFailing, prLocation, prFix, prOpen

        var texts: (String, String) {
            switch self {
            case .reportTitle: return ("AI compliance report", "人工智能合规报告")
            case .reportSubtitle: return ("Risk classification and obligations under AI law, per system", "按系统列出的人工智能法律风险等级与义务")
            case .organisation: return ("Organisation", "组织")
            case .organisationNotStated: return ("not stated in the descriptors", "描述文件未载明")
            case .systems: return ("Systems", "系统")
            case .evaluationDate: return ("Evaluation date", "评估日期")
            case .generatedBy: return ("Generated by", "生成工具")
            case .packVersions: return ("Rule packs", "规则包")
            case .pack: return ("Pack", "规则包")
            case .version: return ("Version", "版本")
            case .jurisdiction: return ("Jurisdiction", "法域")
            case .textInForce: return ("Text of the law applied", "适用的法律文本")
            case .reviewed: return ("Reviewer sign-off", "审核签核")
            case .reviewedBy: return ("signed off by {0} on {1}", "由 {0} 于 {1} 签核")
            case .notReviewed: return ("not signed off", "未签核")
            case .notAdvice:
                return ("This report is not legal advice. It applies rule packs that encode the law as read from the cited texts; each pack's README lists what was left out. Results rest on the facts the descriptors state: a fact they leave out is reported as undetermined or needing review, never as compliant. Have counsel confirm the results before relying on them.",
                        "本报告不构成法律意见。报告所依据的规则包按所引法律文本编码，各规则包的 README 列明了未编码的内容。结论取决于描述文件所载明的事实：未载明的事实一律报告为“待确定”或“需复核”，而不会被视为合规。依赖本报告之前，请由法律顾问确认结论。")
            case .unreviewedHeading: return ("Rules no reviewer has signed off", "未经审核人签核的规则")
            case .unreviewedNone: return ("Every rule applied in this report has been signed off by a reviewer.", "本报告适用的每条规则均已经审核人签核。")
            case .unreviewedAll: return ("{0}: none of its {1} rules has been signed off by a reviewer.", "{0}：全部 {1} 条规则均未经审核人签核。")
            case .unreviewedSome: return ("{0}: {1} of its {2} rules have not been signed off: {3}", "{0}：{2} 条规则中有 {1} 条未经签核：{3}")
            case .legalTexts: return ("Legal texts", "法律文本")
            case .overview: return ("Overview", "概览")
            case .matrix: return ("Systems by jurisdiction", "各法域下的系统")
            case .upcomingDates: return ("Upcoming dates", "即将到来的日期")
            case .noUpcoming: return ("Nothing starts or changes after the evaluation date.", "评估日期之后没有新的变化。")
            case .system: return ("System", "系统")
            case .file: return ("File", "文件")
            case .tier: return ("Tier", "风险等级")
            case .now: return ("now", "当前")
            case .fromDate: return ("from {0}", "自 {0} 起")
            case .laterTiers: return ("Later tiers", "后续等级")
            case .reasons: return ("Why", "依据")
            case .obligations: return ("Obligations", "义务")
            case .noObligations: return ("No obligation of this pack applies.", "本规则包没有适用的义务。")
            case .status: return ("Status", "状态")
            case .obligation: return ("Obligation", "义务")
            case .citation: return ("Legal basis", "法律依据")
            case .deadline: return ("Deadline", "期限")
            case .action: return ("What to do", "应采取的措施")
            case .evidence: return ("Evidence to record", "需记录的证据")
            case .timeline: return ("Timeline", "时间线")
            case .date: return ("Date", "日期")
            case .phase: return ("Phase", "阶段")
            case .change: return ("What starts or changes", "开始适用或变化的事项")
            case .inputErrors: return ("Inputs not evaluated", "未能评估的输入")
            case .contents: return ("Contents", "目录")
            case .statusMissing: return ("missing", "未满足")
            case .statusMet: return ("met", "已满足")
            case .statusUpcoming: return ("upcoming", "即将适用")
            case .statusUndetermined: return ("undetermined", "待确定")
            case .statusNotApplicable: return ("not applicable", "不适用")
            case .statusDisabled: return ("disabled", "已停用")
            case .statusWaived: return ("waived", "已豁免")
            case .needsReview: return ("needs review", "需复核")
            case .unclassified: return ("unclassified", "未分类")
            case .couldBe: return ("could be {0}", "可能为 {0}")
            case .decideBy: return ("Decide by stating: {0}", "需载明以下事实以作判断：{0}")
            case .holdsAtLeast: return ("holds at least: {0}", "至少为：{0}")
            case .notEvaluated: return ("not evaluated", "未评估")
            case .inForceSince: return ("in force since {0}", "自 {0} 起生效")
            case .overdue: return ("evidence not recorded", "尚未记录证据")
            case .appliesFrom: return ("applies from {0}", "自 {0} 起适用")
            case .inDays: return ("in {0} days", "{0} 天后")
            case .withTier: return ("with tier {0}", "届时等级为 {0}")
            case .ifItApplies: return ("if it applies", "如适用")
            case .possibleStarts: return ("possible start dates: {0}", "可能的起始日期：{0}")
            case .startDecidedBy: return ("start date decided by: {0}", "起始日期取决于：{0}")
            case .disabledBecause: return ("disabled: {0}", "已停用：{0}")
            case .boundAs: return ("bound as {0} under {1}", "依 {1} 作为 {0} 承担")
            case .underText: return ("under the text {0}", "依据文本 {0}")
            case .textChange: return ("text in force: {0}", "生效文本：{0}")
            case .tierChange: return ("tier {0}", "风险等级 {0}")
            case .dutyStarts: return ("applies", "开始适用")
            case .dutyMayStart: return ("may apply", "可能适用")
            case .dutyEnds: return ("no longer applies", "不再适用")
            case .dutyStartsPossibly: return ("may start (route not stated)", "可能开始适用（路径未载明）")
            case .nothingChanges: return ("Nothing starts or changes on this date.", "当日没有开始适用或变化的事项。")
            case .todayState: return ("evaluation date", "评估日期")
            case .assumed: return ("assumed (not stated): {0}", "假定（未载明）：{0}")
            case .statMissing: return ("missing obligations", "未满足的义务")
            case .statUndetermined: return ("undetermined", "待确定")
            case .statUpcoming: return ("upcoming", "即将适用")
            case .statReview: return ("tiers needing review", "需复核的等级")
            case .statSystems: return ("systems", "系统")
            case .notSignedOff: return ("not signed off", "未签核")
            case .signedOff: return ("signed off", "已签核")
            case .severity: return ("Severity", "严重程度")
            case .forcedText: return ("text forced with --baseline: {0}", "以 --baseline 指定的文本：{0}")
            case .evidenceNone: return ("—", "—")
            case .nowStatus: return ("now {0}", "当前{0}")
            case .descriptorNotes: return ("Notes on the descriptor", "关于描述文件的提示")
            case .tierInline: return ("tier", "等级")
            case .decideByInline: return ("decide by stating {0}", "需载明 {0}")
            case .timelineAsOf: return ("timeline as of {0}", "时间线，评估日期 {0}")
            case .noTierYet: return ("no tier of this pack holds", "本规则包的等级均不成立")
            case .phaseInForce: return ("in force", "已生效")
            case .phaseToday: return ("today", "今天")
            case .phaseAsOf: return ("evaluation date", "评估日")
            case .phaseUpcoming: return ("upcoming", "即将生效")
            case .prTitle: return ("govcheck", "govcheck")
            case .prPass: return ("no finding at or above the threshold", "没有达到阈值的发现")
            case .prFail: return ("{0} of {1} systems fail", "{1} 个系统中有 {0} 个未通过")
            case .prFailOn: return ("fail-on", "失败条件")
            case .prResult: return ("Result", "结果")
            case .prPass1: return ("pass", "通过")
            case .prFail1: return ("fail", "未通过")
            case .prFailing: return ("Failing findings", "导致失败的发现")
            case .prOthers: return ("Other findings ({0})", "其他发现（{0}）")
            case .prNoFailing: return ("No finding fails the --fail-on threshold.", "没有发现达到 --fail-on 阈值。")
            case .prLocation: return ("at", "位置")
            case .prFix: return ("Fix", "措施")
            case .prOpen: return ("Open", "待处理")
            }
        }
    }
}
