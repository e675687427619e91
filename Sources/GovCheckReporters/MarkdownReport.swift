import GovCheckEngine

/// The officer's report in Markdown, for a wiki page or a pull request: the same header, matrix,
/// upcoming dates, per-system obligations and timelines as the HTML. Every text from a descriptor
/// or a pack passes through `Markdown.text` (or `Markdown.code` for identifiers).
public enum MarkdownReport {
    public static func render(_ report: OfficerReport, language: Language) -> String {
        var w = Writer(report: report, l: ReportLabels(language))
        w.document()
        return w.out
    }

    struct Writer {
        let report: OfficerReport
        let l: ReportLabels
        var out = ""
        var p: ReportPhrases { ReportPhrases(report: report, l: l) }
        var language: Language { l.language }

        func m(_ s: String) -> String { Markdown.text(s) }
        func c(_ s: String) -> String { Markdown.code(s) }

        mutating func line(_ s: String = "") { out += s + "\n" }

        mutating func document() {
            line("# " + m(l(.reportTitle)))
            line()
            line(m(l(.reportSubtitle)))
            line()
            line("| | |")
            line("|---|---|")
            line("| \(m(l(.organisation))) | " + (report.organisations.isEmpty ? "_\(m(l(.organisationNotStated)))_" : report.organisations.map(m).joined(separator: "<br>")) + " |")
            line("| \(m(l(.systems))) | \(report.systems.count) |")
            line("| \(m(l(.evaluationDate))) | \(report.asOf) |")
            line("| \(m(l(.generatedBy))) | govcheck \(m(report.toolVersion)) |")
            if let f = report.forcedText { line("| \(m(l(.textInForce))) | \(m(l(.forcedText, f))) |") }
            line()
            line("> **\(m(l(.notAdvice)))**")
            line()
            line("### " + m(l(.unreviewedHeading)))
            line()
            var any = false
            for pk in report.packs {
                let u = report.unreviewed(pk)
                guard !u.ids.isEmpty else { continue }
                any = true
                let name = c(pk.id) + " " + m(pk.version)
                if u.ids.count == u.total {
                    line("- " + fill(.unreviewedAll, name, String(u.total)))
                } else {
                    line("- " + fill(.unreviewedSome, name, String(u.ids.count), String(u.total), u.ids.map(c).joined(separator: ", ")))
                }
            }
            if !any { line(m(l(.unreviewedNone))) }
            line()
            packs()
            overview()
            matrix()
            upcoming()
            for (i, s) in report.systems.enumerated() { system(s, index: i) }
            errors()
            line("---")
            line()
            line("_\(m(l(.generatedBy))) govcheck \(m(report.toolVersion)) · \(m(l(.evaluationDate))) \(report.asOf) · \(m(l(.notAdvice)))_")
        }

        /// A label with already-formatted Markdown arguments.
        func fill(_ k: ReportLabels.Key, _ args: String...) -> String {
            var s = m(l(k))
            for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
            return s
        }

        mutating func packs() {
            line("## " + m(l(.packVersions)))
            line()
            line("| \(m(l(.pack))) | \(m(l(.version))) | \(m(l(.jurisdiction))) | \(m(l(.textInForce))) | \(m(l(.reviewed))) |")
            line("|---|---|---|---|---|")
            for pk in report.packs {
                let text = pk.rules(asOf: report.asOf, baseline: report.forcedText).baseline.map { c($0.id) + " " + m($0.title.text(language)) } ?? "—"
                let review = pk.reviewed.map { m(l(.reviewedBy, $0.by, $0.on.description)) } ?? "**\(m(l(.notSignedOff)))**"
                line("| \(c(pk.id))<br>\(m(pk.title.text(language))) | \(m(pk.version)) | \(m(pk.jurisdiction)) | \(text) | \(review) |")
            }
            line()
            line("## " + m(l(.legalTexts)))
            line()
            var seen = Set<String>()
            for pk in report.packs {
                for i in pk.instruments where seen.insert(i.identifier).inserted {
                    line("- " + Markdown.link(i.identifier + " — " + i.title.text(language), i.url) + " (\(m(i.status.rawValue)))")
                }
            }
            line()
        }

