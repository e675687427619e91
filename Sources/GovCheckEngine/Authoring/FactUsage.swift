import YAMLTree

/// One place where a pack reads a fact, so `govcheck facts` can say which rules a fact feeds and
/// lint can ask for a question for every fact a rule reads.
public struct FactReader: Sendable, Hashable, Comparable {
    /// What part of the rule reads it.
    public enum Kind: String, Sendable, Comparable {
        case tierRule = "tier-rule"
        case role = "role"
        case appliesWhen = "applies-when"
        case startRoute = "start-route"
        case satisfiedWhen = "satisfied-when"

        var rank: Int { [Kind.tierRule, .role, .appliesWhen, .startRoute, .satisfiedWhen].firstIndex(of: self)! }
        public static func < (a: Kind, b: Kind) -> Bool { a.rank < b.rank }
    }

    public let pack: String
    /// The tier rule or obligation id; for roles, `roles` or `role:<derived role>`.
    public let rule: String
    public let kind: Kind

    public static func < (a: FactReader, b: FactReader) -> Bool { (a.pack, a.kind, a.rule) < (b.pack, b.kind, b.rule) }
}

public enum FactUsage {
    /// Every fact the packs' own rules read (every baseline), with who reads it, in a stable order.
    /// A pack that extends another answers only for the rules it defines in its own file.
    public static func readers(_ packs: [RulePack]) -> [String: [FactReader]] {
        var out: [String: Set<FactReader>] = [:]
        func add(_ c: Condition?, _ pack: RulePack, _ rule: String, _ kind: FactReader.Kind) {
            for p in c?.predicates ?? [] { out[p.path, default: []].insert(FactReader(pack: pack.id, rule: rule, kind: kind)) }
        }
        for pack in packs {
            let own: (SourceSpan) -> Bool = { pack.extends == nil || $0.file.path == pack.path }
            if let rf = pack.rolesFact, pack.extends == nil {
                out[rf, default: []].insert(FactReader(pack: pack.id, rule: "roles", kind: .role))
            }
            if pack.extends == nil {
                for dr in pack.derivedRoles { add(dr.when, pack, "role:\(dr.role)", .role) }
            }
            for rules in pack.resolved {
                for tier in rules.tiers { for r in tier.rules where own(r.span) { add(r.when, pack, r.id, .tierRule) } }
                for o in rules.obligations where own(o.span) {
                    add(o.appliesWhen, pack, o.id, .appliesWhen)
                    add(o.satisfiedWhen, pack, o.id, .satisfiedWhen)
                    for route in o.startRoutes { add(route.when, pack, o.id, .startRoute) }
                    if o.bindsPredicate(in: pack) != nil, let rf = pack.rolesFact {
                        out[rf, default: []].insert(FactReader(pack: pack.id, rule: o.id, kind: .role))
                    }
                }
            }
        }
        return out.mapValues { $0.sorted() }
    }
}
