import GovCheckEngine

/// The officer's report as one self-contained HTML file: inline CSS, no script, no font or image
/// from the network, so it opens offline, can be mailed and archived, and prints one system per
/// page. Every text from a descriptor or a pack passes through `HTML.text`.
public enum HTMLReport {
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

        init(report: OfficerReport, l: ReportLabels) {
            self.report = report
            self.l = l
            out.reserveCapacity(1 << 16)
        }

        mutating func line(_ s: String) { out += s + "\n" }

        func t(_ s: String) -> String { HTML.text(s) }

        // MARK: Document

        mutating func document() {
            let title = l(.reportTitle) + (report.organisations.isEmpty ? "" : " — " + report.organisations.joined(separator: ", "))
                + " — " + report.asOf.description
            line("<!DOCTYPE html>")
            line("<html lang=\"\(language == .zh ? "zh-Hans" : "en")\">")
            line("<head>")
            line("<meta charset=\"utf-8\">")
            line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            line("<meta name=\"generator\" content=\"govcheck \(t(report.toolVersion))\">")
            line("<title>\(t(title))</title>")
            line("<style>\n\(HTMLReport.css)</style>")
            line("</head>")
            line("<body>")
            line("<main>")
            cover()
            overview()
            matrix()
            upcoming()
            for (i, s) in report.systems.enumerated() { system(s, index: i) }
            errors()
            legalTexts()
            line("<footer><p>\(t(l(.generatedBy))) govcheck \(t(report.toolVersion)) · \(t(l(.evaluationDate))) \(report.asOf) · \(t(l(.notAdvice)))</p></footer>")
            line("</main>")
            line("</body>")
            line("</html>")
        }

        mutating func cover() {
            line("<header class=\"cover\">")
            line("<p class=\"eyebrow\">govcheck</p>")
            line("<h1>\(t(l(.reportTitle)))</h1>")
            line("<p class=\"subtitle\">\(t(l(.reportSubtitle)))</p>")
            line("<dl class=\"meta\">")
            let orgs = report.organisations.isEmpty ? "<span class=\"muted\">\(t(l(.organisationNotStated)))</span>"
                : report.organisations.map(t).joined(separator: "<br>")
            line("<dt>\(t(l(.organisation)))</dt><dd>\(orgs)</dd>")
            line("<dt>\(t(l(.systems)))</dt><dd>\(report.systems.count)</dd>")
            line("<dt>\(t(l(.evaluationDate)))</dt><dd>\(report.asOf)</dd>")
            line("<dt>\(t(l(.generatedBy)))</dt><dd>govcheck \(t(report.toolVersion))</dd>")
            if let f = report.forcedText { line("<dt>\(t(l(.textInForce)))</dt><dd>\(t(l(.forcedText, f)))</dd>") }
            line("</dl>")
            line("<div class=\"notice legal\" role=\"note\"><strong>\(t(l(.notAdvice)))</strong></div>")
            line("<div class=\"notice review\" role=\"note\">")
            line("<h2 class=\"inline\">\(t(l(.unreviewedHeading)))</h2>")
            var any = false
            line("<ul>")
            for pk in report.packs {
                let u = report.unreviewed(pk)
                guard !u.ids.isEmpty else { continue }
                any = true
                let name = "<code>\(t(pk.id))</code> \(t(pk.version))"
                if u.ids.count == u.total {
                    line("<li>" + l(.unreviewedAll, name, String(u.total)) + "</li>")
                } else {
                    line("<li>" + l(.unreviewedSome, name, String(u.ids.count), String(u.total),
                                    u.ids.map { "<code>\(t($0))</code>" }.joined(separator: ", ")) + "</li>")
                }
            }
            line("</ul>")
            if !any { line("<p>\(t(l(.unreviewedNone)))</p>") }
            line("</div>")
            packTable()
            line("</header>")
        }

