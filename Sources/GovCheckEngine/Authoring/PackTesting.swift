import Foundation
import YAMLTree

/// One expectation that did not hold, with the place in the test file that stated it.
public struct TestFailure: Sendable {
    public let file: String
    public let line: Int
    public let column: Int
    public let caseName: String
    public let message: String
}

/// The outcome of one test case.
public struct TestCaseResult: Sendable {
    public let file: String
    public let line: Int
    public let name: String
    public let pack: String
    public let failures: [TestFailure]
    public var passed: Bool { failures.isEmpty }
}

/// How well a pack's tests exercise it: each tier rule and obligation should be seen both holding
/// (applying) and not, and every predicate should be evaluated at least once.
public struct PackCoverage: Sendable {
    /// One rule and whether the tests saw its condition hold and not hold.
    public struct Entry: Sendable {
        public let id: String
        public let kind: String
        public let sawTrue: Bool
        public let sawFalse: Bool
        public let span: SourceSpan
        public var covered: Bool { sawTrue && sawFalse }
    }

    public let pack: String
    public let entries: [Entry]
    /// Predicates no test evaluated, by location.
    public let unexercisedPredicates: [(path: String, span: SourceSpan)]

    /// Share of rules exercised both ways, in percent.
    public var percent: Double {
        entries.isEmpty ? 100 : Double(entries.filter(\.covered).count) * 100 / Double(entries.count)
    }
}

/// Everything a `govcheck test` run found.
public struct TestReport: Sendable {
    public let cases: [TestCaseResult]
    /// Test files (or cases) that could not be read: errors, never skips.
    public let diagnostics: [Diagnostic]
    public let coverage: [PackCoverage]

    public var passed: Int { cases.filter(\.passed).count }
    public var failed: Int { cases.count - passed }
    /// Errors that stopped a test file or case from running (each one is a test that did not run).
    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
}

