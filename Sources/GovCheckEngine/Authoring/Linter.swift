import Foundation
import YAMLTree

/// Checks packs without descriptors: everything the loader rejects, plus conditions that can never
/// hold, tier rules a higher tier always pre-empts, facts nobody reads, and missing provenance.
public enum Linter {
    /// The lint rules beyond load errors, with their fix hints (for docs and SARIF rule metadata).
    public static let rules: [(id: String, summary: String)] = [
        ("lint.contradiction", "an 'all' requires one fact to have two different values; the condition can never hold"),
        ("lint.shadowed-tier-rule", "a higher tier has a rule whose condition this rule implies, so this rule can never decide the tier"),
        ("lint.unused-fact", "a vocabulary fact that no loaded rule reads"),
        ("lint.no-reviewer", "an obligation or tier rule with no 'reviewed' entry (on itself or on the pack)"),
        ("lint.otherwise-not-last", "an 'otherwise' tier that is not the last tier"),
        ("lint.no-tests", "a pack with no tests/ folder"),
        ("lint.guidance-basis", "an obligation that rests on guidance or a draft; reports will say so"),
        ("lint.dated-overlap", "a note: two dated routes of an obligation can both hold with different dates, so the first listed gives the date there (often intended, as for an exception listed first)"),
        ("lint.dated-unreachable", "a dated route that can never give the date, because earlier routes hold whenever it does"),
        ("lint.dated-gap", "an obligation with dated routes and no 'otherwise' that can apply on no route, leaving its date open"),
        ("lint.missing-translation", "a Chinese instrument without an English short title (or a Chinese title), an EU instrument without a Chinese short title, or a rule citing Chinese law whose text lacks Chinese in a pack that is not Chinese; reports would then name the instrument by its full title or identifier only"),
        ("lint.self-classification-only", "a tier rule or an obligation's appliesWhen that reads a self-declared classification tag but none of the facts that define the category, so a descriptor that states the facts without the tag gets a lower tier or loses a duty"),
        ("lint.inconsistent-instrument-title", "an instrument (the same CELEX number, else the same identifier) whose title or short title differs between two loaded packs, so reports name one law two ways"),
    ]

    /// True when `path` is `root` or lies below it (both resolved against the working directory).
    public static func isUnder(_ path: String, _ root: String) -> Bool {
        let p = URL(fileURLWithPath: path).standardizedFileURL.path
        let r = URL(fileURLWithPath: root).standardizedFileURL.path
        return p == r || p.hasPrefix(r.hasSuffix("/") ? r : r + "/")
    }

    public static func lint(_ set: PackSet) -> [Diagnostic] {
        var out = set.diagnostics
        var readPaths = Set<String>()
        for pack in set.packs {
            out.append(contentsOf: lint(pack, read: &readPaths))
        }
        out.append(contentsOf: inconsistentInstrumentTitles(set.packs))
        // Facts that no loaded pack reads (informational facts excepted).
        var declared: [String: FactDeclaration] = [:]
        for p in set.packs { for (k, v) in p.vocabulary.facts { declared[k] = v } }
        for path in declared.keys.sorted() where !readPaths.contains(path) {
            let f = declared[path]!
            if f.informational { continue }
            out.append(Diagnostic(.warning, "lint.unused-fact", "fact '\(path)' is declared but no rule reads it", at: f.span,
                                  help: "read it in a condition, mark it 'informational: true' if it only describes the system, or remove it"))
        }
        return Array(Set(out)).sorted()
    }

