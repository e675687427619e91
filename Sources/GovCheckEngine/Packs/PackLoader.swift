import Foundation
import YAMLTree

/// The packs of one run, with the union of their vocabularies for descriptor validation.
public struct PackSet: Sendable {
    public let packs: [RulePack]
    public let vocabulary: Vocabulary
    /// Load problems; a pack with errors is left out of `packs`.
    public let diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public init(packs: [RulePack], vocabulary: Vocabulary, diagnostics: [Diagnostic]) {
        self.packs = packs
        self.vocabulary = vocabulary
        self.diagnostics = diagnostics
    }

    public func pack(_ id: String) -> RulePack? { packs.first { $0.id == id } }
}

/// Finds, reads and compiles rule packs; every problem becomes a located diagnostic.
public enum PackLoader {
    /// The pack format version this engine reads.
    public static let formatVersion = 1
    /// The engine's own version, checked against a pack's `requires`.
    public static let engineVersion = "0.1.0"

    /// Every `pack.yaml` under the given files or folders, sorted, without duplicates.
    public static func discover(_ roots: [String]) -> (files: [String], diagnostics: [Diagnostic]) {
        var files: [String] = []
        var diags: [Diagnostic] = []
        let fm = FileManager.default
        for root in roots {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: root, isDirectory: &isDir) else {
                diags.append(Diagnostic(.error, "io.not-found", "no such file or folder '\(root)'", at: nil, path: root,
                                        help: "check the --rules path"))
                continue
            }
            if !isDir.boolValue { files.append(root); continue }
            var found: [String] = []
            if let e = fm.enumerator(atPath: root) {
                while let rel = e.nextObject() as? String {
                    if (rel as NSString).lastPathComponent == "pack.yaml" {
                        found.append(displayPath((root as NSString).appendingPathComponent(rel)))
                    }
                }
            }
            if found.isEmpty {
                diags.append(Diagnostic(.error, "pack.none-found", "no pack.yaml under '\(root)'", at: nil, path: root,
                                        help: "a pack is a folder with a pack.yaml file"))
            }
            files.append(contentsOf: found.sorted())
        }
        // A path with a control character could forge lines in every report that names it.
        for f in files where DisplayText.needsEscaping(f) {
            diags.append(Diagnostic(.error, "io.bad-name", "the path contains a control character; it was not read", at: nil, path: f,
                                    help: "rename the file or folder"))
        }
        var seen = Set<String>()
        return (files.filter { !DisplayText.needsEscaping($0) && seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }, diags)
    }

    /// Loads packs from `shipped` (may be nil) and `extra` roots; an extra pack with the id of a
    /// shipped one replaces it. Packs are returned sorted by id.
    public static func load(shipped: [String], extra: [String]) -> PackSet {
        let s = discover(shipped)
        let x = discover(extra)
        var cache = VocabularyCache()
        var diags = s.diagnostics + x.diagnostics
        // Read every file once; a pack given with --rules replaces the shipped pack of the same id,
        // broken or not.
        struct Entry { let path: String; let root: Node?; let id: String?; let extends: String?; let extra: Bool; let items: [Diagnostic] }
        func read(_ file: String, extra: Bool) -> Entry {
            do {
                let docs = try YAMLReader.read(path: file)
                if let other = PackLoader.notAPack(docs[0].root) {
                    return Entry(path: file, root: nil, id: nil, extends: nil, extra: extra, items: [other])
                }
                guard docs.count == 1 else {
                    return Entry(path: file, root: nil, id: nil, extends: nil, extra: extra, items: [Diagnostic(
                        .error, "pack.documents", "a pack file holds exactly one YAML document, found \(docs.count)", at: docs[1].root.span)])
                }
                let root = docs[0].root
                return Entry(path: file, root: root, id: root["id"]?.scalar?.text, extends: root["extends"]?.scalar?.text, extra: extra, items: [])
            } catch {
                return Entry(path: file, root: nil, id: nil, extends: nil, extra: extra, items: [Diagnostic(error)])
            }
        }
        let extras = x.files.map { read($0, extra: true) }
        let extraIDs = Set(extras.compactMap(\.id))
        let shippedEntries = s.files.map { read($0, extra: false) }.filter { $0.id.map { !extraIDs.contains($0) } ?? true }
        var pending: [Entry] = []
        var owner: [String: String] = [:]
        for e in shippedEntries + extras {
            diags.append(contentsOf: e.items)
            guard e.root != nil, let id = e.id else { continue }
            if let earlier = owner[id] {
                diags.append(Diagnostic(.error, "pack.duplicate-id", "pack id '\(id)' is also used by \(earlier)", at: nil, path: e.path,
                                        help: "give each pack a distinct id"))
                continue
            }
            owner[id] = e.path
            pending.append(e)
        }
        // Compile bases before the packs that extend them.
        var byID: [String: RulePack] = [:]
        var failed = Set<String>()
        while !pending.isEmpty {
            var progressed = false
            for e in pending {
                let id = e.id!
                // Wait for the base; what never resolves is reported after the loop.
                if let base = e.extends, byID[base] == nil { continue }
                let sink = DiagnosticSink()
                let pack = compilePack(e.root!, path: e.path, cache: &cache, sink: sink, base: e.extends.flatMap { byID[$0] })
                diags.append(contentsOf: sink.items)
                if let pack, !sink.hasErrors { byID[id] = pack } else { failed.insert(id) }
                pending.removeAll { $0.id == id }
                progressed = true
            }
            if !progressed {
                let waiting = Dictionary(pending.map { ($0.id!, $0.extends ?? "") }, uniquingKeysWith: { a, _ in a })
                for e in pending {
                    let id = e.id!
                    let base = e.extends ?? ""
                    let at = e.root?["extends"]?.span
                    if let cycle = PackLoader.extendsCycle(from: id, waiting) {
                        let message: String
                        switch cycle.count {
                        case 1: message = "pack '\(id)' extends itself"
                        case 2: message = "packs '\(cycle[0])' and '\(cycle[1])' extend each other"
                        default: message = "packs " + cycle.map { "'\($0)'" }.joined(separator: " → ") + " → '\(cycle[0])' extend one another in a cycle"
                        }
                        diags.append(Diagnostic(.error, "pack.extends-cycle", message, at: at, path: e.path,
                                                help: "a pack extends a base that does not, in turn, extend it; remove 'extends' from one of them"))
                        continue
                    }
                    let why = failed.contains(base) ? "which did not load"
                        : (owner[base] == nil ? "which is not loaded" : "which cannot load: it is part of an extends cycle")
                    let candidates = owner.keys.sorted().filter { $0 != id }
                    diags.append(Diagnostic(.error, "pack.unknown-base", "pack '\(id)' extends '\(base)', \(why)", at: at,
                                            path: e.path, help: owner[base] == nil
                                                ? (Suggest.help(base, candidates) ?? "load the base pack too (it may be a shipped pack)")
                                                : "fix the base pack first"))
                }
                break
            }
        }
        let packs = byID.values.sorted { $0.id < $1.id }
        var union = Vocabulary()
        for p in packs {
            for (a, b) in union.merge(p.vocabulary) {
                diags.append(Diagnostic(.error, "vocabulary.conflict", "fact '\(a.path)' is declared twice with different meanings",
                                        at: a.span, notes: [.init(message: "also declared here", span: b.span)]))
            }
        }
        // One numbering of facts for the whole set, so a descriptor is tabled once for every pack.
        let index = FactIndex(vocabulary: union, predicates: packs.flatMap(\.program.predicates))
        for p in packs { p.program.bind(index) }
        return PackSet(packs: packs, vocabulary: union, diagnostics: Array(Set(diags)).sorted())
    }

    /// A file that is plainly something else (a descriptor, a pack test, a vocabulary) named as
    /// such, instead of being read as a broken pack.
    static func notAPack(_ root: Node) -> Diagnostic? {
        let kind = root["kind"]?.scalar?.text
        let api = root["apiVersion"]?.scalar?.text
        let span = root["kind"]?.span ?? root["apiVersion"]?.span ?? root.span
        if kind == Descriptor.kind || api == Descriptor.apiVersion {
            return Diagnostic(.error, "pack.not-a-pack", "this is a deployment descriptor (kind: \(Descriptor.kind)), not a rule pack",
                              at: span, help: "check descriptors with 'govcheck check FILE'; 'lint' and '--rules' take pack folders or pack.yaml files")
        }
        if kind == "PackTest" {
            return Diagnostic(.error, "pack.not-a-pack", "this is a pack test file (kind: PackTest), not a rule pack", at: span,
                              help: "run pack tests with 'govcheck test PACK-FOLDER'")
        }
        if kind == "Vocabulary" {
            return Diagnostic(.error, "pack.not-a-pack", "this is a vocabulary file (kind: Vocabulary), not a rule pack", at: span,
                              help: "a pack includes it under 'vocabulary:'")
        }
        return nil
    }

    /// Compiles a pack's root mapping.
    static func compilePack(_ root: Node, path: String, cache: inout VocabularyCache, sink: DiagnosticSink, base: RulePack?) -> RulePack? {
        guard let r = NodeReader(root, "the pack", sink) else { return nil }
        r.checkKeys(["govcheck", "kind", "id", "version", "title", "jurisdiction", "requires", "extends", "vocabulary", "facts",
                     "roles", "instruments", "baselines", "conditions", "tiers", "obligations", "notEncoded", "reviewed",
                     "disable", "overrides"])
        checkHeader(r, kind: "RulePack", sink: sink)
        guard let id = r.string("id") else { return nil }
        if !isKebabID(id) { sink.error("pack.id", "pack id '\(id)' must be lowercase kebab-case", at: r["id"]?.span) }
        let version = r.string("version") ?? "0.0.0"
        let jurisdiction = r.string("jurisdiction") ?? ""
        let needsChinese = jurisdiction == "CN"
        let title = r.text("title", needsChinese: needsChinese) ?? LocalizedText(en: id)
        let requires = r.string("requires", required: false)
        if let requires, let req = r["requires"], !VersionRequirement.satisfied(requires, by: engineVersion) {
            sink.error("pack.requires", "pack '\(id)' requires govcheck \(requires), this is \(engineVersion)", at: req.span,
                       help: VersionRequirement.parse(requires) == nil ? "write e.g. '>=0.1.0'" : "upgrade govcheck or use a pack version made for \(engineVersion)")
        }
        let dir = (path as NSString).deletingLastPathComponent

        if base != nil {
            for k in ["tiers", "baselines", "roles"] where r[k] != nil {
                sink.error("pack.extends", "a pack that extends another takes its '\(k)' from the base and cannot declare its own", at: r[k]?.span,
                           help: "remove '\(k)'; add obligations, or use 'overrides' and 'disable'")
            }
        }
        // Vocabulary: the base's, included files, then local facts.
        var vocabulary = base?.vocabulary ?? Vocabulary()
        for (i, rel) in (r.strings("vocabulary") ?? []).enumerated() {
            let node = r["vocabulary"]!.sequence![i]
            let full = displayPath(URL(fileURLWithPath: (dir as NSString).appendingPathComponent(rel)).standardizedFileURL.path)
            guard let v = cache.vocabulary(at: full, sink: sink, includedAt: node.span) else { continue }
            for (a, b) in vocabulary.merge(v) {
                sink.error("vocabulary.conflict", "fact '\(a.path)' is declared twice", at: a.span,
                           notes: [.init(message: "also declared here", span: b.span)])
            }
        }
        if let facts = r.list("facts") {
            for f in facts { if let d = VocabularyCache.fact(f, sink) { if let e = vocabulary.add(d) {
                sink.error("vocabulary.conflict", "fact '\(d.path)' is declared twice", at: d.span,
                           notes: [.init(message: "also declared here", span: e.span)])
            } } }
        }
        // A self-classification tag must name facts the pack can read.
        for path in vocabulary.sortedPaths {
            guard let sc = vocabulary[path]?.selfClassification, base?.vocabulary[path] == nil else { continue }
            for f in Set(sc.allFacts).sorted() where vocabulary[f] == nil {
                sink.error("vocabulary.self-classification", "'selfClassification' of '\(path)' names unknown fact '\(f)'",
                           at: sc.spans[f], help: Suggest.help(f, vocabulary.sortedPaths) ?? "declare it in a vocabulary the pack includes")
            }
        }
        var rolesFact: String? = base?.rolesFact
        // `roles: path` or `roles: {fact: path, derived: [...]}`; derived roles compile with the conditions below.
        let rolesNode = r["roles"]
        let rolesPathNode = rolesNode.flatMap { $0.mapping != nil ? NodeReader($0, "'roles'", sink)?.required("fact") : $0 }
        if let rn = rolesNode, rn.mapping != nil { NodeReader(rn, "'roles'", sink)?.checkKeys(["fact", "derived"]) }
        if let rn = rolesPathNode, let rp = NodeReader.string(rn, "'roles'", sink) {
            if let decl = vocabulary[rp] {
                switch decl.type {
                case .enumeration, .list(.enumeration): rolesFact = rp
                default: sink.error("pack.roles", "'roles' must name an enum or list-of-enum fact; '\(rp)' is a \(decl.type.name)", at: rn.span)
                }
            } else {
                sink.error("condition.unknown-fact", "unknown fact '\(rp)'", at: rn.span, help: Suggest.help(rp, vocabulary.sortedPaths))
            }
        }

        let instruments = (base?.instruments ?? []) + (r.list("instruments", required: base == nil) ?? []).compactMap { readInstrument($0, jurisdiction: jurisdiction, sink: sink) }
        duplicateIDs(instruments.map(\.id), r.list("instruments") ?? [], "instrument", sink)
        var baselines: [Baseline] = base?.baselines ?? []
        for b in base == nil ? (r.list("baselines") ?? []) : [] {
            guard let br = NodeReader(b, "a baseline", sink) else { continue }
            br.checkKeys(["id", "from", "title"])
            guard let bid = br.string("id"), let from = br.day("from") else { continue }
            if let last = baselines.last, from <= last.from {
                sink.error("pack.baseline-order", "baseline '\(bid)' must start after '\(last.id)' (\(last.from))", at: b.span)
            }
            baselines.append(Baseline(id: bid, from: from, title: br.text("title", required: false) ?? LocalizedText(en: bid)))
        }
        duplicateIDs(baselines.map(\.id), r.list("baselines") ?? [], "baseline", sink)
        let review = r["reviewed"].flatMap { readReview($0, sink) }

        var named: [String: Node] = base?.conditionNodes ?? [:]
        if let cn = r["conditions"] {
            if let pairs = cn.mapping { for p in pairs { named[p.key] = p.value } } else {
                sink.error("pack.type", "'conditions' must be a mapping of name to condition", at: cn.span)
            }
        }
        let tierNodes = base == nil ? (r.list("tiers", required: true) ?? []) : []
        let tierIDs = base.map { b in Array(Set(b.resolved.flatMap { $0.tiers.map(\.id) })).sorted() } ?? tierNodes.compactMap { $0["id"]?.scalar?.text }
        duplicateIDs(tierIDs, tierNodes, "tier", sink)
        let compiler = ConditionCompiler(vocabulary: vocabulary, named: named, tierIDs: tierIDs, sink: sink,
                                         firstID: base?.predicateCount ?? 0)
        let context = RuleContext(instruments: instruments, baselines: baselines, compiler: compiler, sink: sink,
                                  needsChinese: needsChinese, vocabulary: vocabulary, rolesFact: rolesFact)

        let obligationNodes = r.list("obligations") ?? []
        let obligationIDs = obligationNodes.compactMap { $0["id"]?.scalar?.text }
        duplicateIDs(obligationIDs, obligationNodes, "obligation", sink)
        var ruleIDs: [String] = []
        var ruleNodes: [Node] = []
        for t in tierNodes { for rn in t["rules"]?.sequence ?? [] { if let i = rn["id"]?.scalar?.text { ruleIDs.append(i); ruleNodes.append(rn) } } }
        duplicateIDs(ruleIDs + obligationIDs, ruleNodes + obligationNodes, "rule", sink)

        if let base {
            let baseIDs = Set(base.resolved.flatMap { $0.obligations.map(\.id) })
            for n in obligationNodes {
                if let id = n["id"]?.scalar?.text, baseIDs.contains(id) {
                    sink.error("pack.duplicate-id", "obligation '\(id)' already exists in '\(base.id)'", at: n["id"]?.span,
                               help: "use a new id, or change the base rule with 'overrides'")
                }
            }
        }
        let changes = base.map { Composition.read(r, base: $0, sink: sink) } ?? Composition()
        var resolved: [ResolvedRules] = []
        for b in 0..<max(1, baselines.count) {
            let tiers = base?.resolved[b].tiers ?? tierNodes.compactMap { context.tier($0, baseline: b) }
            let inherited = (base?.resolved[b].obligations ?? []).map(changes.apply)
            let obligations = inherited + obligationNodes.compactMap { context.obligation($0, baseline: b) }
            resolved.append(ResolvedRules(baseline: baselines.isEmpty ? nil : baselines[b], tiers: tiers, obligations: obligations))
        }
        // Named conditions nobody uses still get checked.
        for name in named.keys.sorted() { _ = compiler.compile(Node(.mapping([Pair(key: "use", keySpan: named[name]!.span,
            value: Node(.scalar(Scalar(text: name, style: .doubleQuoted)), span: named[name]!.span))]), span: named[name]!.span), allowTiers: true) }

        var derivedRoles: [DerivedRole] = base?.derivedRoles ?? []
        let derivedNodes = rolesNode.flatMap { $0.mapping != nil ? NodeReader($0, "'roles'", sink)?.list("derived") : nil } ?? []
        for dn in derivedNodes {
            guard let dr = NodeReader(dn, "a derived role", sink) else { continue }
            dr.checkKeys(["role", "when", "citation"])
            guard let role = dr.string("role") else { continue }
            if let rolesFact, let allowed = vocabulary[rolesFact]?.type.allowedValues, !allowed.contains(role) {
                sink.error("pack.unknown-role", "'\(role)' is not a value of the roles fact '\(rolesFact)'", at: dr["role"]?.span,
                           help: Suggest.help(role, allowed) ?? "roles: \(allowed.joined(separator: ", "))")
            }
            let c = context.citation(dr.required("citation"))
            guard let wn = dr.required("when"), let when = compiler.compile(wn, allowTiers: true), let c else { continue }
            derivedRoles.append(DerivedRole(role: role, when: when, citation: c, span: dn.span))
        }
        var notEncoded: [NotEncoded] = []
        for n in r.list("notEncoded") ?? [] {
            guard let nr = NodeReader(n, "a notEncoded entry", sink) else { continue }
            nr.checkKeys(["item", "reason"])
            if let item = nr.string("item"), let reason = nr.string("reason") { notEncoded.append(NotEncoded(item: item, reason: reason)) }
        }
        let program = ConditionProgram(tierIDs: tierIDs)
        let cite = { (c: Citation) in CitationFormatter.reference(c, instruments: instruments, jurisdiction: jurisdiction) }
        let compiled = resolved.map { CompiledRules($0, program, cite: cite) }
        let derivedRoleNodes = derivedRoles.map { program.node($0.when) }
        var dates = Set(baselines.map(\.from))
        for rules in resolved {
            for t in rules.tiers { for rule in t.rules { dates.insert(rule.appliesFrom) } }
            for o in rules.obligations {
                dates.insert(o.appliesFrom)
                for route in o.startRoutes { dates.insert(route.from) }
            }
        }
        return RulePack(id: id, version: version, title: title, jurisdiction: jurisdiction, requires: requires,
                        extends: r.string("extends", required: false), path: path, instruments: instruments,
                        baselines: baselines, vocabulary: vocabulary, rolesFact: rolesFact, derivedRoles: derivedRoles,
                        notEncoded: notEncoded, reviewed: review, resolved: resolved, conditionNodes: named,
                        predicateCount: compiler.predicateCount, eventDates: dates.sorted(), program: program, compiled: compiled,
                        derivedRoleNodes: derivedRoleNodes, derivedRoleCitations: derivedRoles.map { cite($0.citation) })
    }

    /// The packs of the `extends` cycle that `id` is on (starting with it), or nil when following
    /// its bases leads out of the waiting packs or into a cycle it is not part of.
    static func extendsCycle(from id: String, _ waiting: [String: String]) -> [String]? {
        var chain = [id]
        var current = id
        while let next = waiting[current] {
            if next == id { return chain }
            if chain.contains(next) || chain.count > waiting.count { return nil }
            chain.append(next)
            current = next
        }
        return nil
    }

    /// A path relative to the working directory when it lies below it, so messages stay short and stable.
    static func displayPath(_ absolute: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    static func checkHeader(_ r: NodeReader, kind: String, sink: DiagnosticSink) {
        if let g = r.required("govcheck") {
            if g.scalar?.text != String(formatVersion) {
                sink.error("pack.format-version", "unsupported format version '\(g.scalar?.text ?? g.kindDescription)'", at: g.span,
                           help: "this govcheck reads format version \(formatVersion)")
            }
        }
        if let k = r.required("kind"), k.scalar?.text != kind {
            sink.error("pack.kind", "expected 'kind: \(kind)', found '\(k.scalar?.text ?? k.kindDescription)'", at: k.span)
        }
    }

    static func duplicateIDs(_ ids: [String], _ nodes: [Node], _ what: String, _ sink: DiagnosticSink) {
        var first: [String: SourceSpan] = [:]
        for n in nodes {
            guard let idNode = n["id"], let id = idNode.scalar?.text else { continue }
            if let f = first[id] {
                sink.error("pack.duplicate-id", "\(what) id '\(id)' is used twice", at: idNode.span,
                           notes: [.init(message: "first used here", span: f)])
            } else { first[id] = idNode.span }
        }
    }

    static func readInstrument(_ n: Node, jurisdiction: String, sink: DiagnosticSink) -> Instrument? {
        guard let r = NodeReader(n, "an instrument", sink) else { return nil }
        r.checkKeys(["id", "title", "shortTitle", "identifier", "url", "adopted", "inForce", "status", "jurisdiction"])
        guard let id = r.string("id"), let title = r.text("title", needsChinese: jurisdiction == "CN"),
              let identifier = r.string("identifier"), let inForce = r.day("inForce"),
              let status = r.enumValue("status", LegalStatus.self) else { return nil }
        return Instrument(id: id, title: title, shortTitle: r.text("shortTitle", required: false), identifier: identifier,
                          url: r.string("url", required: false), adopted: r.day("adopted", required: false), inForce: inForce,
                          status: status, jurisdiction: r.string("jurisdiction", required: false) ?? jurisdiction, span: n.span)
    }

    static func readReview(_ n: Node, _ sink: DiagnosticSink) -> Review? {
        guard let r = NodeReader(n, "'reviewed'", sink) else { return nil }
        r.checkKeys(["by", "on"])
        guard let by = r.string("by"), let on = r.day("on") else { return nil }
        return Review(by: by, on: on)
    }
}

