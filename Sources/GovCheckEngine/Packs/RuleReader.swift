import YAMLTree

/// Reads tiers, tier rules and obligations as they stand under one baseline, applying `since`,
/// `until` and `versions` overrides, so an amendment is data and not a second copy of the pack.
struct RuleContext {
    let instruments: [Instrument]
    let baselines: [Baseline]
    let compiler: ConditionCompiler
    let sink: DiagnosticSink
    let needsChinese: Bool
    let vocabulary: Vocabulary
    let rolesFact: String?

    static let versionKeys = ["appliesFrom", "appliesWhen", "satisfiedWhen", "when", "citation", "title", "rationale",
                              "remediation", "severity", "binds"]

    /// The rule's fields under baseline `b`, or nil when the rule does not exist in it.
    func fields(_ node: Node, baseline b: Int, what: String) -> Node? {
        guard let pairs = node.mapping else { return nil }
        func index(_ key: String) -> Int? {
            guard let n = node[key] else { return nil }
            guard let name = NodeReader.string(n, "'\(key)'", sink) else { return nil }
            guard let i = baselines.firstIndex(where: { $0.id == name }) else {
                sink.error("pack.unknown-baseline", "no baseline '\(name)'", at: n.span,
                           help: Suggest.help(name, baselines.map(\.id)) ?? "declare it under 'baselines:'")
                return nil
            }
            return i
        }
        if let since = index("since"), b < since { return nil }
        if let until = index("until"), b >= until { return nil }
        var merged = pairs.filter { !["since", "until", "versions"].contains($0.key) }
        for v in node["versions"]?.sequence ?? [] {
            guard let vr = NodeReader(v, "a version of \(what)", sink) else { continue }
            vr.checkKeys(["baseline"] + RuleContext.versionKeys)
            guard let bn = vr.required("baseline"), let name = NodeReader.string(bn, "'baseline'", sink) else { continue }
            guard let vi = baselines.firstIndex(where: { $0.id == name }) else {
                sink.error("pack.unknown-baseline", "no baseline '\(name)'", at: bn.span,
                           help: Suggest.help(name, baselines.map(\.id)) ?? "declare it under 'baselines:'")
                continue
            }
            guard vi <= b else { continue }
            for p in vr.pairs where p.key != "baseline" {
                merged.removeAll { $0.key == p.key }
                merged.append(p)
            }
        }
        return Node(.mapping(merged), span: node.span)
    }

    func citation(_ n: Node?) -> Citation? {
        guard let n else { return nil }
        guard let r = NodeReader(n, "a citation", sink) else { return nil }
        r.checkKeys(["instrument", "article", "paragraph", "subparagraph", "point", "annex", "section", "clause"])
        guard let inst = r.string("instrument") else { return nil }
        if !instruments.contains(where: { $0.id == inst }) {
            sink.error("pack.unknown-instrument", "citation names instrument '\(inst)', which the pack does not declare",
                       at: r["instrument"]?.span, help: Suggest.help(inst, instruments.map(\.id)) ?? "declare it under 'instruments:'")
        }
        var c = Citation(instrument: inst)
        c.article = r.string("article", required: false)
        c.paragraph = r.string("paragraph", required: false)
        c.subparagraph = r.string("subparagraph", required: false)
        c.point = r.string("point", required: false)
        c.annex = r.string("annex", required: false)
        c.section = r.string("section", required: false)
        c.clause = r.string("clause", required: false)
        if c.article == nil && c.annex == nil && c.clause == nil {
            sink.error("pack.citation", "a citation needs an 'article', 'annex' or 'clause'", at: n.span)
        }
        return c
    }

    func checkDate(_ d: Day?, _ citation: Citation?, at span: SourceSpan?) {
        guard let d, let citation, let inst = instruments.first(where: { $0.id == citation.instrument }) else { return }
        if d < inst.inForce {
            sink.error("pack.date-before-instrument",
                       "applies from \(d), before '\(inst.id)' entered into force (\(inst.inForce))", at: span,
                       help: "check the date; an obligation cannot apply before its instrument is in force")
        }
    }