    static func lint(_ pack: RulePack, read: inout Set<String>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        if let rf = pack.rolesFact { read.insert(rf) }
        for dr in pack.derivedRoles {
            dr.when.predicates.forEach { read.insert($0.path) }
            if dr.span.file.path == pack.path {
                out.append(contentsOf: contradictions(dr.when))
                out.append(contentsOf: selfClassificationOnly("\(dr.role) role", dr.when, span: dr.span, kind: "derived"))
            }
        }
        let dir = (pack.path as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("tests"), isDirectory: &isDir) || !isDir.boolValue {
            out.append(Diagnostic(.warning, "lint.no-tests", "pack '\(pack.id)' has no tests/ folder", at: nil, path: pack.path,
                                  help: "add tests/*.yaml with cases for every tier rule and obligation; run 'govcheck test'"))
        }
        out.append(contentsOf: missingTranslations(pack))
        for rules in pack.resolved {
            let tiers = rules.tiers
            for (i, tier) in tiers.enumerated() {
                if tier.otherwise && i != tiers.count - 1 {
                    out.append(Diagnostic(.error, "lint.otherwise-not-last", "tier '\(tier.id)' is 'otherwise' but not the last tier",
                                          at: tier.span, help: "move it to the end; tiers below it can never be reached"))
                }
                for rule in tier.rules {
                    if pack.extends != nil { rule.when?.predicates.forEach { read.insert($0.path) }; continue }
                    if rule.reviewed == nil && pack.reviewed == nil {
                        out.append(Diagnostic(.warning, "lint.no-reviewer", "tier rule '\(rule.id)' has no reviewer", at: rule.span,
                                              help: "add 'reviewed: {by: NAME, on: YYYY-MM-DD}' to the rule or the pack"))
                    }
                    guard let when = rule.when else { continue }
                    when.predicates.forEach { read.insert($0.path) }
                    out.append(contentsOf: contradictions(when))
                    out.append(contentsOf: selfClassificationOnly(rule.id, when, span: rule.span))
                    // Shadowing: a rule of a higher tier whose conjuncts are a subset of this rule's.
                    let mine = conjuncts(when)
                    for higher in tiers[..<i] {
                        for h in higher.rules {
                            guard let hw = h.when, h.appliesFrom <= rule.appliesFrom else { continue }
                            let theirs = conjuncts(hw)
                            if !theirs.isEmpty, theirs.isSubset(of: mine) {
                                out.append(Diagnostic(.warning, "lint.shadowed-tier-rule",
                                                      "tier rule '\(rule.id)' can never decide the tier: whenever it holds, '\(h.id)' of the higher tier '\(higher.id)' holds too",
                                                      at: rule.span, help: "narrow the higher rule, or move this rule up",
                                                      notes: [.init(message: "the weaker higher rule", span: h.span)]))
                            }
                        }
                    }
                }
            }
            for o in rules.obligations {
                // An extending pack answers for its own rules; the base is linted on its own.
                let conditions = [o.appliesWhen, o.satisfiedWhen].compactMap { $0 } + o.startRoutes.compactMap(\.when)
                if pack.extends != nil && o.span.file.path != pack.path { conditions.forEach { $0.predicates.forEach { read.insert($0.path) } }; continue }
                for c in conditions {
                    c.predicates.forEach { read.insert($0.path) }
                    out.append(contentsOf: contradictions(c))
                }
                out.append(contentsOf: datedRoutes(o, tiers: tiers))
                if let a = o.appliesWhen { out.append(contentsOf: selfClassificationOnly(o.id, a, span: o.span, kind: "obligation")) }
                if o.reviewed == nil && pack.reviewed == nil {
                    out.append(Diagnostic(.warning, "lint.no-reviewer", "obligation '\(o.id)' has no reviewer", at: o.span,
                                          help: "add 'reviewed: {by: NAME, on: YYYY-MM-DD}' to the obligation or the pack"))
                }
                if let inst = pack.instrument(o.citation.instrument), !inst.status.isBinding {
                    out.append(Diagnostic(.note, "lint.guidance-basis",
                                          "obligation '\(o.id)' rests on \(inst.status.rawValue) ('\(inst.id)'), not binding law",
                                          at: o.span, help: "reports mark it; keep its severity proportionate"))
                }
            }
        }
        return out
    }

