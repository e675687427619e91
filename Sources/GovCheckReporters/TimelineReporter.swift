import GovCheckEngine

/// `govcheck timeline` output: a system's dated tiers and duties across its packs, grouped by
/// date, each date marked in force, the evaluation date, or upcoming. Text, JSON and Markdown.
public enum TimelineReporter {
    /// Bumped on any incompatible change to the JSON layout (documented in docs/report.md).
    public static let schemaVersion = 1

    static func header(_ tl: SystemTimeline, _ packs: [RulePack]) -> [(pack: String, line: String)] {
        tl.result.evaluations.map { e in
            let version = packs.first { $0.id == e.pack }?.version ?? ""
            var s = e.tier.label
            for c in e.timeline { s += " → \(c.decision.label) \(c.from)" }
            return (e.pack, "\(e.pack) \(version) (\(e.jurisdiction)" + (e.baseline.map { ", text \($0)" } ?? "") + "): " + s)
        }
    }

    /// Plain text for a terminal; colour only when `style` is enabled.
    public static func text(_ tl: SystemTimeline, packs: [RulePack], language: Language = .en, style: Style = .plain,
                            asOfIsToday: Bool = false) -> String {
        let l = ReportLabels(language)
        let r = tl.result
        var out = style.bold(r.file) + (r.document > 1 ? " (document \(r.document))" : "") + "  " + style.bold(r.name)
            + "  — " + l(.timelineAsOf, tl.asOf.description) + "\n"
        for h in header(tl, packs) { out += "  " + h.line + "\n" }
        let width = min(32, (r.evaluations.map { DisplayWidth.of($0.pack) }.max() ?? 0))
        for day in tl.dates {
            let phase = tl.phase(day)
            var label = l.phase(phase, asOfIsToday: asOfIsToday)
            if phase == .upcoming { label += " (" + l(.inDays, String(day.daysSinceEpoch - tl.asOf.daysSinceEpoch)) + ")" }
            let painted: String
            switch phase {
            case .inForce: painted = style.green(label)
            case .today: painted = style.bold(style.yellow(label))
            case .upcoming: painted = style.blue(label)
            }
            out += "\n" + style.bold(day.description) + "  " + painted + "\n"
            let entries = tl.entries(on: day)
            if entries.isEmpty { out += "  " + style.dim(l(.nothingChanges)) + "\n" }
            for e in entries {
                out += "  " + DisplayWidth.pad(e.pack, width) + "  " + ReportPhrases.change(e, asOf: tl.asOf, l, id: true) + "\n"
            }
        }
        return out
    }

    /// Markdown for a wiki page or a pull request.
    public static func markdown(_ tl: SystemTimeline, packs: [RulePack], language: Language = .en, asOfIsToday: Bool = false) -> String {
        let l = ReportLabels(language)
        let r = tl.result
        var out = "## \(Markdown.text(l(.timeline))): \(Markdown.text(r.name))\n\n"
        out += "\(Markdown.text(l(.file))): \(Markdown.code(r.file))" + (r.document > 1 ? " #\(r.document)" : "")
            + " · \(Markdown.text(l(.evaluationDate))): \(tl.asOf)\n\n"
        for h in header(tl, packs) { out += "- " + Markdown.text(h.line) + "\n" }
        out += "\n" + body(tl, l, asOfIsToday: asOfIsToday)
        return out
    }

    /// The dated table alone, for reports that carry their own heading.
    static func body(_ tl: SystemTimeline, _ l: ReportLabels, asOfIsToday: Bool) -> String {
        var out = "| \(Markdown.text(l(.date))) | \(Markdown.text(l(.phase))) | \(Markdown.text(l(.pack))) | \(Markdown.text(l(.change))) |\n|---|---|---|---|\n"
        for day in tl.dates {
            let phase = tl.phase(day)
            var label = Markdown.text(l.phase(phase, asOfIsToday: asOfIsToday))
            if phase == .today { label = "**" + label + "**" }
            let entries = tl.entries(on: day)
            if entries.isEmpty {
                out += "| \(phase == .today ? "**\(day)**" : day.description) | \(label) | | \(Markdown.text(l(.nothingChanges))) |\n"
            }
            for (i, e) in entries.enumerated() {
                let date = i == 0 ? (phase == .today ? "**\(day)**" : day.description) : ""
                out += "| \(date) | \(i == 0 ? label : "") | \(Markdown.code(e.pack)) | \(Markdown.text(ReportPhrases.change(e, asOf: tl.asOf, l, id: false))) |\n"
            }
        }
        return out
    }

    /// JSON: the system, its packs, then every date with its phase and changes.
    public static func json(_ tl: SystemTimeline, packs: [RulePack], toolVersion: String) -> String {
        var w = JSONWriter()
        let r = tl.result
        w.object { w in
            w.int("schemaVersion", schemaVersion)
            w.object("tool") { w in w.string("name", "govcheck"); w.string("version", toolVersion) }
            w.string("asOf", tl.asOf.description)
            w.string("file", r.file)
            w.int("document", r.document)
            w.string("name", r.name)
            w.array("packs") { w in
                for e in r.evaluations {
                    w.object { w in
                        w.string("id", e.pack)
                        w.string("version", packs.first { $0.id == e.pack }?.version)
                        w.string("jurisdiction", e.jurisdiction)
                        w.string("baseline", e.baseline)
                        w.string("tier", e.tier.label)
                    }
                }
            }
            w.array("dates") { w in
                for day in tl.dates {
                    w.object { w in
                        w.string("date", day.description)
                        w.string("phase", tl.phase(day).rawValue)
                        w.array("changes") { w in
                            for e in tl.entries(on: day) { w.object { w in entry(e, &w) } }
                        }
                    }
                }
            }
        }
        return w.out + "\n"
    }

    static func entry(_ e: TimelineEntry, _ w: inout JSONWriter) {
        w.string("pack", e.pack)
        switch e.change {
        case .text(let b):
            w.string("kind", "text")
            w.string("baseline", b.id)
            w.text("title", b.title)
        case .tier(let d):
            w.string("kind", "tier")
            w.object("tier") { w in JSONReporter.decision(d, &w) }
            w.text("title", d.title)
        case .starts(let o):
            w.string("kind", "starts")
            w.bool("possible", e.possible ? true : nil)
            obligation(o, &w)
        case .ends(let o):
            w.string("kind", "ends")
            obligation(o, &w)
        }
    }

    static func obligation(_ o: ObligationResult, _ w: inout JSONWriter) {
        w.object("obligation") { w in
            w.string("id", o.id)
            w.string("status", o.status.rawValue)
            w.text("title", o.title)
            JSONReporter.citation("citation", o.citation, &w)
            w.string("severity", o.severity.rawValue)
            w.string("appliesFrom", o.appliesFrom.description)
            w.strings("possibleStarts", o.possibleStarts.map(\.description))
            w.string("tierAtStart", o.tierAtStart)
            w.string("baseline", o.textBaseline)
            w.strings("missingEvidence", o.missingEvidence)
            w.strings("decidingFacts", o.decidingFacts)
        }
    }
}
