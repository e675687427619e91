import GovCheckEngine

/// One side of a `govcheck diff`: what was evaluated (a date, a rules folder or a law text), as
/// of when, and the packs with their versions and the text in force.
public struct DiffSide: Sendable {
    public enum Kind: String, Sendable { case date, rules, text }

    public struct Pack: Sendable {
        public let id: String
        public let version: String
        /// The text of the law the side evaluated the pack under (nil: a pack without baselines).
        public let text: String?
        public let path: String

        public init(id: String, version: String, text: String?, path: String) {
            self.id = id
            self.version = version
            self.text = text
            self.path = path
        }
    }

    /// `--from` or `--to`.
    public let option: String
    /// The value as written.
    public let spelled: String
    public let kind: Kind
    public let asOf: Day
    public let baseline: String?
    public let packs: [Pack]

    public init(option: String, spelled: String, kind: Kind, asOf: Day, baseline: String?, packs: [Pack]) {
        self.option = option
        self.spelled = spelled
        self.kind = kind
        self.asOf = asOf
        self.baseline = baseline
        self.packs = packs
    }

    /// `2027-12-02 (as of; packs eu-ai-act 0.1.0 …)` in one line.
    var summary: String {
        let what: String
        switch kind {
        case .date: what = "as of \(asOf)"
        case .rules: what = "rules from \(spelled), as of \(asOf)"
        case .text: what = "text \(spelled), as of \(asOf)"
        }
        return what + (baseline != nil && kind != .text ? ", text \(baseline!)" : "") + "; packs: "
            + packs.map { "\($0.id) \($0.version)" + ($0.text.map { " [\($0)]" } ?? "") }.joined(separator: ", ")
    }
}

/// `govcheck diff` output: per changed system and pack, the tier before and after and every
/// obligation gained, lost or changed, as text, JSON and Markdown. The words are English; pack
/// titles and citations follow `--lang` where the pack has them.
public enum DiffReporter {
    /// Bumped on any incompatible change to the JSON layout (documented in docs/report.md).
    public static let schemaVersion = 1

    static func tierLine(_ c: PackChange) -> String {
        func show(_ e: PackEvaluation?) -> String {
            guard let e else { return "not evaluated" }
            var s = e.tier.label
            for t in e.timeline { s += " → \(t.decision.label) \(t.from)" }
            return s
        }
        return show(c.from) + "  =>  " + show(c.to)
    }

    /// One obligation's change; titles and citations in `language` where the pack has them.
    static func obligationLine(_ o: ObligationChange, _ language: Language) -> String {
        switch o.kind {
        case .gained:
            let r = o.to!
            return "+ gained   \(r.id)  \(r.status.rawValue) (\(r.severity.rawValue)), \(when(r))  \(r.citation.label.text(language))  \(r.title.text(language))"
        case .lost:
            let r = o.from!
            return "- lost     \(r.id)  was \(r.status.rawValue) (\(r.severity.rawValue)), \(when(r))  \(r.citation.label.text(language))  \(r.title.text(language))"
        case .changed:
            return "~ changed  \(o.id)  " + o.fields.map { "\($0) \(value($0, o.from!, language)) → \(value($0, o.to!, language))" }.joined(separator: "; ")
        }
    }

    static func when(_ r: ObligationResult) -> String {
        r.possibleStarts.isEmpty ? "from \(r.appliesFrom)" : "from " + r.possibleStarts.map(\.description).joined(separator: " or ")
    }

    /// A field's value as the change line shows it.
    static func value(_ field: String, _ r: ObligationResult, _ language: Language) -> String {
        switch field {
        case "status": return r.status.rawValue
        case "appliesFrom": return r.appliesFrom.description
        case "possibleStarts": return r.possibleStarts.isEmpty ? "none" : r.possibleStarts.map(\.description).joined(separator: ", ")
        case "tierAtStart": return r.tierAtStart ?? "none"
        case "severity": return r.severity.rawValue
        case "citation": return r.citation.label.text(language)
        case "title": return "'" + r.title.text(language) + "'"
        case "boundAs": return r.boundAs?.role ?? "none"
        case "missingEvidence": return r.missingEvidence.isEmpty ? "none" : r.missingEvidence.joined(separator: ", ")
        case "decidingFacts": return r.decidingFacts.isEmpty ? "none" : r.decidingFacts.joined(separator: ", ")
        default: return "?"
        }
    }