/// Shared vocabulary files, parsed once per run however many packs include them.
struct VocabularyCache {
    private var loaded: [String: Vocabulary?] = [:]

    mutating func vocabulary(at path: String, sink: DiagnosticSink, includedAt: SourceSpan) -> Vocabulary? {
        if let v = loaded[path] { return v }
        let local = DiagnosticSink()
        let v = VocabularyCache.read(path: path, sink: local, includedAt: includedAt)
        sink.append(contentsOf: local.items)
        loaded[path] = v
        return v
    }

    static func read(path: String, sink: DiagnosticSink, includedAt: SourceSpan) -> Vocabulary? {
        guard FileManager.default.fileExists(atPath: path) else {
            sink.error("vocabulary.not-found", "vocabulary file '\(path)' does not exist", at: includedAt,
                       help: "paths are relative to pack.yaml")
            return nil
        }
        let docs: [YAMLDocument]
        do { docs = try YAMLReader.read(path: path) } catch { sink.append(Diagnostic(error)); return nil }
        guard let r = NodeReader(docs[0].root, "the vocabulary", sink) else { return nil }
        r.checkKeys(["govcheck", "kind", "id", "facts", "description"])
        PackLoader.checkHeader(r, kind: "Vocabulary", sink: sink)
        var v = Vocabulary()
        for f in r.list("facts", required: true) ?? [] {
            guard let d = fact(f, sink) else { continue }
            if let e = v.add(d) {
                sink.error("vocabulary.conflict", "fact '\(d.path)' is declared twice", at: d.span,
                           notes: [.init(message: "also declared here", span: e.span)])
            }
        }
        return v
    }

