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

/// Builds the findings of results and errors; the wording is shared by every CI format.
struct FindingBuilder {
    let run: RunInfo
    let language: Language

    func t(_ text: LocalizedText) -> String { text.text(language) }

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
        return Finding(kind: .diagnostic, ruleID: d.code, pack: nil, level: level, title: "\(d.severity.rawValue): \(d.code)",
                       message: d.message + (d.help.map { " (help: \($0))" } ?? ""), file: d.file, line: max(1, d.line),
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
        let related = located.dropFirst().map { f, rule in
            Finding.Related(line: f.line!, column: f.column!, text: "\(f.path) = \(f.value ?? "not stated") (\(rule))")
        }
        let title = d.title.map(t) ?? "tier needs review"
        var message: String
        let when = from.map { " from \($0)" } ?? ""
        if d.status == .needsReview {
            message = "\(r.name): \(e.pack) tier needs review\(when): could be \(d.possible.joined(separator: " or ")); state \(d.decidingFacts.joined(separator: ", "))"
            if let held = d.tier { message += " (holds at least: \(held))" }
        } else if d.status == .unclassified {
            message = "\(r.name): \(e.pack): no tier of this pack holds\(when)"
        } else {
            message = "\(r.name): \(e.pack) tier \(d.label)\(when) — \(title)"
            if !d.reasons.isEmpty {
                message += ", because " + d.reasons.map { reason in
                    let on = reason.facts.prefix(4).map { "\($0.path) = \($0.value ?? "not stated")" }
                    return "\(reason.rule) (\(cite(reason.citation)))" + (on.isEmpty ? "" : " on " + on.joined(separator: ", "))
                }.joined(separator: "; ")
            }
        }
        let level: Finding.Level = gates ? .error : (from == nil ? .warning : .note)
        let rule = from == nil ? Fingerprint.tierRule(d.label) : Fingerprint.timelineRule(d.label)
        return Finding(kind: from == nil ? .tier : .timeline, ruleID: "\(e.pack)/tier/\(d.label)", pack: e.pack, level: level,
                       title: "\(e.pack): tier \(d.label)\(when)", message: message + ".", file: r.file, line: max(1, place.0),
                       column: max(1, place.1), related: related,
                       fingerprint: Fingerprint.of(descriptor: r.name, pack: e.pack, rule: rule),
                       waiver: nil, descriptor: r.name, status: d.label, severity: d.severity)
    }

    /// The plain names of the evidence an obligation is missing, from the vocabulary descriptions.
    func evidence(_ paths: [String], pack: String) -> [String] {
        let vocabulary = run.pack(pack)?.vocabulary
        return paths.map { p in
            guard let d = vocabulary?[p]?.description else { return p }
            return "\(FindingBuilder.plain(t(d))) (\(p))"
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
            related.append(.init(line: o.line, column: o.column, text: "the duty applies because of this field"))
        }
        let what = "\(t(o.title)) (\(cite(o.citation)))"
        var message: String
        switch o.status {
        case .missing:
            message = "\(r.name): missing — \(what)."
            let ev = evidence(o.missingEvidence, pack: e.pack)
            if !ev.isEmpty { message += " Record: " + ev.joined(separator: "; ") + "." }
            if let fix = o.remediation { message += " " + t(fix) }
        case .undetermined:
            message = "\(r.name): undetermined — \(what); whether it applies depends on facts not stated: \(o.decidingFacts.joined(separator: ", "))."
        case .upcoming:
            message = "\(r.name): upcoming from \(o.appliesFrom)\(o.tierAtStart.map { " with tier \($0)" } ?? "") — \(what)."
        case .waived:
            let w = o.waiver
            message = "\(r.name): waived — \(what). Waiver \(w?.id ?? "") until \(w.map { "\($0.expires)" } ?? ""), approved by \(w?.approvedBy ?? "") (ticket \(w?.ticket ?? "")): \(w?.justification ?? "")"
        default:
            message = "\(r.name): \(o.status.rawValue) — \(what)."
        }
        if let w = o.waiver, w.expired {
            message += " Waiver \(w.id) expired on \(w.expires): the finding is reported as it stands and fails the gate."
        }
        if let b = o.boundAs { message += " Bound as \(b.role) under \(cite(b.citation))." }
        let level: Finding.Level = gates ? .error : (o.status == .missing ? .warning : .note)
        return Finding(kind: .obligation, ruleID: "\(e.pack)/\(o.id)", pack: e.pack, level: level,
                       title: "\(e.pack): \(o.status.rawValue) \(o.id)", message: message, file: r.file, line: max(1, place.0),
                       column: max(1, place.1), related: related,
                       fingerprint: Fingerprint.of(descriptor: r.name, pack: e.pack, rule: o.id),
                       waiver: o.waiver, descriptor: r.name, status: o.status.rawValue, severity: o.severity)
    }

    /// Waiver problems known at the end of the run (unused, expired, refused), as findings at the waiver.
    func findings(_ w: WaiverSummary?) -> [Finding] {
        (w?.diagnostics ?? []).map { diagnostic($0, descriptor: $0.file) }
    }
}