        mutating func packTable() {
            line("<h2>\(t(l(.packVersions)))</h2>")
            line("<table class=\"packs\">")
            line("<thead><tr><th>\(t(l(.pack)))</th><th>\(t(l(.version)))</th><th>\(t(l(.jurisdiction)))</th><th>\(t(l(.textInForce)))</th><th>\(t(l(.reviewed)))</th></tr></thead>")
            line("<tbody>")
            for pk in report.packs {
                let text = pk.rules(asOf: report.asOf, baseline: report.forcedText).baseline
                let baseline = text.map { "<code>\(t($0.id))</code> \(t($0.title.text(language)))" } ?? "<span class=\"muted\">—</span>"
                let review = pk.reviewed.map { t(l(.reviewedBy, $0.by, $0.on.description)) } ?? "<span class=\"badge warn\">\(t(l(.notSignedOff)))</span>"
                line("<tr><td><code>\(t(pk.id))</code><br><span class=\"muted\">\(t(pk.title.text(language)))</span></td><td>\(t(pk.version))</td>"
                     + "<td>\(t(pk.jurisdiction))</td><td>\(baseline)</td><td>\(review)</td></tr>")
            }
            line("</tbody></table>")
        }

        mutating func legalTexts() {
            line("<section class=\"appendix\">")
            line("<h2>\(t(l(.legalTexts)))</h2>")
            line("<ul class=\"instruments\">")
            var seen = Set<String>()
            for pk in report.packs {
                for i in pk.instruments where seen.insert(i.identifier).inserted {
                    let name = t(i.identifier) + " — " + t(i.title.text(language))
                    let link = HTML.url(i.url).map { "<a href=\"\($0)\">\(name)</a> <span class=\"url\">\($0)</span>" } ?? name
                    line("<li>\(link) <span class=\"muted\">(\(t(i.status.rawValue)))</span></li>")
                }
            }
            line("</ul>")
            line("</section>")
        }

        mutating func overview() {
            let c = report.counts
            line("<section class=\"overview\">")
            line("<h2>\(t(l(.overview)))</h2>")
            line("<div class=\"cards\">")
            for (n, key, cls) in [(report.systems.count, ReportLabels.Key.statSystems, ""), (c.missing, .statMissing, " bad"),
                                  (c.undetermined, .statUndetermined, " doubt"), (c.review, .statReview, " doubt"),
                                  (c.upcoming, .statUpcoming, " soon")] {
                line("<div class=\"card\(n > 0 ? cls : "")\"><b>\(n)</b><span>\(t(l(key)))</span></div>")
            }
            line("</div>")
            line("</section>")
        }

        // MARK: Matrix

        mutating func matrix() {
            let js = report.jurisdictions
            line("<section class=\"matrix\">")
            line("<h2>\(t(l(.matrix)))</h2>")
            line("<table class=\"matrix\">")
            line("<thead><tr><th>\(t(l(.system)))</th>" + js.map { "<th>\(t($0))</th>" }.joined() + "</tr></thead>")
            line("<tbody>")
            for (i, s) in report.systems.enumerated() {
                var row = "<tr><td><a href=\"#system-\(i + 1)\">\(t(s.title))</a><br><span class=\"muted small\">\(t(s.result.file))"
                    + (s.result.document > 1 ? " #\(s.result.document)" : "") + "</span></td>"
                for j in js {
                    let evals = s.result.evaluations.filter { $0.jurisdiction == j }
                    if evals.isEmpty {
                        row += "<td class=\"muted\">\(t(l(.notEvaluated)))</td>"
                        continue
                    }
                    row += "<td>"
                    for e in evals {
                        row += "<div class=\"cell\">" + badge(e.tier) + " <span class=\"packname\">\(t(e.pack))</span>"
                        for c in e.timeline {
                            row += "<div class=\"later\">→ " + badge(c.decision) + " " + t(l(.fromDate, c.from.description)) + "</div>"
                        }
                        row += "</div>"
                    }
                    row += "</td>"
                }
                line(row + "</tr>")
            }
            line("</tbody></table>")
            line("</section>")
        }

        func severityClass(_ d: TierDecision) -> String {
            switch d.status {
            case .needsReview: return "sev-review"
            case .unclassified: return "sev-unclassified"
            case .decided: return "sev-" + d.severity.rawValue
            }
        }

        func badge(_ d: TierDecision) -> String {
            let title = d.title.map { " title=\"\(t($0.text(language)))\"" } ?? ""
            return "<span class=\"badge \(severityClass(d))\"\(title)>\(t(l.tier(d)))</span>"
        }