    static func errorLines(_ e: InputError, _ side: String) -> String {
        e.diagnostics.map { "  \($0.file):\($0.line):\($0.column): \($0.message) [\($0.code)] (\(side))\n" }.joined()
    }

    public static func text(_ diff: FleetDiff, from a: DiffSide, to b: DiffSide, language: Language = .en) -> String {
        var out = "govcheck diff\n  from: \(a.summary)\n  to:   \(b.summary)\n\n"
        for s in diff.systems {
            out += "\(s.file)" + (s.document > 1 ? " (document \(s.document))" : "") + "  \(s.name)\n"
            if let e = s.fromError { out += "  not evaluated on the --from side:\n" + errorLines(e, "--from") }
            if let e = s.toError { out += "  not evaluated on the --to side:\n" + errorLines(e, "--to") }
            for p in s.packs {
                let what = p.kind == .added ? " (only on the --to side)" : p.kind == .removed ? " (only on the --from side)" : ""
                out += "  \(p.pack)\(what): tier \(tierLine(p))" + (p.tierChanged || p.laterChanged ? "" : " (unchanged)") + "\n"
                for o in p.obligations { out += "    " + obligationLine(o, language) + "\n" }
            }
            out += "\n"
        }
        if !diff.errors.isEmpty {
            out += "Inputs not evaluated:\n"
            for (f, t) in diff.errors {
                if let f, let t, f.diagnostics == t.diagnostics {
                    out += errorLines(f, "both sides")
                } else {
                    if let f { out += errorLines(f, "--from") }
                    if let t { out += errorLines(t, "--to") }
                }
            }
            out += "\n"
        }
        out += "Summary: \(diff.compared) system\(diff.compared == 1 ? "" : "s") compared, \(diff.systems.filter { !$0.packs.isEmpty }.count) changed, "
            + "\(diff.unchanged) unchanged, \(diff.inputErrors) input error\(diff.inputErrors == 1 ? "" : "s")\n"
        return out
    }

    public static func markdown(_ diff: FleetDiff, from a: DiffSide, to b: DiffSide, language: Language = .en) -> String {
        let m = Markdown.text
        var out = "## govcheck diff\n\n"
        out += "- **from** (\(m(a.option) + " " + m(a.spelled))): \(m(a.summary))\n- **to** (\(m(b.option) + " " + m(b.spelled))): \(m(b.summary))\n\n"
        let changed = diff.systems.filter { !$0.packs.isEmpty }.count
        out += "\(diff.compared) system\(diff.compared == 1 ? "" : "s") compared: **\(changed) changed**, \(diff.unchanged) unchanged, \(diff.inputErrors) input error\(diff.inputErrors == 1 ? "" : "s").\n\n"
        if !diff.systems.isEmpty {
            out += "| System | Pack | Tier from | Tier to | Gained | Lost | Changed |\n|---|---|---|---|---|---|---|\n"
            for s in diff.systems {
                if s.fromError != nil || s.toError != nil {
                    out += "| \(m(s.name)) | | not evaluated on the \(s.fromError != nil ? "--from" : "--to") side | | | | |\n"
                }
                for p in s.packs {
                    let g = p.obligations.filter { $0.kind == .gained }.count, l = p.obligations.filter { $0.kind == .lost }.count
                    let c = p.obligations.filter { $0.kind == .changed }.count
                    out += "| \(m(s.name)) | \(Markdown.code(p.pack)) | \(m(p.from.map(tierCell) ?? "—")) | \(m(p.to.map(tierCell) ?? "—")) | \(g) | \(l) | \(c) |\n"
                }
            }
            out += "\n"
            for s in diff.systems where !s.packs.isEmpty {
                out += "### \(m(s.name))\n\n\(Markdown.code(s.file))" + (s.document > 1 ? " #\(s.document)" : "") + "\n\n"
                for p in s.packs {
                    out += "- \(Markdown.code(p.pack)): tier \(m(tierLine(p)))\n"
                    for o in p.obligations { out += "  - \(m(obligationLine(o, language)))\n" }
                }
                out += "\n"
            }
        }
        var errors = diff.systems.flatMap { s in [s.fromError.map { ("--from", $0) }, s.toError.map { ("--to", $0) }].compactMap { $0 } }
        for (f, t) in diff.errors {
            if let f, let t, f.diagnostics == t.diagnostics { errors.append(("both sides", f)); continue }
            if let f { errors.append(("--from", f)) }
            if let t { errors.append(("--to", t)) }
        }
        if !errors.isEmpty {
            out += "### Inputs not evaluated\n\n"
            for (side, e) in errors {
                for d in e.diagnostics { out += "- \(side): \(Markdown.code("\(d.file):\(d.line):\(d.column)")) \(m(d.message))\n" }
            }
            out += "\n"
        }
        return out
    }