        mutating func overview() {
            let k = report.counts
            line("## " + m(l(.overview)))
            line()
            line("| \(m(l(.statSystems))) | \(m(l(.statMissing))) | \(m(l(.statUndetermined))) | \(m(l(.statReview))) | \(m(l(.statUpcoming))) |")
            line("|---|---|---|---|---|")
            line("| \(report.systems.count) | \(k.missing) | \(k.undetermined) | \(k.review) | \(k.upcoming) |")
            line()
        }

        func tierCell(_ d: TierDecision) -> String { "**" + m(l.tier(d)) + "**" }

        mutating func matrix() {
            let js = report.jurisdictions
            line("## " + m(l(.matrix)))
            line()
            line("| \(m(l(.system))) | " + js.map(m).joined(separator: " | ") + " |")
            line("|---|" + js.map { _ in "---|" }.joined())
            for (i, s) in report.systems.enumerated() {
                var row = "| \(i + 1). \(m(s.title))<br>\(c(s.result.file))" + (s.result.document > 1 ? " #\(s.result.document)" : "") + " |"
                for j in js {
                    let evals = s.result.evaluations.filter { $0.jurisdiction == j }
                    if evals.isEmpty { row += " _\(m(l(.notEvaluated)))_ |"; continue }
                    row += " " + evals.map { e in
                        c(e.pack) + ": " + tierCell(e.tier) + e.timeline.map { " → " + tierCell($0.decision) + " " + m(l(.fromDate, $0.from.description)) }.joined()
                    }.joined(separator: "<br>") + " |"
                }
                line(row)
            }
            line()
        }

        mutating func upcoming() {
            line("## " + m(l(.upcomingDates)))
            line()
            let items = report.upcoming
            if items.isEmpty {
                line(m(l(.noUpcoming)))
                line()
                return
            }
            line("| \(m(l(.date))) | \(m(l(.system))) | \(m(l(.pack))) | \(m(l(.change))) |")
            line("|---|---|---|---|")
            var last: Day?
            for (i, e) in items {
                let date = last == e.date ? "" : "**\(e.date)** (\(m(l(.inDays, String(report.days(until: e.date))))))"
                last = e.date
                line("| \(date) | \(i + 1). \(m(report.systems[i].title)) | \(c(e.pack)) | \(m(p.change(e))) |")
            }
            line()
        }

        mutating func system(_ s: OfficerReport.System, index: Int) {
            let r = s.result
            line("## \(m(l(.system))) \(index + 1)/\(report.systems.count): \(m(s.title))")
            line()
            var meta = c(r.file) + (r.document > 1 ? " #\(r.document)" : "") + " · " + m(r.name)
            if let o = s.organisation { meta += " · " + m(o) }
            line(meta)
            line()
            if !r.diagnostics.isEmpty {
                line("\(m(l(.descriptorNotes))):")
                line()
                for d in r.diagnostics { line("- \(c("\(d.file):\(d.line):\(d.column)")) \(m(d.message(language)))" + (d.help(language).map { " (\(m($0)))" } ?? "")) }
                line()
            }
            for e in r.evaluations { evaluation(e) }
            line("### " + m(l(.timeline)))
            line()
            out += TimelineReporter.body(s.timeline, l, asOfIsToday: report.asOfIsToday)
            line()
        }

        func cite(_ cr: CitationRef, pack: String) -> String { Markdown.link(p.citation(cr), report.url(cr, pack: pack)) }

        func facts(_ paths: [String], pack: String) -> String {
            paths.map { path in
                let f = p.fact(path, pack: pack)
                return (f.name.map { m($0) + " " } ?? "") + "(" + c(f.path) + ")"
            }.joined(separator: "; ")
        }