/// Finds and runs pack tests (`kind: PackTest`) against loaded packs.
public enum PackTestRunner {
    /// Test files: `*.yaml` inside folders named `tests` under each root, or the files given.
    public static func discover(_ roots: [String]) -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for root in roots {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDir) else { continue }
            if !isDir.boolValue { out.append(root); continue }
            let e = fm.enumerator(atPath: root)
            while let rel = e?.nextObject() as? String {
                let comps = (rel as NSString).pathComponents
                let ext = (rel as NSString).pathExtension
                if (ext == "yaml" || ext == "yml"), comps.dropLast().contains("tests") {
                    out.append(PackLoader.displayPath((root as NSString).appendingPathComponent(rel)))
                }
            }
        }
        return Array(Set(out)).sorted()
    }

    public static func run(files: [String], packSet: PackSet, defaultAsOf: Day, coverage: Bool) -> TestReport {
        var cases: [TestCaseResult] = []
        let sink = DiagnosticSink()
        var recorders: [String: EvaluationRecorder] = [:]
        var tested = Set<String>()
        for file in files {
            let docs: [YAMLDocument]
            do { docs = try YAMLReader.read(path: file) } catch { sink.append(Diagnostic(error)); continue }
            for doc in docs {
                guard let r = NodeReader(doc.root, "the test file", sink) else { continue }
                r.checkKeys(["govcheck", "kind", "pack", "cases", "description"])
                PackLoader.checkHeader(r, kind: "PackTest", sink: sink)
                guard let packID = r.string("pack") else { continue }
                guard let pack = packSet.pack(packID) else {
                    sink.error("test.unknown-pack", "no loaded pack '\(packID)'", at: r["pack"]?.span,
                               help: Suggest.help(packID, packSet.packs.map(\.id)) ?? "load it with --rules")
                    continue
                }
                tested.insert(pack.id)
                let recorder = recorders[pack.id] ?? EvaluationRecorder(coverage: true)
                recorders[pack.id] = recorder
                for c in r.list("cases", required: true) ?? [] {
                    if let result = runCase(c, file: file, pack: pack, packSet: packSet, defaultAsOf: defaultAsOf,
                                            recorder: recorder, sink: sink) {
                        cases.append(result)
                    }
                }
            }
        }
        var cov: [PackCoverage] = []
        if coverage {
            for id in tested.sorted() {
                guard let pack = packSet.pack(id), let rec = recorders[id] else { continue }
                cov.append(measure(pack, rec))
            }
        }
        return TestReport(cases: cases, diagnostics: sink.items.sorted(), coverage: cov)
    }

    /// What a pack test can expect; `waived` comes only from a waivers file, never from a pack.
    static let statuses = ObligationStatus.allCases.filter { $0 != .waived }.map(\.rawValue)

    static func runCase(_ node: Node, file: String, pack: RulePack, packSet: PackSet, defaultAsOf: Day,
                        recorder: EvaluationRecorder, sink: DiagnosticSink) -> TestCaseResult? {
        guard let r = NodeReader(node, "a test case", sink) else { return nil }
        r.checkKeys(["name", "asOf", "baseline", "descriptor", "descriptorFile", "expect"])
        let name = r.string("name").map { DisplayText.escaped($0) } ?? "(unnamed case at line \(node.span.start.line))"
        let asOf = r.day("asOf", required: false) ?? defaultAsOf
        let baseline = r.string("baseline", required: false)
        if let baseline, !pack.baselines.contains(where: { $0.id == baseline }) {
            sink.error("test.unknown-baseline", "pack '\(pack.id)' has no baseline '\(baseline)'", at: r["baseline"]?.span,
                       help: Suggest.help(baseline, pack.baselines.map(\.id)))
            return nil
        }
        // The descriptor: inline, or a file relative to the test file.
        let document: YAMLDocument
        var descriptorPath = file
        if let inline = r["descriptor"] {
            if r["descriptorFile"] != nil {
                sink.error("test.descriptor", "give 'descriptor' or 'descriptorFile', not both", at: node.span)
                return nil
            }
            document = YAMLDocument(index: 1, root: inline)
        } else if let fnode = r.required("descriptorFile"), let rel = NodeReader.string(fnode, "'descriptorFile'", sink) {
            let full = rel.hasPrefix("/") ? rel : ((file as NSString).deletingLastPathComponent as NSString).appendingPathComponent(rel)
            do {
                let docs = try YAMLReader.read(path: full)
                document = docs[0]
                descriptorPath = full
            } catch {
                sink.append(Diagnostic(error))
                sink.error("test.descriptor", "descriptor file '\(rel)' could not be read", at: fnode.span)
                return nil
            }
        } else { return nil }
        let descriptor = Descriptor(document: document, path: descriptorPath, vocabulary: packSet.vocabulary)
        var failures: [TestFailure] = []
        func fail(_ span: SourceSpan, _ message: String) {
            failures.append(TestFailure(file: DisplayText.escaped(span.file.path), line: span.start.line, column: span.start.column,
                                        caseName: name, message: DisplayText.capped(message)))
        }
        for d in descriptor.diagnostics where d.severity == .error {
            fail(d.span ?? node.span, "descriptor: \(d.message)" + (d.help.map { " (\($0))" } ?? ""))
        }
        guard let expect = r.required("expect").flatMap({ NodeReader($0, "'expect'", sink) }) else { return nil }
        expect.checkKeys(["tier", "reasons", "obligations", "exhaustive", "possible", "timeline"])
        let evaluation = Evaluator.evaluate(pack: pack, descriptor: descriptor, asOf: asOf, baseline: baseline,
                                            includeNotApplicable: true, recorder: recorder)
        let tierIDs = pack.resolved.flatMap { $0.tiers.map(\.id) }
        if let tn = expect["tier"], let want = NodeReader.string(tn, "'tier'", sink) {
            if !tierIDs.contains(want) && want != "needs-review" && want != "unclassified" {
                sink.error("test.unknown-tier", "pack '\(pack.id)' has no tier '\(want)'", at: tn.span,
                           help: Suggest.help(want, tierIDs + ["needs-review"]))
            } else if evaluation.tier.label != want {
                var got = evaluation.tier.label
                if evaluation.tier.status == .needsReview {
                    got += " (could be \(evaluation.tier.possible.joined(separator: " or ")); unstated: \(evaluation.tier.decidingFacts.joined(separator: ", ")))"
                } else if !evaluation.tier.reasons.isEmpty {
                    got += " (because \(evaluation.tier.reasons.map(\.rule).joined(separator: ", ")))"
                }
                fail(tn.span, "tier: expected \(want), got \(got)")
            }
        }
        if let pn = expect["possible"], let want = expect.strings("possible"), Set(want) != Set(evaluation.tier.possible) {
            fail(pn.span, "possible tiers: expected \(want.joined(separator: ", ")), got \(evaluation.tier.possible.joined(separator: ", "))")
        }
        let ruleIDs = pack.resolved.flatMap { $0.tiers.flatMap { $0.rules.map(\.id) } }
        if let rn = expect["reasons"], let want = expect.strings("reasons") {
            for w in want where !ruleIDs.contains(w) {
                sink.error("test.unknown-rule", "pack '\(pack.id)' has no tier rule '\(w)'", at: rn.span, help: Suggest.help(w, ruleIDs))
            }
            let got = evaluation.tier.reasons.map(\.rule)
            if Set(want) != Set(got) {
                fail(rn.span, "reasons: expected \(want.joined(separator: ", ")), got \(got.isEmpty ? "none" : got.joined(separator: ", "))")
            }
        }
        let obligationIDs = Set(pack.resolved.flatMap { $0.obligations.map(\.id) })
        var listed = Set<String>()
        if let on = expect["obligations"] {
            if let pairs = on.mapping {
                for p in pairs {
                    listed.insert(p.key)
                    guard obligationIDs.contains(p.key) else {
                        sink.error("test.unknown-obligation", "pack '\(pack.id)' has no obligation '\(p.key)'", at: p.keySpan,
                                   help: Suggest.help(p.key, obligationIDs.sorted()))
                        continue
                    }
                    // A status, or `{status, appliesFrom, possibleStarts, tierAtStart, boundAs, route}`.
                    let detailed = p.value.mapping != nil ? NodeReader(p.value, "the expectation of '\(p.key)'", sink) : nil
                    detailed?.checkKeys(["status", "appliesFrom", "possibleStarts", "tierAtStart", "boundAs", "route"])
                    let statusNode = detailed?.required("status") ?? p.value
                    guard let want = NodeReader.string(statusNode, "the status of '\(p.key)'", sink) else { continue }
                    guard statuses.contains(want) else {
                        sink.error("test.status", "'\(want)' is not an obligation status", at: p.value.span,
                                   help: Suggest.help(want, statuses) ?? "statuses: \(statuses.joined(separator: ", "))")
                        continue
                    }
                    let got = evaluation.obligations.first { $0.id == p.key }
                    let gotStatus = got?.status.rawValue ?? "not-applicable"
                    if gotStatus != want {
                        var detail = ""
                        if let got, got.status == .missing, !got.missingEvidence.isEmpty { detail = " (evidence: \(got.missingEvidence.joined(separator: ", ")))" }
                        if let got, got.status == .undetermined { detail = " (unstated: \(got.decidingFacts.joined(separator: ", ")))" }
                        if got == nil { detail = " (not in the pack's text for this date/baseline)" }
                        fail(p.value.span, "obligation \(p.key): expected \(want), got \(gotStatus)\(detail)")
                    } else if let detailed, let got {
                        checkDetails(p.key, detailed, got, fail: fail)
                    }
                }
            } else {
                sink.error("test.type", "'obligations' must map obligation ids to statuses", at: on.span)
            }
        }
        if let tl = expect["timeline"] {
            // `timeline: [{from: DATE, tier: ID}]`: the later tiers, in order (tier: needs-review too).
            var want: [(Day, String)] = []
            for item in tl.sequence ?? [] {
                guard let ir = NodeReader(item, "a timeline entry", sink) else { continue }
                ir.checkKeys(["from", "tier"])
                if let d = ir.day("from"), let t = ir.string("tier") { want.append((d, t)) }
            }
            if tl.sequence == nil { sink.error("test.type", "'timeline' must be a list of {from, tier}", at: tl.span) }
            let got = evaluation.timeline.map { ($0.from, $0.decision.label) }
            if got.map({ "\($0.0) \($0.1)" }) != want.map({ "\($0.0) \($0.1)" }) {
                let show = { (xs: [(Day, String)]) in xs.isEmpty ? "none" : xs.map { "\($0.1) from \($0.0)" }.joined(separator: "; ") }
                fail(tl.span, "timeline: expected \(show(want)), got \(show(got))")
            }
        }
        if expect.bool("exhaustive") == true {
            for o in evaluation.obligations where o.status != .notApplicable && !listed.contains(o.id) {
                fail(expect["exhaustive"]!.span, "exhaustive: obligation \(o.id) is \(o.status.rawValue) but not listed")
            }
        }
        return TestCaseResult(file: file, line: node.span.start.line, name: name, pack: pack.id, failures: failures)
    }

    /// The date, route, later tier and role of an obligation, where the case states them.
    static func checkDetails(_ id: String, _ r: NodeReader, _ got: ObligationResult, fail: (SourceSpan, String) -> Void) {
        if let n = r["appliesFrom"], let want = NodeReader.day(n, "'appliesFrom'", r.sink), want != got.appliesFrom {
            fail(n.span, "obligation \(id): expected applies from \(want), got \(got.appliesFrom)")
        }
        if let n = r["possibleStarts"] {
            let want = (n.sequence ?? []).compactMap { NodeReader.day($0, "a possible start", r.sink) }
            if want != got.possibleStarts {
                fail(n.span, "obligation \(id): expected possible starts \(want.map(\.description).joined(separator: ", ")), got \(got.possibleStarts.isEmpty ? "one date" : got.possibleStarts.map(\.description).joined(separator: ", "))")
            }
        }
        for (key, value) in [("tierAtStart", got.tierAtStart), ("boundAs", got.boundAs?.role), ("route", got.route)] {
            guard let n = r[key], let want = NodeReader.string(n, "'\(key)'", r.sink) else { continue }
            let wanted: String? = want == "none" ? nil : want
            if wanted != value { fail(n.span, "obligation \(id): expected \(key) \(want), got \(value ?? "none")") }
        }
    }

    static func measure(_ pack: RulePack, _ rec: EvaluationRecorder) -> PackCoverage {
        var entries: [PackCoverage.Entry] = []
        var seen = Set<String>()
        var predicates: [Int: (String, SourceSpan)] = [:]
        for rules in pack.resolved {
            for tier in rules.tiers {
                if tier.otherwise, seen.insert(tier.id).inserted {
                    let o = rec.ruleOutcomes?[tier.id] ?? []
                    entries.append(.init(id: tier.id, kind: "tier", sawTrue: o.contains(.true), sawFalse: o.contains(.false), span: tier.span))
                }
                for rule in tier.rules where !tier.otherwise {
                    rule.when?.predicates.forEach { predicates[$0.id] = ($0.path, $0.span) }
                    guard seen.insert(rule.id).inserted else { continue }
                    let o = rec.ruleOutcomes?[rule.id] ?? []
                    entries.append(.init(id: rule.id, kind: "tier rule", sawTrue: o.contains(.true), sawFalse: o.contains(.false), span: rule.span))
                }
            }
            for ob in rules.obligations {
                (ob.appliesWhen?.predicates ?? []).forEach { predicates[$0.id] = ($0.path, $0.span) }
                (ob.satisfiedWhen?.predicates ?? []).forEach { predicates[$0.id] = ($0.path, $0.span) }
                for route in ob.startRoutes { (route.when?.predicates ?? []).forEach { predicates[$0.id] = ($0.path, $0.span) } }
                guard seen.insert(ob.id).inserted else { continue }
                let o = rec.ruleOutcomes?[ob.id] ?? []
                entries.append(.init(id: ob.id, kind: "obligation", sawTrue: o.contains(.true), sawFalse: o.contains(.false), span: ob.span))
            }
        }
        for dr in pack.derivedRoles { dr.when.predicates.forEach { predicates[$0.id] = ($0.path, $0.span) } }
        // An extending pack is measured on the rules it defines itself; its base has its own tests.
        if pack.extends != nil {
            entries = entries.filter { $0.span.file.path == pack.path }
            predicates = predicates.filter { $0.value.1.file.path == pack.path }
        }
        let outcomes = rec.predicateOutcomes ?? [:]
        let unexercised = predicates.keys.sorted().filter { outcomes[$0] == nil }.map { predicates[$0]! }
            .sorted { $0.1 < $1.1 }.map { (path: $0.0, span: $0.1) }
        return PackCoverage(pack: pack.id, entries: entries, unexercisedPredicates: unexercised)
    }
}