    static let factTypes = ["string", "bool", "number", "date", "enum", "list", "object"]

    static func fact(_ n: Node, _ sink: DiagnosticSink) -> FactDeclaration? {
        guard let r = NodeReader(n, "a fact", sink) else { return nil }
        r.checkKeys(["path", "type", "of", "values", "description", "default", "informational", "selfClassification"])
        guard let path = r.string("path"), let typeName = r.string("type") else { return nil }
        let segments = path.split(separator: ".", omittingEmptySubsequences: false)
        if path.isEmpty || segments.contains(where: { $0.isEmpty }) || Descriptor.envelopeKeys.contains(String(segments[0])) {
            sink.error("vocabulary.path", "'\(path)' is not a valid fact path", at: r["path"]?.span,
                       help: "use dotted names such as 'eu.market.placed_on_eu_market', not starting with apiVersion, kind or metadata")
            return nil
        }
        let values = r.strings("values")
        let type: FactType
        switch typeName {
        case "string": type = .string
        case "bool": type = .bool
        case "number": type = .number
        case "date": type = .date
        case "object": type = .object
        case "enum":
            guard let values, !values.isEmpty else {
                sink.error("vocabulary.values", "enum fact '\(path)' needs a non-empty 'values' list", at: n.span)
                return nil
            }
            type = .enumeration(values)
        case "list":
            let of = r.string("of", required: false) ?? "string"
            switch of {
            case "string": type = .list(.string)
            case "enum":
                guard let values, !values.isEmpty else {
                    sink.error("vocabulary.values", "list-of-enum fact '\(path)' needs a non-empty 'values' list", at: n.span)
                    return nil
                }
                type = .list(.enumeration(values))
            default:
                sink.error("vocabulary.type", "lists hold 'string' or 'enum', not '\(of)'", at: r["of"]?.span)
                return nil
            }
        default:
            sink.error("vocabulary.type", "unknown fact type '\(typeName)'", at: r["type"]?.span,
                       help: Suggest.help(typeName, factTypes) ?? "types: \(factTypes.joined(separator: ", "))")
            return nil
        }
        if let values, Set(values).count != values.count {
            sink.error("vocabulary.values", "'values' of '\(path)' lists a value twice", at: r["values"]?.span)
        }
        let description = r.text("description") ?? LocalizedText(en: "")
        var def: FactValue?
        if let dn = r["default"] {
            switch FactValue.from(dn, as: type) {
            case .success(let v): def = v
            case .failure(let m): sink.error("vocabulary.default", "default of '\(path)': \(m.message)", at: dn.span, help: m.help)
            }
        }
        return FactDeclaration(path: path, type: type, description: description, defaultValue: def,
                               informational: r.bool("informational") ?? false,
                               selfClassification: r["selfClassification"].flatMap { selfClassification($0, type: type, path: path, sink) },
                               span: n.span)
    }