        mutating func evaluation(_ e: PackEvaluation) {
            let pk = report.pack(e.pack)
            line("### \(c(e.pack)) \(m(pk?.title.text(language) ?? ""))")
            line()
            var tier = "**\(m(l(.tier))):** " + tierCell(e.tier) + " " + m(detail(e.tier))
            for t in e.timeline { tier += "; " + m(l(.fromDate, t.from.description)) + ": " + tierCell(t.decision) + " " + m(detail(t.decision)) }
            line(tier)
            line()
            if e.tier.status == .needsReview, !e.tier.decidingFacts.isEmpty {
                line(fill(.decideBy, facts(e.tier.decidingFacts, pack: e.pack)))
                line()
            }
            var seen = Set<String>()
            let reasons = (e.tier.reasons + e.timeline.flatMap(\.decision.reasons)).filter { seen.insert($0.rule).inserted }
            if !reasons.isEmpty {
                line("\(m(l(.reasons))):")
                line()
                for rs in reasons { line("- " + cite(rs.citation, pack: e.pack) + ": " + m(rs.rationale.text(language))) }
                line()
            }
            if !e.assumptions.isEmpty {
                line("_" + m(l(.assumed, e.assumptions.map { "\($0.fact) = \($0.value)" }.joined(separator: ", "))) + "_")
                line()
            }
            guard !e.obligations.isEmpty else {
                line(m(l(.noObligations)))
                line()
                return
            }
            let u = pk.map { report.unreviewed($0) }
            let partly = u.map { !$0.ids.isEmpty && $0.ids.count < $0.total } ?? false
            line("| \(m(l(.status))) | \(m(l(.obligation))) | \(m(l(.citation))) | \(m(l(.deadline))) | \(m(l(.action))) · \(m(l(.evidence))) |")
            line("|---|---|---|---|---|")
            for o in e.obligations {
                var what = "**\(m(o.title.text(language)))**<br>\(c(o.id)) · \(m(l(.severity))) \(m(l.severity(o.severity)))"
                if partly && report.isUnreviewed(o.id, pack: e.pack) { what += " · _\(m(l(.notSignedOff)))_" }
                if let b = o.boundAs { what += "<br>" + m(l(.boundAs, b.role, p.citation(b.citation))) }
                var todo: [String] = []
                if let r = o.remediation { todo.append(m(r.text(language))) }
                let ev = report.evidence(o, in: e)
                if !ev.isEmpty {
                    todo.append((o.status == .undetermined ? fill(.decideBy, "") : m(l(.evidence)) + ":") + " " + facts(ev, pack: e.pack))
                }
                if o.status == .upcoming, !o.decidingFacts.isEmpty { todo.append(fill(.startDecidedBy, facts(o.decidingFacts, pack: e.pack))) }
                line("| **\(m(l.status(o.status)))** | \(what) | \(cite(o.citation, pack: e.pack)) | \(m(p.deadline(o))) | \(todo.isEmpty ? "—" : todo.joined(separator: "<br>")) |")
            }
            line()
        }

        func detail(_ d: TierDecision) -> String {
            switch d.status {
            case .decided: return d.title.map { "— " + $0.text(language) } ?? ""
            case .needsReview: return "— " + l(.couldBe, d.possible.joined(separator: " / ")) + (d.tier.map { "; " + l(.holdsAtLeast, $0) } ?? "")
            case .unclassified: return "— " + l(.noTierYet)
            }
        }

        mutating func errors() {
            guard !report.errors.isEmpty else { return }
            line("## \(m(l(.inputErrors))) (\(report.errors.count))")
            line()
            for e in report.errors {
                for d in e.diagnostics {
                    line("- \(c("\(d.file):\(d.line):\(d.column)")) \(m(d.message(language)))" + (d.help(language).map { " (\(m($0)))" } ?? ""))
                }
            }
            line()
        }
    }
}