    static func tierCell(_ e: PackEvaluation) -> String {
        var s = e.tier.label
        for t in e.timeline { s += " → \(t.decision.label) \(t.from)" }
        return s
    }

    public static func json(_ diff: FleetDiff, from a: DiffSide, to b: DiffSide, toolVersion: String) -> String {
        var w = JSONWriter()
        w.object { w in
            w.int("schemaVersion", schemaVersion)
            w.object("tool") { w in w.string("name", "govcheck"); w.string("version", toolVersion) }
            side("from", a, &w)
            side("to", b, &w)
            w.array("systems") { w in
                for s in diff.systems {
                    w.object { w in
                        w.string("file", s.file)
                        w.int("document", s.document)
                        w.string("name", s.name)
                        if let e = s.fromError { JSONReporter.diagnostics("fromErrors", e.diagnostics, &w, always: true) }
                        if let e = s.toError { JSONReporter.diagnostics("toErrors", e.diagnostics, &w, always: true) }
                        w.array("packs") { w in
                            for p in s.packs { w.object { w in pack(p, &w) } }
                        }
                    }
                }
            }
            w.array("errors") { w in
                for (f, t) in diff.errors {
                    w.object { w in
                        w.string("file", (f ?? t)?.file)
                        w.int("document", (f ?? t)?.document)
                        if let f { JSONReporter.diagnostics("fromErrors", f.diagnostics, &w, always: true) }
                        if let t { JSONReporter.diagnostics("toErrors", t.diagnostics, &w, always: true) }
                    }
                }
            }
            w.object("summary") { w in
                w.int("compared", diff.compared)
                w.int("changed", diff.systems.filter { !$0.packs.isEmpty }.count)
                w.int("unchanged", diff.unchanged)
                w.int("inputErrors", diff.inputErrors)
            }
        }
        return w.out + "\n"
    }

    static func side(_ k: String, _ s: DiffSide, _ w: inout JSONWriter) {
        w.object(k) { w in
            w.string("kind", s.kind.rawValue)
            w.string("value", s.spelled)
            w.string("asOf", s.asOf.description)
            w.string("baseline", s.baseline)
            w.array("packs") { w in
                for p in s.packs { w.object { w in w.string("id", p.id); w.string("version", p.version); w.string("text", p.text) } }
            }
        }
    }

    static func pack(_ p: PackChange, _ w: inout JSONWriter) {
        w.string("pack", p.pack)
        w.string("change", p.kind.rawValue)
        func tier(_ k: String, _ e: PackEvaluation?) {
            guard let e else { return }
            w.object(k) { w in
                w.string("tier", e.tier.label)
                w.string("baseline", e.baseline)
                if !e.timeline.isEmpty { w.array("later") { w in
                    for c in e.timeline { w.object { w in w.string("from", c.from.description); w.string("tier", c.decision.label) } }
                } }
            }
        }
        tier("from", p.from)
        tier("to", p.to)
        w.bool("tierChanged", p.tierChanged)
        w.bool("laterChanged", p.laterChanged)
        w.array("obligations") { w in
            for o in p.obligations {
                w.object { w in
                    w.string("id", o.id)
                    w.string("change", o.kind.rawValue)
                    w.strings("fields", o.fields)
                    for (k, r) in [("from", o.from), ("to", o.to)] {
                        guard let r else { continue }
                        w.object(k) { w in
                            w.string("status", r.status.rawValue)
                            w.string("severity", r.severity.rawValue)
                            w.string("appliesFrom", r.appliesFrom.description)
                            w.strings("possibleStarts", r.possibleStarts.map(\.description))
                            w.string("tierAtStart", r.tierAtStart)
                            w.text("title", r.title)
                            JSONReporter.citation("citation", r.citation, &w)
                            if let b = r.boundAs { w.string("boundAs", b.role) }
                            w.strings("missingEvidence", r.missingEvidence)
                            w.strings("decidingFacts", r.decidingFacts)
                        }
                    }
                }
            }
        }
    }
}
