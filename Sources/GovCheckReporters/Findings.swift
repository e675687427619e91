import Foundation
import GovCheckEngine

/// One finding as CI consumers show it (SARIF results, GitHub annotations, GitLab Code Quality
/// issues): one place in a descriptor, a level that agrees with the gate, a stable fingerprint.
/// Every such format reads findings from here, so they list the same findings at the same places.
struct Finding {
    enum Kind { case tier, timeline, obligation, diagnostic }
    /// `error` exactly when the finding fails `--fail-on` (or is an input error).
    enum Level: String { case error, warning, note }

    /// Another field that decided the finding, shown next to the main place.
    struct Related {
        let line: Int
        let column: Int
        let text: String
    }

    let kind: Kind
    /// `pack/obligation-id`, `pack/tier/<tier>`, or a diagnostic code.
    let ruleID: String
    let pack: String?
    let level: Level
    /// A short title: `eu-ai-act: missing art4-ai-literacy`.
    let title: String
    let message: String
    let file: String
    let line: Int
    let column: Int
    let related: [Related]
    let fingerprint: String
    /// The waiver on the finding (applied, or expired).
    let waiver: WaiverRef?
    let descriptor: String
    /// The obligation status, the tier label, or the diagnostic severity.
    let status: String
    let severity: Severity?
}

/// Builds the findings of results and errors; the wording is shared by every CI format, in the
/// report's language (ids, fact paths and fingerprints stay as they are in every language).
struct FindingBuilder {
    let run: RunInfo
    let language: Language

    func t(_ text: LocalizedText) -> String { text.text(language) }
    var l: ReportLabels { ReportLabels(language) }

    func cite(_ c: CitationRef) -> String {
        c.label.text(language) + (c.status.isBinding ? "" : " [\(c.status.rawValue)]")
    }

    /// The tier and obligation findings of one descriptor, then its warnings.
    func findings(_ r: DescriptorResult) -> [Finding] {
        var out: [Finding] = []
        let policy = run.policy
        for e in r.evaluations {
            let tierGates = policy.tierFails(e)
            if tierGates || e.tier.status == .needsReview || (e.tier.status == .decided && e.tier.severity >= .high) {
                out.append(tier(e.tier, r, e, gates: tierGates, from: nil))
            }
            for c in e.timeline {
                let gates = policy.changeFails(c, in: e)
                guard gates || c.decision.status == .needsReview || c.decision.severity >= .high else { continue }
                out.append(tier(c.decision, r, e, gates: gates, from: c.from))
            }
            for o in e.obligations where [.missing, .undetermined, .upcoming, .waived].contains(o.status) {
                out.append(obligation(o, r, e))
            }
        }
        for d in r.diagnostics { out.append(diagnostic(d, descriptor: r.name)) }
        return out
    }

    /// The findings of an input that was not evaluated: one per diagnostic.
    func findings(_ e: InputError) -> [Finding] {
        e.diagnostics.map { diagnostic($0, descriptor: e.file) }
    }

    func diagnostic(_ d: DiagnosticRecord, descriptor: String) -> Finding {
        let level: Finding.Level = d.severity == .error ? .error : (d.severity == .warning ? .warning : .note)
        // The fingerprint rests on the English message, so it is the same in every language.
        return Finding(kind: .diagnostic, ruleID: d.code, pack: nil, level: level,
                       title: DiagnosticRenderer.word(d.severity, language) + l(en: ": ", zh: "：") + d.code,
                       message: d.message(language) + (d.help(language).map { l(en: " (help: \($0))", zh: "（帮助：\($0)）") } ?? ""),
                       file: d.file, line: max(1, d.line),
                       column: max(1, d.column), related: [],
                       fingerprint: Fingerprint.of(descriptor: descriptor, pack: "", rule: d.code + "\u{1F}" + d.message),
                       waiver: nil, descriptor: descriptor, status: d.severity.rawValue, severity: nil)
    }