    /// `selfClassification: [fact, ...]` (the tag as a whole) or `{value: [fact, ...]}` (per value of an
    /// enum or list-of-enum tag). The named facts are checked against the pack's vocabulary at load.
    static func selfClassification(_ n: Node, type: FactType, path: String, _ sink: DiagnosticSink) -> SelfClassification? {
        var spans: [String: SourceSpan] = [:]
        func paths(_ node: Node) -> [String]? {
            guard let items = node.sequence, !items.isEmpty else {
                sink.error("vocabulary.self-classification", "'selfClassification' of '\(path)' lists the facts that define the category",
                           at: node.span, help: "write e.g. 'selfClassification: [eu.capability.emotion_recognition]'")
                return nil
            }
            var out: [String] = []
            for i in items {
                guard let s = NodeReader.string(i, "a fact path", sink) else { return nil }
                spans[s] = i.span
                out.append(s)
            }
            return out
        }
        if n.sequence != nil {
            guard let u = paths(n) else { return nil }
            return SelfClassification(underlying: u, byValue: [:], spans: spans)
        }
        guard let pairs = n.mapping else {
            sink.error("vocabulary.self-classification", "'selfClassification' must be a list of fact paths or a mapping of value to fact paths",
                       at: n.span)
            return nil
        }
        let allowed = type.allowedValues ?? []
        var byValue: [String: [String]] = [:]
        for p in pairs {
            if !allowed.contains(p.key) {
                sink.error("vocabulary.self-classification", "'\(p.key)' is not a value of '\(path)'", at: p.keySpan,
                           help: Suggest.help(p.key, allowed) ?? (allowed.isEmpty ? "per-value entries need an enum or list-of-enum fact" : "values: \(allowed.joined(separator: ", "))"))
                continue
            }
            if let v = paths(p.value) { byValue[p.key] = v }
        }
        return SelfClassification(underlying: [], byValue: byValue, spans: spans)
    }
}