    /// The key that makes two packs' instruments the same law: the CELEX number when the identifier
    /// carries one (`CELEX 32024R1689`), else the identifier with its spacing normalised.
    static func instrumentKey(_ i: Instrument) -> String {
        if let r = i.identifier.range(of: #"CELEX\s*[0-9][0-9A-Z]+"#, options: .regularExpression) {
            return i.identifier[r].replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
        }
        return i.identifier.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// One law declared by several packs under different titles: reports would name it one way for
    /// one pack and another way for the next. Each pack is compared with the first (by path) that
    /// declares the law; only titles both give are compared (a missing one is lint.missing-translation).
    static func inconsistentInstrumentTitles(_ packs: [RulePack]) -> [Diagnostic] {
        var first: [String: (pack: RulePack, inst: Instrument)] = [:]
        var out: [Diagnostic] = []
        for pack in packs.sorted(by: { ($0.path, $0.id) < ($1.path, $1.id) }) {
            for i in pack.instruments where i.span == nil || i.span?.file.path == pack.path {
                let key = instrumentKey(i)
                guard let ref = first[key] else { first[key] = (pack, i); continue }
                let fields: [(String, String?, String?)] = [
                    ("English title", i.title.en, ref.inst.title.en),
                    ("Chinese title", i.title.zh, ref.inst.title.zh),
                    ("English short title", i.shortTitle?.en, ref.inst.shortTitle?.en),
                    ("Chinese short title", i.shortTitle?.zh, ref.inst.shortTitle?.zh),
                ]
                for (name, mine, theirs) in fields {
                    guard let mine, let theirs, mine != theirs else { continue }
                    out.append(Diagnostic(.warning, "lint.inconsistent-instrument-title",
                                          "instrument '\(i.id)' (\(key)) has the \(name) '\(mine)' but pack '\(ref.pack.id)' gives it '\(theirs)'",
                                          at: i.span, path: pack.path,
                                          help: "use one \(name) for this law in every pack",
                                          notes: ref.inst.span.map { [.init(message: "the title in pack '\(ref.pack.id)'", span: $0)] } ?? []))
                }
            }
        }
        return out
    }

    /// Instruments a reader of the other language could not name (a Chinese one without an English
    /// short title, an EU one without a Chinese one), and rules citing Chinese law without Chinese text
    /// where the loader does not demand it (a pack that is not Chinese). Only what the pack itself declares.
    static func missingTranslations(_ pack: RulePack) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func at(_ i: Instrument) -> (SourceSpan?, String?) { i.span == nil ? (nil, pack.path) : (i.span, nil) }
        for i in pack.instruments where i.span == nil || i.span?.file.path == pack.path {
            let (span, path) = at(i)
            if i.jurisdiction == "CN" {
                if i.shortTitle == nil {
                    out.append(Diagnostic(.warning, "lint.missing-translation",
                                          "Chinese instrument '\(i.id)' has no English short title; English reports name it by its full title",
                                          at: span, path: path,
                                          help: "add 'shortTitle: {en: \"…\"}', the name English readers know it by (e.g. \"Deep Synthesis Provisions\"); the official identifier stays as issued"))
                }
                if i.title.zh == nil {
                    out.append(Diagnostic(.warning, "lint.missing-translation",
                                          "Chinese instrument '\(i.id)' has no Chinese title", at: span, path: path,
                                          help: "add 'zh' to its title: the official Chinese name"))
                }
            } else if i.jurisdiction == "EU", i.status != .internalPolicy, i.shortTitle?.zh == nil {
                out.append(Diagnostic(.warning, "lint.missing-translation",
                                      "EU instrument '\(i.id)' has no Chinese short title; Chinese reports name it by \(i.title.zh == nil ? "its identifier only" : "its full Chinese title")",
                                      at: span, path: path,
                                      help: "add 'shortTitle: {en: \"…\", zh: \"…\"}' (e.g. zh: \"欧盟《人工智能法》\"); the official identifier stays as issued"))
            }
        }
        guard pack.jurisdiction != "CN" else { return out }
        func chinese(_ c: Citation) -> Bool { pack.instrument(c.instrument)?.jurisdiction == "CN" }
        func check(_ kind: String, _ id: String, _ texts: [(String, LocalizedText)], _ span: SourceSpan) {
            let missing = texts.filter { $0.1.zh == nil }.map(\.0)
            guard !missing.isEmpty else { return }
            out.append(Diagnostic(.warning, "lint.missing-translation",
                                  "\(kind) '\(id)' cites Chinese law but its \(missing.joined(separator: " and ")) \(missing.count == 1 ? "has" : "have") no Chinese",
                                  at: span, help: "add 'zh' to each text, as Chinese packs must"))
        }
        for rules in pack.resolved {
            for t in rules.tiers {
                for r in t.rules where r.span.file.path == pack.path && chinese(r.citation) {
                    check("tier rule", r.id, [("rationale", r.rationale)], r.span)
                }
            }
            for o in rules.obligations where o.span.file.path == pack.path && chinese(o.citation) {
                check("obligation", o.id, [("title", o.title), ("remediation", o.remediation)], o.span)
            }
        }
        return out
    }

