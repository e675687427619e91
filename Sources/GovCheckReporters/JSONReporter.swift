import Foundation
import GovCheckEngine

/// The machine report, schema version 2 (docs/json-report.md): a catalog of every pack's rules
/// once, then each result with its findings by rule id, so a fleet's JSON carries each title,
/// citation and remediation once. Keys keep a fixed order and arrays a stable one.
public final class JSONReporter: ReportSink {
    /// Bumped on any incompatible change to the JSON layout (documented in docs/json-report.md).
    public static let schemaVersion = 2

    let out: ReportOutput
    let toolVersion: String
    var run: RunInfo?
    var wroteResult = false
    /// Input errors are listed after the results; they are few and small, so they are kept.
    var errors: [InputError] = []

    public init(output: ReportOutput, toolVersion: String) {
        self.out = output
        self.toolVersion = toolVersion
    }

    /// The whole report as text, for callers that hold every result.
    public static func render(_ report: CheckReport, policy: FailPolicy, toolVersion: String) -> String {
        let o = ReportOutput()
        let r = JSONReporter(output: o, toolVersion: toolVersion)
        r.begin(RunInfo(asOf: report.asOf, packs: report.packs, policy: policy))
        for x in report.results { r.result(x) }
        for e in report.errors { r.error(e) }
        r.end(RunSummary(asOf: report.asOf, failOn: policy.spelled, results: report.results, errors: report.errors, policy: policy))
        o.close()
        return o.text
    }

    public func begin(_ run: RunInfo) {
        self.run = run
        var w = JSONWriter(depth: 1, continuing: false)
        w.int("schemaVersion", JSONReporter.schemaVersion)
        w.object("tool") { w in
            w.string("name", "govcheck")
            w.string("version", toolVersion)
        }
        w.string("asOf", run.asOf.description)
        w.strings("failOn", run.policy.spelled, always: true)
        w.array("packs") { w in for p in run.packs { JSONReporter.catalog(p, &w) } }
        out.write("{" + w.out + ",\n  \"results\": [")
    }

    public func result(_ r: DescriptorResult) {
        guard let run else { return }
        var w = JSONWriter(depth: 2, continuing: wroteResult)
        w.object { w in JSONReporter.result(r, run, &w) }
        out.write(w.out)
        wroteResult = true
    }

    public func error(_ e: InputError) { errors.append(e) }

    public func end(_ summary: RunSummary) {
        out.write(wroteResult ? "\n  ]" : "]")
        var w = JSONWriter(depth: 1, continuing: true)
        w.array("errors") { w in
            for e in errors {
                w.object { w in
                    w.string("file", e.file)
                    w.int("document", e.document)
                    JSONReporter.diagnostics("diagnostics", e.diagnostics, &w, always: true)
                }
            }
        }
        w.object("summary") { w in
            w.int("descriptors", summary.descriptors)
            w.int("inputErrors", summary.inputErrors)
            w.int("failing", summary.failing)
            w.int("skipped", summary.skipped)
            if let b = summary.baseline {
                w.object("baseline") { w in
                    w.string("file", b.file)
                    w.int("entries", b.entries)
                    w.int("baselined", b.baselined)
                    w.int("new", b.new)
                    w.int("changed", b.changed)
                    w.int("fixed", b.fixed)
                    w.int("notChecked", b.notChecked)
                }
            }
            w.object("obligations") { w in
                for s in ObligationStatus.allCases { if let n = summary.obligations[s] { w.int(s.rawValue, n) } }
            }
            w.object("tiers") { w in
                for p in summary.tiers.keys.sorted() {
                    w.object(p) { w in for t in summary.tiers[p]!.keys.sorted() { w.int(t, summary.tiers[p]![t]!) } }
                }
            }
            w.int("exitCode", Int(summary.exitCode))
        }
        if let ws = summary.waivers {
            w.object("waivers") { w in
                w.string("file", ws.file)
                w.array("entries") { w in
                    for u in ws.uses {
                        w.object { w in
                            JSONReporter.waiver(u.waiver, &w)
                            w.string("covers", u.scope)
                            w.int("applied", u.applied)
                            w.int("expiredMatches", u.expiredMatches)
                            w.int("refused", u.refused)
                        }
                    }
                }
                JSONReporter.diagnostics("diagnostics", ws.diagnostics, &w)
            }
        }
        out.write(w.out + "\n}\n")
    }

    static func indent(_ s: String, _ n: Int) -> String {
        let pad = String(repeating: " ", count: n)
        return pad + s.replacingOccurrences(of: "\n", with: "\n" + pad)
    }

    // MARK: Catalog