    /// An obligation's start: a date, or dated alternatives (first match wins, an optional last
    /// `otherwise: true` entry), each checked against the instrument's entry into force.
    func startDates(_ n: Node, citation c: Citation?) -> (earliest: Day, routes: [DatedStart])? {
        guard let items = n.sequence else {
            let d = NodeReader.day(n, "'appliesFrom'", sink)
            checkDate(d, c, at: n.span)
            return d.map { ($0, []) }
        }
        guard !items.isEmpty else {
            sink.error("pack.dated-start", "'appliesFrom' with an empty list", at: n.span,
                       help: "write a date, or a list of '{when: condition, from: date}' entries with a last '{otherwise: true, from: date}'")
            return nil
        }
        var routes: [DatedStart] = []
        var ok = true
        for (i, item) in items.enumerated() {
            guard let ir = NodeReader(item, "a dated start", sink) else { ok = false; continue }
            ir.checkKeys(["when", "otherwise", "from"])
            let from = ir.day("from")
            checkDate(from, c, at: ir["from"]?.span)
            let otherwise = ir.bool("otherwise") ?? false
            if otherwise {
                if ir["when"] != nil {
                    sink.error("pack.dated-start", "an entry has 'otherwise: true' or 'when', not both", at: item.span)
                    ok = false
                }
                if i != items.count - 1 {
                    sink.error("pack.dated-start", "the 'otherwise' entry must be the last one; entries after it are never used", at: item.span)
                    ok = false
                }
                if let from { routes.append(DatedStart(when: nil, from: from, span: item.span)) } else { ok = false }
                continue
            }
            guard let wn = ir.required("when") else { ok = false; continue }
            guard let when = compiler.compile(wn, allowTiers: true), let from else { ok = false; continue }
            routes.append(DatedStart(when: when, from: from, span: item.span))
        }
        guard ok, let earliest = routes.map(\.from).min() else { return nil }
        return (earliest, routes)
    }

    func tier(_ node: Node, baseline b: Int) -> Tier? {
        guard let r = NodeReader(node, "a tier", sink) else { return nil }
        r.checkKeys(["id", "title", "severity", "otherwise", "rules", "citation", "appliesFrom", "rationale", "reviewed"])
        guard let id = r.string("id") else { return nil }
        if !isKebabID(id) { sink.error("pack.id", "tier id '\(id)' must be lowercase kebab-case", at: r["id"]?.span) }
        let title = r.text("title", needsChinese: needsChinese) ?? LocalizedText(en: id)
        let severity = r.enumValue("severity", Severity.self) ?? .none
        let otherwise = r.bool("otherwise") ?? false
        var rules: [TierRule] = []
        if otherwise {
            if r["rules"] != nil {
                sink.error("pack.tier-otherwise", "tier '\(id)' has 'otherwise: true' and 'rules'; it takes one or the other", at: r["rules"]?.span)
            }
            let c = citation(r.required("citation"))
            let from = r.day("appliesFrom")
            checkDate(from, c, at: r["appliesFrom"]?.span)
            let rationale = r.text("rationale", needsChinese: needsChinese)
            if let c, let from, let rationale {
                rules.append(TierRule(id: id, citation: c, appliesFrom: from, rationale: rationale, when: nil,
                                      reviewed: r["reviewed"].flatMap { PackLoader.readReview($0, sink) }, span: node.span))
            }
        } else {
            for k in ["citation", "appliesFrom", "rationale"] where r[k] != nil {
                sink.error("pack.unknown-key", "'\(k)' belongs on each of the tier's rules (or on an 'otherwise' tier)", at: r[k]?.span)
            }
            let ruleNodes = r.list("rules", required: true) ?? []
            if ruleNodes.isEmpty { sink.error("pack.tier-empty", "tier '\(id)' has no rules", at: node.span) }
            for rn in ruleNodes {
                guard let f = fields(rn, baseline: b, what: "a tier rule"), let rr = NodeReader(f, "a tier rule", sink) else { continue }
                if b == 0 { NodeReader(rn, "a tier rule", sink)?.checkKeys(["id", "citation", "appliesFrom", "rationale", "when", "reviewed", "since", "until", "versions"]) }
                guard let rid = rr.string("id") else { continue }
                if !isKebabID(rid) { sink.error("pack.id", "rule id '\(rid)' must be lowercase kebab-case", at: rr["id"]?.span) }
                let c = citation(rr.required("citation"))
                let from = rr.day("appliesFrom")
                checkDate(from, c, at: rr["appliesFrom"]?.span)
                let rationale = rr.text("rationale", needsChinese: needsChinese)
                let when = rr.required("when").flatMap { compiler.compile($0, allowTiers: false) }
                if let c, let from, let rationale, let when {
                    rules.append(TierRule(id: rid, citation: c, appliesFrom: from, rationale: rationale, when: when,
                                          reviewed: rr["reviewed"].flatMap { PackLoader.readReview($0, sink) }, span: rn.span))
                }
            }
        }
        return Tier(id: id, title: title, severity: severity, otherwise: otherwise, rules: rules, span: node.span)
    }