    /// Overlaps, unreachable routes and gaps among an obligation's dated routes, each shown with an
    /// example descriptor (from the satisfiability search) so the author sees the case.
    static func datedRoutes(_ o: Obligation, tiers: [Tier]) -> [Diagnostic] {
        guard !o.startRoutes.isEmpty else { return [] }
        let applies = [o.appliesWhen].compactMap { $0 }
        let whens = o.startRoutes.compactMap(\.when)
        var solver = Satisfiability(tiers: tiers)
        solver.prepare(applies + whens)
        var out: [Diagnostic] = []
        func example(_ lines: [String]) -> String { lines.isEmpty ? "" : " (for example: \(lines.prefix(8).joined(separator: ", ")))" }
        let routes = o.startRoutes
        for (j, r) in routes.enumerated() {
            guard let wj = r.when else { continue }
            let earlier = routes[..<j].compactMap(\.when)
            if case .unsatisfiable = solver.search(hold: applies + [wj], fail: [], notTrue: earlier) {
                out.append(Diagnostic(.error, "lint.dated-unreachable",
                                      "route '\(r.name)' of obligation '\(o.id)' never gives the date: an earlier route holds whenever it does",
                                      at: r.span, help: "remove it, or move it before the routes that cover it"))
                continue
            }
            for i in 0..<j {
                guard let wi = routes[i].when, routes[i].from != r.from else { continue }
                if case .satisfiable(let lines) = solver.search(hold: applies + [wi, wj], fail: []) {
                    out.append(Diagnostic(.note, "lint.dated-overlap",
                                          "routes '\(routes[i].name)' (\(routes[i].from)) and '\(r.name)' (\(r.from)) of obligation '\(o.id)' can both hold; the first listed gives the date\(example(lines))",
                                          at: r.span, help: "check that the earlier route is meant to win there; if not, reorder the routes or make them exclusive (e.g. 'all: [<this route>, not: <the earlier one>]')",
                                          notes: [.init(message: "the earlier route", span: routes[i].span)]))
                }
            }
        }
        if routes.last?.when != nil, case .satisfiable(let lines) = solver.search(hold: applies, fail: whens) {
            out.append(Diagnostic(.warning, "lint.dated-gap",
                                  "obligation '\(o.id)' can apply on none of its dated routes, so its date is open and it is reported undetermined\(example(lines))",
                                  at: o.startRoutes[0].span, help: "add a last '{otherwise: true, from: DATE}' entry, or cover the case with a route"))
        }
        return out
    }