    /// A pack and its rules; a rule whose text differs between baselines has one entry per
    /// distinct text, listing the baselines it belongs to.
    static func catalog(_ p: RulePack, _ w: inout JSONWriter) {
        w.object { w in
            w.string("id", p.id)
            w.string("version", p.version)
            w.string("jurisdiction", p.jurisdiction)
            w.text("title", p.title)
            w.string("extends", p.extends)
            w.array("baselines") { w in
                for b in p.baselines { w.object { w in w.string("id", b.id); w.string("from", b.from.description); w.text("title", b.title) } }
            }
            w.array("instruments") { w in
                for i in p.instruments {
                    w.object { w in
                        w.string("id", i.id)
                        w.string("identifier", i.identifier)
                        w.text("title", i.title)
                        w.string("status", i.status.rawValue)
                        w.string("url", i.url)
                        w.string("inForce", i.inForce.description)
                    }
                }
            }
            w.array("rules") { w in
                for entry in rules(p) { w.raw(nil, String(entry.drop { $0 == "\n" || $0 == " " })) }
            }
        }
    }

    /// The pack's rule entries (tiers, tier rules, obligations, in pack order), each rendered once
    /// per distinct text across baselines, with the baselines it belongs to when it is not the same
    /// in all of them.
    static func rules(_ p: RulePack) -> [String] {
        typealias Body = (inout JSONWriter) -> Void
        var order: [String] = []
        var variants: [String: [(json: String, body: Body, baselines: [String])]] = [:]
        func add(_ id: String, _ baseline: String?, _ body: @escaping Body) {
            var w = JSONWriter(depth: 4, continuing: false)
            w.object(nil, body)
            if variants[id] == nil { order.append(id) }
            var list = variants[id] ?? []
            if let i = list.firstIndex(where: { $0.json == w.out }) {
                if let baseline { list[i].baselines.append(baseline) }
            } else {
                list.append((w.out, body, baseline.map { [$0] } ?? []))
            }
            variants[id] = list
        }
        for r in p.resolved {
            let b = r.baseline?.id
            for t in r.tiers {
                add("tier:" + t.id, b) { w in
                    w.string("id", t.id)
                    w.string("kind", "tier")
                    w.text("title", t.title)
                    w.string("severity", t.severity.rawValue)
                    w.bool("otherwise", t.otherwise ? true : nil)
                    if t.otherwise, let rule = t.rules.first {
                        citation("citation", CitationFormatter.reference(rule.citation, in: p), &w)
                        w.string("appliesFrom", rule.appliesFrom.description)
                        w.text("rationale", rule.rationale)
                    }
                }
                for rule in t.rules where !t.otherwise {
                    add("rule:" + rule.id, b) { w in
                        w.string("id", rule.id)
                        w.string("kind", "tier-rule")
                        w.string("tier", t.id)
                        citation("citation", CitationFormatter.reference(rule.citation, in: p), &w)
                        w.string("appliesFrom", rule.appliesFrom.description)
                        w.text("rationale", rule.rationale)
                    }
                }
            }
            for o in r.obligations {
                add("obligation:" + o.id, b) { w in
                    w.string("id", o.id)
                    w.string("kind", "obligation")
                    w.text("title", o.title)
                    citation("citation", CitationFormatter.reference(o.citation, in: p), &w)
                    w.strings("binds", o.binds)
                    w.string("appliesFrom", o.appliesFrom.description)
                    if !o.startRoutes.isEmpty { w.array("startRoutes") { w in
                        for route in o.startRoutes { w.object { w in w.string("route", route.name); w.string("from", route.from.description) } }
                    } }
                    w.string("severity", o.severity.rawValue)
                    w.text("remediation", o.remediation)
                    w.string("disabledReason", o.disabledReason)
                }
            }
        }
        var out: [String] = []
        for id in order {
            let list = variants[id]!
            for v in list {
                if list.count == 1 && (p.baselines.isEmpty || v.baselines.count == p.resolved.count) {
                    out.append(v.json)
                } else {
                    var w = JSONWriter(depth: 4, continuing: false)
                    w.object { w in
                        v.body(&w)
                        w.strings("baselines", v.baselines, always: true)
                    }
                    out.append(w.out)
                }
            }
        }
        return out
    }

    static func citation(_ k: String, _ c: CitationRef, _ w: inout JSONWriter) {
        w.object(k) { w in
            w.string("instrument", c.instrument)
            w.string("identifier", c.identifier)
            w.string("status", c.status.rawValue)
            w.text("text", c.text)
            w.text("label", c.label)
            w.string("article", c.article)
            w.string("paragraph", c.paragraph)
            w.string("point", c.point)
            w.string("annex", c.annex)
            w.string("clause", c.clause)
        }
    }

    // MARK: Results