        func statusBadge(_ s: ObligationStatus) -> String {
            "<span class=\"badge st-\(t(s.rawValue))\">\(t(l.status(s)))</span>"
        }

        // MARK: Upcoming dates across the fleet

        mutating func upcoming() {
            let items = report.upcoming
            line("<section class=\"upcoming\">")
            line("<h2>\(t(l(.upcomingDates)))</h2>")
            if items.isEmpty {
                line("<p class=\"muted\">\(t(l(.noUpcoming)))</p>")
            } else {
                line("<table class=\"dates\">")
                line("<thead><tr><th>\(t(l(.date)))</th><th>\(t(l(.system)))</th><th>\(t(l(.pack)))</th><th>\(t(l(.change)))</th></tr></thead>")
                line("<tbody>")
                var last: Day?
                for (i, e) in items {
                    let date = last == e.date ? "" : "<strong>\(e.date)</strong><br><span class=\"muted small\">\(t(l(.inDays, String(report.days(until: e.date)))))</span>"
                    last = e.date
                    line("<tr><td class=\"nowrap\">\(date)</td><td><a href=\"#system-\(i + 1)\">\(t(report.systems[i].title))</a></td>"
                         + "<td class=\"nowrap\"><code>\(t(e.pack))</code></td><td>\(changeCell(e))</td></tr>")
                }
                line("</tbody></table>")
            }
            line("</section>")
        }

        func changeCell(_ e: TimelineEntry) -> String {
            switch e.change {
            case .tier(let d):
                let detail = d.status == .unclassified ? l(.noTierYet) : d.status == .needsReview ? l(.couldBe, d.possible.joined(separator: " / ")) : d.title?.text(language)
                return t(l(.tierChange, "")) + badge(d) + (detail.map { " " + t($0) } ?? "")
            default: return t(p.change(e))
            }
        }

        // MARK: Systems

        mutating func system(_ s: OfficerReport.System, index: Int) {
            let r = s.result
            line("<section class=\"system\" id=\"system-\(index + 1)\">")
            line("<p class=\"eyebrow\">\(t(l(.system))) \(index + 1) / \(report.systems.count)</p>")
            line("<h2 class=\"system-title\">\(t(s.title))</h2>")
            var meta = "<code>\(t(r.file))</code>" + (r.document > 1 ? " #\(r.document)" : "") + " · " + t(r.name)
            if let o = s.organisation { meta += " · " + t(o) }
            line("<p class=\"muted\">\(meta)</p>")
            if !r.diagnostics.isEmpty {
                line("<div class=\"notice review\"><span class=\"label\">\(t(l(.descriptorNotes)))</span><ul>")
                for d in r.diagnostics {
                    line("<li><code>\(t(d.file)):\(d.line):\(d.column)</code> \(t(d.message(language)))" + (d.help(language).map { " <span class=\"muted\">(\(t($0)))</span>" } ?? "") + "</li>")
                }
                line("</ul></div>")
            }
            for e in r.evaluations { evaluation(e) }
            timeline(s.timeline)
            line("</section>")
        }

        mutating func evaluation(_ e: PackEvaluation) {
            let pk = report.pack(e.pack)
            line("<div class=\"pack\">")
            line("<h3><code>\(t(e.pack))</code> \(t(pk?.title.text(language) ?? ""))</h3>")
            var tier = "<p class=\"tier\"><span class=\"label\">\(t(l(.tier)))</span> " + badge(e.tier) + " " + t(tierDetail(e.tier))
            for c in e.timeline { tier += "<br><span class=\"label\">\(t(l(.fromDate, c.from.description)))</span> " + badge(c.decision) + " " + t(tierDetail(c.decision)) }
            line(tier + "</p>")
            if e.tier.status == .needsReview, !e.tier.decidingFacts.isEmpty {
                line("<p class=\"decide\">" + t(l(.decideBy, "")) + facts(e.tier.decidingFacts, pack: e.pack) + "</p>")
            }
            let reasons = e.tier.reasons + e.timeline.flatMap(\.decision.reasons)
            if !reasons.isEmpty {
                line("<div class=\"why\"><span class=\"label\">\(t(l(.reasons)))</span><ul>")
                var seen = Set<String>()
                for rs in reasons where seen.insert(rs.rule).inserted {
                    line("<li>\(cite(rs.citation, pack: e.pack)) <span class=\"muted\">\(t(rs.rationale.text(language)))</span></li>")
                }
                line("</ul></div>")
            }
            if !e.assumptions.isEmpty {
                line("<p class=\"muted small\">\(t(l(.assumed, e.assumptions.map { "\($0.fact) = \($0.value)" }.joined(separator: ", "))))</p>")
            }
            if e.obligations.isEmpty {
                line("<p class=\"muted\">\(t(l(.noObligations)))</p>")
            } else {
                obligations(e)
            }
            line("</div>")
        }