/// Parses `>=0.1.0`, `>=0.1.0 <0.2.0` style requirements on the engine version.
enum VersionRequirement {
    static func parse(_ s: String) -> [(String, [Int])]? {
        var out: [(String, [Int])] = []
        for part in s.split(separator: " ") {
            var p = Substring(part)
            var op = "="
            for candidate in [">=", "<=", ">", "<", "=", "^"] where p.hasPrefix(candidate) {
                op = candidate
                p = p.dropFirst(candidate.count)
                break
            }
            let nums = p.split(separator: ".").map { Int($0) }
            guard !nums.isEmpty, nums.allSatisfy({ $0 != nil }) else { return nil }
            out.append((op, nums.map { $0! }))
        }
        return out.isEmpty ? nil : out
    }

    static func satisfied(_ requirement: String, by version: String) -> Bool {
        guard let reqs = parse(requirement) else { return false }
        let v = version.split(separator: ".").map { Int($0) ?? 0 }
        func cmp(_ a: [Int], _ b: [Int]) -> Int {
            for i in 0..<max(a.count, b.count) {
                let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
                if x != y { return x < y ? -1 : 1 }
            }
            return 0
        }
        return reqs.allSatisfy { op, nums in
            let c = cmp(v, nums)
            switch op {
            case ">=": return c >= 0
            case "<=": return c <= 0
            case ">": return c > 0
            case "<": return c < 0
            case "^": return c >= 0 && v.first == nums.first
            default: return c == 0
            }
        }
    }
}