    static func result(_ r: DescriptorResult, _ run: RunInfo, _ w: inout JSONWriter) {
        w.string("file", r.file)
        w.int("document", r.document)
        w.string("name", r.name)
        w.int("line", r.line)
        w.int("column", r.column)
        if let j = r.jurisdictions { w.strings("jurisdictions", j, always: true) }
        diagnostics("diagnostics", r.diagnostics, &w)
        w.array("evaluations") { w in
            for e in r.evaluations {
                w.object { w in evaluation(e, run.policy, &w) }
            }
        }
    }

    static func evaluation(_ e: PackEvaluation, _ policy: FailPolicy, _ w: inout JSONWriter) {
        w.string("pack", e.pack)
        w.string("baseline", e.baseline)
        w.object("tier") { w in
            decision(e.tier, &w)
            w.string("baselineState", e.tier.baselineState?.rawValue)
            w.bool("fails", policy.tierFails(e) ? true : nil)
        }
        if !e.timeline.isEmpty { w.array("timeline") { w in
            for c in e.timeline {
                w.object { w in
                    w.string("from", c.from.description)
                    w.string("baseline", c.baseline == e.baseline ? nil : c.baseline)
                    decision(c.decision, &w)
                    w.string("baselineState", c.decision.baselineState?.rawValue)
                    w.bool("fails", policy.changeFails(c, in: e) ? true : nil)
                }
            }
        } }
        w.array("obligations") { w in
            for o in e.obligations {
                w.object { w in
                    w.string("id", o.id)
                    w.string("status", o.status.rawValue)
                    w.string("appliesFrom", o.appliesFrom.description)
                    w.strings("possibleStarts", o.possibleStarts.map(\.description))
                    w.string("route", o.route)
                    w.string("tierAtStart", o.tierAtStart)
                    w.string("baseline", o.textBaseline)
                    if let b = o.boundAs {
                        w.object("boundAs") { w in w.string("role", b.role); citation("under", b.citation, &w) }
                    }
                    w.strings("missingEvidence", o.missingEvidence)
                    w.strings("decidingFacts", o.decidingFacts)
                    w.int("line", o.line)
                    w.int("column", o.column)
                    if let l = o.evidenceLine, let c = o.evidenceColumn {
                        w.object("evidenceAt") { w in w.int("line", l); w.int("column", c) }
                    }
                    w.string("baselineState", o.baselineState?.rawValue)
                    if let wv = o.waiver { w.object("waiver") { w in waiver(wv, &w) } }
                    w.bool("fails", policy.obligationFails(o, in: e) ? true : nil)
                }
            }
        }
        if !e.assumptions.isEmpty { w.array("assumptions") { w in
            for a in e.assumptions { w.object { w in w.string("fact", a.fact); w.string("value", a.value) } }
        } }
    }

    /// A waiver on a finding: who accepted it, why, until when, and where it is written.
    static func waiver(_ v: WaiverRef, _ w: inout JSONWriter) {
        w.string("id", v.id)
        w.string("justification", v.justification)
        w.string("approvedBy", v.approvedBy)
        w.string("ticket", v.ticket)
        w.string("expires", v.expires.description)
        w.bool("expired", v.expired ? true : nil)
        w.string("file", v.file)
        w.int("line", v.line)
        w.int("column", v.column)
    }

    static func decision(_ d: TierDecision, _ w: inout JSONWriter) {
        w.string("status", d.status.rawValue)
        w.string("tier", d.tier)
        w.string("severity", d.severity.rawValue)
        w.strings("possible", d.possible)
        w.strings("decidingFacts", d.decidingFacts)
        w.array("reasons") { w in
            for r in d.reasons {
                w.object { w in
                    w.string("rule", r.rule)
                    if !r.facts.isEmpty { w.array("facts") { w in
                        for f in r.facts {
                            w.object { w in
                                w.string("path", f.path)
                                w.string("value", f.value)
                                w.bool("assumed", f.assumed ? true : nil)
                                w.int("line", f.line)
                                w.int("column", f.column)
                            }
                        }
                    } }
                }
            }
        }
    }

    static func diagnostics(_ k: String, _ ds: [DiagnosticRecord], _ w: inout JSONWriter, always: Bool = false) {
        guard always || !ds.isEmpty else { return }
        w.array(k) { w in
            for d in ds {
                w.object { w in
                    w.string("file", d.file)
                    w.int("line", d.line)
                    w.int("column", d.column)
                    w.string("severity", d.severity.rawValue)
                    w.string("code", d.code)
                    w.string("message", d.message)
                    w.string("help", d.help)
                    w.strings("notes", d.notes)
                }
            }
        }
    }

    /// Encodes any value with sorted keys (for explain, lint and test output, which are small).
    public static func encode<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? e.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