    /// A tier now (`from` nil) or a later tier of the timeline, placed at the first stated fact
    /// that made a rule hold; the other facts are related places.
    func tier(_ d: TierDecision, _ r: DescriptorResult, _ e: PackEvaluation, gates: Bool, from: Day?) -> Finding {
        var located: [(FactRef, String)] = []
        var seen = Set<[Int]>()
        for reason in d.reasons {
            for f in reason.facts {
                guard let l = f.line, let c = f.column, seen.insert([l, c]).inserted else { continue }
                located.append((f, reason.rule))
            }
        }
        let place = located.first.map { ($0.0.line!, $0.0.column!) } ?? (r.line, r.column)
        let notStated = l(en: "not stated", zh: "未说明")
        let related = located.dropFirst().map { f, rule in
            Finding.Related(line: f.line!, column: f.column!, text: "\(f.path) = \(f.value ?? notStated)" + l(en: " (\(rule))", zh: "（\(rule)）"))
        }
        let title = d.title.map(t) ?? l(en: "tier needs review", zh: "等级需复核")
        var message: String
        let when = from.map { l(en: " from \($0)", zh: "（自 \($0) 起）") } ?? ""
        if d.status == .needsReview {
            message = l(en: "\(r.name): \(e.pack) tier needs review\(when): could be \(d.possible.joined(separator: " or ")); state \(d.decidingFacts.joined(separator: ", "))",
                        zh: "\(r.name)：\(e.pack) 等级需复核\(when)：可能为 \(d.possible.joined(separator: " 或 "))；需说明的事实：\(d.decidingFacts.joined(separator: ", "))")
            if let held = d.tier { message += l(en: " (holds at least: \(held))", zh: "（至少为：\(held)）") }
        } else if d.status == .unclassified {
            message = l(en: "\(r.name): \(e.pack): no tier of this pack holds\(when)", zh: "\(r.name)：\(e.pack)：本规则包没有适用的等级\(when)")
        } else {
            message = l(en: "\(r.name): \(e.pack) tier \(d.label)\(when) — \(title)", zh: "\(r.name)：\(e.pack) 等级 \(d.label)\(when) — \(title)")
            if !d.reasons.isEmpty {
                message += l(en: ", because ", zh: "，依据 ") + d.reasons.map { reason in
                    let on = reason.facts.prefix(4).map { "\($0.path) = \($0.value ?? notStated)" }
                    return "\(reason.rule)" + l(en: " (\(cite(reason.citation)))", zh: "（\(cite(reason.citation))）")
                        + (on.isEmpty ? "" : l(en: " on ", zh: "，事实：") + on.joined(separator: ", "))
                }.joined(separator: l(en: "; ", zh: "；"))
            }
        }
        let level: Finding.Level = gates ? .error : (from == nil ? .warning : .note)
        let rule = from == nil ? Fingerprint.tierRule(d.label) : Fingerprint.timelineRule(d.label)
        return Finding(kind: from == nil ? .tier : .timeline, ruleID: "\(e.pack)/tier/\(d.label)", pack: e.pack, level: level,
                       title: l(en: "\(e.pack): tier \(d.label)\(when)", zh: "\(e.pack)：等级 \(d.label)\(when)"),
                       message: message + l(en: ".", zh: "。"), file: r.file, line: max(1, place.0),
                       column: max(1, place.1), related: related,
                       fingerprint: Fingerprint.of(descriptor: r.name, pack: e.pack, rule: rule),
                       waiver: nil, descriptor: r.name, status: d.label, severity: d.severity)
    }

    /// The plain names of the evidence an obligation is missing, from the vocabulary descriptions.
    func evidence(_ paths: [String], pack: String) -> [String] {
        let vocabulary = run.pack(pack)?.vocabulary
        return paths.map { p in
            guard let d = vocabulary?[p]?.description else { return p }
            return FindingBuilder.plain(t(d)) + l(en: " (\(p))", zh: "（\(p)）")
        }
    }

    /// A vocabulary description as a name in a list: without its closing full stop.
    static func plain(_ description: String) -> String {
        var s = description.trimmingCharacters(in: .whitespaces)
        if s.hasSuffix(".") || s.hasSuffix("。") { s.removeLast() }
        return s
    }