    func obligation(_ node: Node, baseline b: Int) -> Obligation? {
        if b == 0 {
            NodeReader(node, "an obligation", sink)?.checkKeys(["id", "title", "citation", "binds", "appliesWhen", "satisfiedWhen",
                                                                "appliesFrom", "severity", "remediation", "reviewed", "since", "until", "versions"])
        }
        guard let f = fields(node, baseline: b, what: "an obligation"), let r = NodeReader(f, "an obligation", sink) else { return nil }
        guard let id = r.string("id") else { return nil }
        if !isKebabID(id) { sink.error("pack.id", "obligation id '\(id)' must be lowercase kebab-case", at: r["id"]?.span) }
        let title = r.text("title", needsChinese: needsChinese)
        let c = citation(r.required("citation"))
        let start = r.required("appliesFrom").flatMap { startDates($0, citation: c) }
        let severity = r.enumValue("severity", Severity.self)
        let remediation = r.text("remediation", needsChinese: needsChinese)
        let binds = r.strings("binds") ?? []
        if let bn = r["binds"] {
            if let rolesFact, let allowed = vocabulary[rolesFact]?.type.allowedValues {
                for (i, role) in binds.enumerated() where !allowed.contains(role) {
                    sink.error("pack.unknown-role", "'\(role)' is not a value of the roles fact '\(rolesFact)'", at: bn.sequence?[i].span ?? bn.span,
                               help: Suggest.help(role, allowed) ?? "roles: \(allowed.joined(separator: ", "))")
                }
            } else if rolesFact == nil {
                sink.error("pack.roles", "'binds' needs the pack to name its roles fact with 'roles:'", at: bn.span)
            }
        }
        let applies = r["appliesWhen"].flatMap { compiler.compile($0, allowTiers: true) }
        let satisfied = r.required("satisfiedWhen").flatMap { compiler.compile($0, allowTiers: true) }
        guard let title, let c, let start, let severity, let remediation, satisfied != nil,
              r["appliesWhen"] == nil || applies != nil else { return nil }
        var bindsTest: Predicate?
        if !binds.isEmpty, let rolesFact, let decl = vocabulary[rolesFact] {
            let op: Predicate.Operator
            if case .list = decl.type { op = .containsAny(binds) } else { op = .in(binds.map { .string($0) }) }
            bindsTest = compiler.synthesized(path: rolesFact, fact: decl, op: op, span: node.span, key: "binds:" + binds.joined(separator: ","))
        }
        return Obligation(id: id, title: title, citation: c, binds: binds, appliesWhen: applies, satisfiedWhen: satisfied,
                          appliesFrom: start.earliest, startRoutes: start.routes, severity: severity, remediation: remediation,
                          reviewed: r["reviewed"].flatMap { PackLoader.readReview($0, sink) }, disabledReason: nil, span: node.span,
                          bindsTest: bindsTest)
    }
}