    /// A tier rule that tests a self-declared tag (for a value) without reading any fact that defines
    /// that category: the tag's absence would then hide a classification the facts show.
    static func selfClassificationOnly(_ id: String, _ when: Condition, span: SourceSpan, kind: String = "tier rule") -> [Diagnostic] {
        let preds = when.predicates
        let read = Set(preds.map(\.path))
        var out: [Diagnostic] = []
        var reported = Set<String>()
        for p in preds {
            guard let sc = p.fact.selfClassification else { continue }
            let values: [String?]
            switch p.op {
            case .contains(let v): values = [v]
            case .containsAny(let vs), .containsAll(let vs): values = vs
            case .equals(.string(let v)): values = [v]
            case .in(let vs): values = vs.map { if case .string(let s) = $0 { return s }; return nil }
            default: values = [nil]
            }
            for v in values {
                let defining = sc.facts(for: v)
                guard !defining.isEmpty, defining.allSatisfy({ !read.contains($0) }) else { continue }
                let key = "\(p.path)=\(v ?? "")"
                guard reported.insert(key).inserted else { continue }
                out.append(Diagnostic(.warning, "lint.self-classification-only",
                                      "\(kind) '\(id)' reads the self-declared '\(p.path)'\(v.map { " (\($0))" } ?? "") but none of the facts that define it: \(defining.joined(separator: ", "))",
                                      at: p.span,
                                      help: "add 'any: [<the tag>, <the defining facts>]' so that a descriptor stating the facts without the tag is classified too",
                                      notes: [.init(message: "the rule", span: span)]))
            }
        }
        return out
    }

    /// A predicate as a comparable key: path, operator and operand.
    struct Key: Hashable {
        let path: String
        let op: String
        let operand: String
    }

    /// What a condition requires, as a set of conjuncts: predicates, named conditions, and any other
    /// node as an opaque key of its own (so nothing unanalysed can make two conditions look alike).
    static func conjuncts(_ c: Condition) -> Set<Key> {
        switch c {
        case .predicate(let p): return [Key(path: p.path, op: p.op.name, operand: p.op.operand)]
        case .all(let cs, _): return Set(cs.flatMap { conjuncts($0) })
        case .use(let name, let s, _):
            switch s {
            case .all, .predicate, .use: return conjuncts(s)
            default: return [Key(path: "use", op: name, operand: "")]
            }
        default: return [Key(path: "node", op: "\(c.span)", operand: "")]
        }
    }

    /// `all` nodes whose direct predicates demand incompatible values of one fact.
    static func contradictions(_ c: Condition) -> [Diagnostic] {
        var out: [Diagnostic] = []
        switch c {
        case .all(let cs, let span):
            var allowed: [String: (Set<String>, SourceSpan)] = [:]
            var existsFalse: [String: SourceSpan] = [:]
            var required: [String: SourceSpan] = [:]
            for sub in cs {
                guard case .predicate(let p) = sub else { continue }
                var values: Set<String>?
                switch p.op {
                case .equals(let v): values = [v.description]
                case .in(let vs): values = Set(vs.map(\.description))
                case .exists(false): existsFalse[p.path] = p.span
                default: break
                }
                if case .exists(false) = p.op {} else { required[p.path] = p.span }
                guard let values else { continue }
                if let (prev, prevSpan) = allowed[p.path] {
                    let both = prev.intersection(values)
                    if both.isEmpty {
                        out.append(Diagnostic(.error, "lint.contradiction",
                                              "this 'all' can never hold: '\(p.path)' cannot be both \(prev.sorted().joined(separator: "/")) and \(values.sorted().joined(separator: "/"))",
                                              at: p.span, help: "use 'any' if either value should do",
                                              notes: [.init(message: "the other requirement", span: prevSpan)]))
                    }
                    allowed[p.path] = (both, p.span)
                } else {
                    allowed[p.path] = (values, p.span)
                }
            }
            for (path, span) in existsFalse {
                if let other = required[path] {
                    out.append(Diagnostic(.error, "lint.contradiction",
                                          "this 'all' can never hold: '\(path)' must be absent and also tested for a value",
                                          at: span, notes: [.init(message: "the value test", span: other)]))
                }
            }
            _ = span
            for sub in cs { out.append(contentsOf: contradictions(sub)) }
        case .any(let cs, _): for sub in cs { out.append(contentsOf: contradictions(sub)) }
        case .not(let s, _): out.append(contentsOf: contradictions(s))
        case .use, .tier, .predicate: break
        }
        return out
    }
}