    /// An obligation finding, placed where its evidence is or belongs, else at the fact that made it apply.
    func obligation(_ o: ObligationResult, _ r: DescriptorResult, _ e: PackEvaluation) -> Finding {
        let gates = run.policy.obligationFails(o, in: e)
        let place = o.evidenceLine.flatMap { l in o.evidenceColumn.map { (l, $0) } } ?? (o.line, o.column)
        var related: [Finding.Related] = []
        if place != (o.line, o.column) && (o.line, o.column) != (r.line, r.column) {
            related.append(.init(line: o.line, column: o.column, text: l(en: "the duty applies because of this field", zh: "该义务因此字段而适用")))
        }
        let what = t(o.title) + l(en: " (\(cite(o.citation)))", zh: "（\(cite(o.citation))）")
        let status = l.status(o.status)
        var message: String
        switch o.status {
        case .missing:
            message = l(en: "\(r.name): missing — \(what).", zh: "\(r.name)：\(status) — \(what)。")
            let ev = evidence(o.missingEvidence, pack: e.pack)
            if !ev.isEmpty { message += l(en: " Record: " + ev.joined(separator: "; ") + ".", zh: "需记录：" + ev.joined(separator: "；") + "。") }
            if let fix = o.remediation { message += l(en: " ", zh: "") + t(fix) }
        case .undetermined:
            message = l(en: "\(r.name): undetermined — \(what); whether it applies depends on facts not stated: \(o.decidingFacts.joined(separator: ", ")).",
                        zh: "\(r.name)：\(status) — \(what)；是否适用取决于未说明的事实：\(o.decidingFacts.joined(separator: ", "))。")
        case .upcoming:
            message = l(en: "\(r.name): upcoming from \(o.appliesFrom)\(o.tierAtStart.map { " with tier \($0)" } ?? "") — \(what).",
                        zh: "\(r.name)：\(status)，自 \(o.appliesFrom) 起\(o.tierAtStart.map { "，届时等级 \($0)" } ?? "") — \(what)。")
        case .waived:
            let w = o.waiver
            let until = w.map { "\($0.expires)" } ?? ""
            message = l(en: "\(r.name): waived — \(what). Waiver \(w?.id ?? "") until \(until), approved by \(w?.approvedBy ?? "") (ticket \(w?.ticket ?? "")): \(w?.justification ?? "")",
                        zh: "\(r.name)：\(status) — \(what)。豁免 \(w?.id ?? "") 有效至 \(until)，由 \(w?.approvedBy ?? "") 批准（工单 \(w?.ticket ?? "")）：\(w?.justification ?? "")")
        default:
            message = l(en: "\(r.name): \(o.status.rawValue) — \(what).", zh: "\(r.name)：\(status) — \(what)。")
        }
        if let w = o.waiver, w.expired {
            message += l(en: " Waiver \(w.id) expired on \(w.expires): the finding is reported as it stands and fails the gate.",
                         zh: "豁免 \(w.id) 已于 \(w.expires) 到期：该发现按原状报告，并导致未通过。")
        }
        if let b = o.boundAs { message += l(en: " Bound as \(b.role) under \(cite(b.citation)).", zh: "以 \(b.role) 身份受约束，依据 \(cite(b.citation))。") }
        let level: Finding.Level = gates ? .error : (o.status == .missing ? .warning : .note)
        return Finding(kind: .obligation, ruleID: "\(e.pack)/\(o.id)", pack: e.pack, level: level,
                       title: l(en: "\(e.pack): \(o.status.rawValue) \(o.id)", zh: "\(e.pack)：\(status) \(o.id)"),
                       message: message, file: r.file, line: max(1, place.0),
                       column: max(1, place.1), related: related,
                       fingerprint: Fingerprint.of(descriptor: r.name, pack: e.pack, rule: o.id),
                       waiver: o.waiver, descriptor: r.name, status: o.status.rawValue, severity: o.severity)
    }

    /// Waiver problems known at the end of the run (unused, expired, refused), as findings at the waiver.
    func findings(_ w: WaiverSummary?) -> [Finding] {
        (w?.diagnostics ?? []).map { diagnostic($0, descriptor: $0.file) }
    }
}
