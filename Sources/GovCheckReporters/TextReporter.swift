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

    public func render(_ report: CheckReport, policy: FailPolicy) -> String {
        var out = ""
        for r in report.results {
            out += style.bold("\(r.file)") + style.dim(r.document > 1 ? " (document \(r.document))" : "") + "  " + style.bold(r.name) + "\n"
            for w in r.diagnostics { out += indent(DiagnosticRenderer.render(w, style: style), 2) }
            for e in r.evaluations {
                let pack = report.packs.first { $0.id == e.pack }
                out += evaluation(e, pack: pack, failing: policy.fails(e, pack: pack))
            }
            out += "\n"
        }
        for e in report.errors {
            for d in e.diagnostics { out += DiagnosticRenderer.render(d, style: style) }
            out += "\n"
        }
        out += summary(report, policy: policy)
        return out
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
        var out = "  " + style.bold(e.pack) + style.dim(" (\(e.jurisdiction)" + (e.baseline.map { ", text \($0)" } ?? "") + ", as of \(e.asOf))") + "\n"
        let t = e.tier
        let color = tierColor(t)
        switch t.status {
        case .decided:
            out += "    tier: " + color(t.label) + (t.title.map { " — " + $0.text(language) } ?? "") + "\n"
            for r in t.reasons { out += reason(r, pack: pack) }
        case .needsReview:
            out += "    tier: " + color("needs-review") + " — could be " + t.possible.joined(separator: " or ") + "\n"
            if let tier = t.tier { out += "      holds at least: \(tier)\n" }
            for r in t.reasons { out += reason(r, pack: pack) }
            out += "      decide by stating: " + t.decidingFacts.joined(separator: ", ") + "\n"
        case .unclassified:
            out += "    tier: " + color("unclassified") + " — no tier of this pack holds\n"
        }
        for r in t.upcoming {
            out += "      " + style.dim("from \(r.appliesFrom): \(r.rule) (\(citation(r.citation, pack: pack)))") + "\n"
        }
        if !e.assumptions.isEmpty {
            out += "    assumed: " + e.assumptions.map { "\($0.fact) = \($0.value)" }.joined(separator: ", ") + "\n"
        }
        if e.obligations.isEmpty {
            out += "    obligations: none apply\n"
        } else {
            let counts = ObligationStatus.allCases.compactMap { s -> String? in
                let n = e.obligations.filter { $0.status == s }.count
                return n == 0 ? nil : "\(n) \(s.rawValue)"
            }
            out += "    obligations: " + counts.joined(separator: ", ") + "\n"
            let idWidth = min(44, e.obligations.map { DisplayWidth.of($0.id) }.max() ?? 0)
            for o in e.obligations { out += obligation(o, pack: pack, idWidth: idWidth) }
        }
        return out
    }

    func citation(_ c: CitationRef, pack: RulePack?) -> String {
        var s = c.text.text(language) + " " + c.identifier
        if !c.status.isBinding { s += " [\(c.status.rawValue)]" }
        return s
    }

    func reason(_ r: TierReason, pack: RulePack?) -> String {
        "      because " + style.bold(r.rule) + "  " + style.cyan(citation(r.citation, pack: pack)) + "\n"
            + "        " + style.dim(r.rationale.text(language)) + "\n"
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
        case .notApplicable, .disabled: return style.dim(padded)
        }
    }

    func obligation(_ o: ObligationResult, pack: RulePack?, idWidth: Int) -> String {
        var out = "      " + statusLabel(o.status) + DisplayWidth.pad(o.severity.rawValue, 9) + DisplayWidth.pad(o.id, idWidth) + "  "
            + style.cyan(citation(o.citation, pack: pack)) + "\n"
        let pad = String(repeating: " ", count: 6 + TextReporter.statusWidth + 9)
        out += pad + o.title.text(language)
        if o.status == .upcoming || o.status == .undetermined { out += style.dim("  (applies from \(o.appliesFrom))") }
        out += "\n"
        switch o.status {
        case .missing:
            if !o.missingEvidence.isEmpty { out += pad + "evidence: " + o.missingEvidence.joined(separator: ", ") + "\n" }
            if let r = o.remediation { out += pad + "fix: " + r.text(language) + "\n" }
        case .undetermined:
            out += pad + "decide by stating: " + o.decidingFacts.joined(separator: ", ") + "\n"
        case .disabled:
            out += pad + "disabled: " + (o.disabledReason ?? "") + "\n"
        default: break
        }
        return out
    }

    func summary(_ report: CheckReport, policy: FailPolicy) -> String {
        let evals = report.results.flatMap(\.evaluations)
        var tiers: [String: Int] = [:]
        for e in evals { tiers["\(e.pack): \(e.tier.label)", default: 0] += 1 }
        let statuses = ObligationStatus.allCases.compactMap { s -> String? in
            let n = evals.flatMap(\.obligations).filter { $0.status == s }.count
            return n == 0 ? nil : "\(n) \(s.rawValue)"
        }
        let failing = policy.failingDescriptors(report)
        var out = style.bold("Summary") + ": \(report.results.count) descriptor\(report.results.count == 1 ? "" : "s") checked, "
            + "\(report.errors.count) input error\(report.errors.count == 1 ? "" : "s"), as of \(report.asOf)\n"
        if !statuses.isEmpty { out += "  obligations: " + statuses.joined(separator: ", ") + "\n" }
        for k in tiers.keys.sorted() { out += "  \(k): \(tiers[k]!)\n" }
        out += "  fail-on \(policy.spelled.isEmpty ? "none" : policy.spelled.joined(separator: ",")): "
            + (failing == 0 ? style.green("0 descriptors fail") : style.red("\(failing) descriptor\(failing == 1 ? "" : "s") fail")) + "\n"
        return out
    }
}