        func tierDetail(_ d: TierDecision) -> String {
            switch d.status {
            case .decided: return d.title?.text(language) ?? ""
            case .needsReview:
                return l(.couldBe, d.possible.joined(separator: " / ")) + (d.tier.map { "; " + l(.holdsAtLeast, $0) } ?? "")
            case .unclassified: return ""
            }
        }

        func cite(_ c: CitationRef, pack: String) -> String {
            let text = t(p.citation(c))
            guard let url = HTML.url(report.url(c, pack: pack)) else { return "<span class=\"cite\">\(text)</span>" }
            return "<a class=\"cite\" href=\"\(url)\">\(text)</a>"
        }

        func facts(_ paths: [String], pack: String) -> String {
            paths.map { path in
                let f = p.fact(path, pack: pack)
                return (f.name.map { t($0) + " " } ?? "") + "<code>\(t(f.path))</code>"
            }.joined(separator: "; ")
        }

        mutating func obligations(_ e: PackEvaluation) {
            let partlySigned = report.pack(e.pack).map { !report.unreviewed($0).ids.isEmpty && report.unreviewed($0).ids.count < report.unreviewed($0).total } ?? false
            line("<table class=\"duties\">")
            line("<thead><tr><th>\(t(l(.status)))</th><th>\(t(l(.obligation)))</th><th>\(t(l(.citation)))</th><th>\(t(l(.deadline)))</th><th>\(t(l(.action))) · \(t(l(.evidence)))</th></tr></thead>")
            line("<tbody>")
            for o in e.obligations {
                var what = "<strong>\(t(o.title.text(language)))</strong><br><span class=\"muted small\"><code>\(t(o.id))</code> · \(t(l(.severity))) \(t(l.severity(o.severity)))</span>"
                if partlySigned && report.isUnreviewed(o.id, pack: e.pack) { what += " <span class=\"badge warn\">\(t(l(.notSignedOff)))</span>" }
                if let b = o.boundAs { what += "<br><span class=\"small\">\(t(l(.boundAs, b.role, p.citation(b.citation))))</span>" }
                var todo = ""
                if let r = o.remediation { todo += "<p>\(t(r.text(language)))</p>" }
                let ev = report.evidence(o, in: e)
                if !ev.isEmpty {
                    let heading = o.status == .undetermined ? l(.decideBy, "") : l(.evidence) + ":"
                    todo += "<p class=\"evidence\"><span class=\"label\">\(t(heading))</span></p><ul class=\"evidence\">"
                        + ev.map { path in
                            let f = p.fact(path, pack: e.pack)
                            return "<li>" + (f.name.map { t($0) + "<br>" } ?? "") + "<code>\(t(f.path))</code></li>"
                        }.joined() + "</ul>"
                }
                if o.status == .upcoming, !o.decidingFacts.isEmpty {
                    todo += "<p class=\"small\">\(t(l(.startDecidedBy, ""))) \(facts(o.decidingFacts, pack: e.pack))</p>"
                }
                if todo.isEmpty { todo = "<span class=\"muted\">—</span>" }
                line("<tr class=\"st-\(t(o.status.rawValue))\"><td>\(statusBadge(o.status))</td><td>\(what)</td><td>\(cite(o.citation, pack: e.pack))</td>"
                     + "<td>\(deadline(o))</td><td>\(todo)</td></tr>")
            }
            line("</tbody></table>")
        }

        /// The deadline cell: an overdue duty says so in red.
        func deadline(_ o: ObligationResult) -> String {
            guard o.status == .missing else { return t(p.deadline(o)) }
            return t(l(.inForceSince, o.appliesFrom.description)) + "<br><span class=\"overdue\">\(t(l(.overdue)))</span>"
        }

        mutating func timeline(_ tl: SystemTimeline) {
            line("<h3>\(t(l(.timeline)))</h3>")
            line("<table class=\"timeline\">")
            line("<thead><tr><th>\(t(l(.date)))</th><th>\(t(l(.phase)))</th><th>\(t(l(.change)))</th></tr></thead>")
            line("<tbody>")
            for day in tl.dates {
                let phase = tl.phase(day)
                let entries = tl.entries(on: day)
                var cell = ""
                if entries.isEmpty {
                    cell = "<span class=\"muted\">\(t(l(.nothingChanges)))</span>"
                } else {
                    cell = "<ul>" + entries.map { "<li><code>\(t($0.pack))</code> \(changeCell($0))</li>" }.joined() + "</ul>"
                }
                line("<tr class=\"ph-\(phase.rawValue)\"><td class=\"nowrap\">\(day)</td><td><span class=\"phase\">\(t(l.phase(phase, asOfIsToday: report.asOfIsToday)))</span></td><td>\(cell)</td></tr>")
            }
            line("</tbody></table>")
        }

        mutating func errors() {
            guard !report.errors.isEmpty else { return }
            line("<section class=\"errors\">")
            line("<h2>\(t(l(.inputErrors))) (\(report.errors.count))</h2>")
            line("<ul>")
            for e in report.errors {
                for d in e.diagnostics {
                    line("<li><code>\(t(d.file)):\(d.line):\(d.column)</code> \(t(d.message(language)))" + (d.help(language).map { " <span class=\"muted\">(\(t($0)))</span>" } ?? "") + "</li>")
                }
            }
            line("</ul>")
            line("</section>")
        }
    }

    /// The stylesheet, inline so the file needs nothing else; fonts are the reader's own.
    static let css = """
    :root { --ink: #1c2433; --muted: #5d6778; --line: #dde2ea; --panel: #f4f6f9; --accent: #1f4e8c; }
    * { box-sizing: border-box; }
    html { background: #e9edf2; }
    body { margin: 0; color: var(--ink); font: 14px/1.5 "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", "DejaVu Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; }
    main { max-width: 1120px; margin: 0 auto; padding: 36px 44px 56px; background: #fff; box-shadow: 0 0 24px rgba(20, 30, 50, .08); }
    h1 { font-size: 30px; line-height: 1.2; margin: 2px 0 4px; letter-spacing: -.01em; }
    h2 { font-size: 19px; margin: 34px 0 10px; padding-bottom: 5px; border-bottom: 1px solid var(--line); }
    h2.inline { font-size: 15px; margin: 0 0 4px; padding: 0; border: 0; }
    h3 { font-size: 15px; margin: 22px 0 6px; }
    h3 code { font-size: 13px; }
    a { color: var(--accent); }
    code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; background: var(--panel); padding: 0 4px; border-radius: 3px; overflow-wrap: anywhere; }
    .eyebrow { margin: 0; color: var(--accent); font-size: 12px; font-weight: 700; letter-spacing: .1em; text-transform: uppercase; }
    .subtitle { margin: 0 0 18px; color: var(--muted); font-size: 15px; }
    .muted { color: var(--muted); }
    .small { font-size: 12px; }
    .nowrap { white-space: nowrap; }
    .cover { border-bottom: 3px solid var(--accent); padding-bottom: 12px; }
    dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0 0 16px; }
    dl.meta dt { color: var(--muted); }
    dl.meta dd { margin: 0; font-weight: 600; }
    .notice { margin: 12px 0; padding: 10px 14px; border-left: 4px solid; border-radius: 0 4px 4px 0; }
    .notice.legal { border-color: var(--accent); background: #edf3fb; }
    .notice.review { border-color: #b7791f; background: #fdf6e7; }
    .notice ul { margin: 4px 0 0; padding-left: 20px; }
    table { width: 100%; border-collapse: collapse; font-size: 13px; margin: 6px 0 12px; }
    th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
    th { background: var(--panel); font-weight: 600; font-size: 12px; color: #3b4557; }
    td p { margin: 0 0 4px; }
    td ul { margin: 0; padding-left: 18px; }
    .instruments { padding-left: 20px; }
    .instruments .url { display: none; }
    .cards { display: flex; gap: 12px; flex-wrap: wrap; }
    .card { flex: 1 1 150px; padding: 10px 14px; border: 1px solid var(--line); border-radius: 6px; border-top: 4px solid #9aa5b5; }
    .card b { display: block; font-size: 24px; line-height: 1.2; }
    .card span { color: var(--muted); font-size: 12px; }
    .card.bad { border-top-color: #c53030; } .card.doubt { border-top-color: #805ad5; } .card.soon { border-top-color: #2b6cb0; }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; border: 1px solid; font-size: 12px; font-weight: 600; white-space: nowrap; line-height: 1.5; }
    .sev-critical { background: #fde8e8; color: #9b1c1c; border-color: #f3b4b4; }
    .sev-high { background: #feecdc; color: #9c4221; border-color: #f6c49d; }
    .sev-medium { background: #fdf6b2; color: #8e4b10; border-color: #f0d978; }
    .sev-low { background: #e1effe; color: #1e429f; border-color: #b5d3f7; }
    .sev-info, .sev-none { background: #def7ec; color: #03543f; border-color: #a7e3c6; }
    .sev-review { background: #edebfe; color: #5521b5; border-color: #cabffd; }
    .sev-unclassified { background: #f3f4f6; color: #4b5563; border-color: #d1d5db; }
    .badge.warn { background: #fdf6e7; color: #8a5a00; border-color: #f0cf8a; font-weight: 500; }
    .st-missing .badge, .badge.st-missing { background: #fde8e8; color: #9b1c1c; border-color: #f3b4b4; }
    .badge.st-met { background: #def7ec; color: #03543f; border-color: #a7e3c6; }
    .badge.st-upcoming { background: #e1effe; color: #1e429f; border-color: #b5d3f7; }
    .badge.st-undetermined { background: #edebfe; color: #5521b5; border-color: #cabffd; }
    .badge.st-disabled, .badge.st-not-applicable { background: #f3f4f6; color: #4b5563; border-color: #d1d5db; }
    table.matrix td { min-width: 160px; }
    .cell { margin: 0 0 4px; }
    .packname { color: var(--muted); font-size: 12px; }
    .later { margin: 1px 0 0 14px; font-size: 12px; color: var(--muted); }
    .pack { margin: 18px 0 8px; padding: 2px 0 0; border-top: 1px dashed var(--line); }
    .tier { margin: 6px 0; }
    .label { color: var(--muted); font-size: 12px; margin-right: 4px; }
    .why { margin: 4px 0 8px; font-size: 12px; }
    .why ul { margin: 2px 0 0; padding-left: 18px; }
    .why li { margin: 2px 0; }
    .decide { font-size: 13px; }
    table.duties { table-layout: fixed; }
    table.duties th:nth-child(1) { width: 11%; }
    table.duties th:nth-child(2) { width: 25%; }
    table.duties th:nth-child(3) { width: 17%; }
    table.duties th:nth-child(4) { width: 14%; }
    .overdue { color: #b42318; font-weight: 600; }
    ul.evidence { font-size: 12px; }
    p.evidence { margin-top: 6px; }
    table.timeline td:nth-child(1) { width: 96px; }
    table.timeline td:nth-child(2) { width: 110px; }
    .phase { font-size: 12px; font-weight: 600; }
    tr.ph-in-force td { color: #3f4856; }
    tr.ph-in-force .phase { color: #03543f; }
    tr.ph-today td { background: #fff8dc; }
    tr.ph-today .phase { color: #8a5a00; }
    tr.ph-upcoming .phase { color: #1e429f; }
    .system { margin-top: 44px; }
    .system-title { margin-top: 2px; font-size: 22px; border-bottom: 2px solid var(--ink); }
    .errors li { margin: 3px 0; }
    footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
    @page { size: A4; margin: 14mm 12mm; }
    @media print {
      html, body { background: #fff; }
      main { max-width: none; padding: 0; box-shadow: none; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      section.system, section.appendix { break-before: page; }
      tr, .card, .notice, .cell { break-inside: avoid; }
      h2, h3 { break-after: avoid; }
      thead { display: table-header-group; }
      a { color: inherit; text-decoration: none; }
      .instruments .url { display: inline; color: var(--muted); font-size: 11px; }
    }

    """
}
