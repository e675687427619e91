import Foundation

/// Searches for a descriptor (an assignment of fact values) under which conditions hold together,
/// so lint can prove that two dated routes overlap or that a duty can apply on no route, and show
/// an example. Facts range over the values the conditions mention (plus "other" and "not stated"),
/// which is enough to reach every outcome of the predicates. Partial assignments are judged in
/// Kleene logic: a condition already false (or true) stays so whatever the unset facts.
struct Satisfiability {
    /// One thing the search can set: a scalar fact's value, a list fact's membership of one item
    /// (or whether it is stated at all), an opaque predicate (regular expressions), or the tier.
    enum Variable: Hashable {
        case value(String)
        case listStated(String)
        case member(String, String)
        case opaque(Int)
        case tier
    }

    /// A variable's setting; `unstated` stands for a fact the descriptor leaves out.
    enum Setting: Hashable, CustomStringConvertible {
        case unstated
        case value(FactValue)
        case other
        case flag(Bool)
        case tier(String)

        var description: String {
            switch self {
            case .unstated: return "not stated"
            case .value(let v): return v.description
            case .other: return "another value"
            case .flag(let b): return b ? "true" : "false"
            case .tier(let t): return t
            }
        }
    }

    /// The outcome of a search.
    enum Outcome {
        /// An example assignment, as "fact = value" lines.
        case satisfiable([String])
        case unsatisfiable
        /// The search budget ran out; nothing is claimed.
        case tooComplex
    }

    let tierIDs: [String]
    var domains: [Variable: [Setting]] = [:]
    var budget: Int

    init(conditions: [Condition], tierIDs: [String], budget: Int = 200_000) {
        self.tierIDs = tierIDs
        self.budget = budget
        var mentioned: [String: [FactValue]] = [:]
        var facts: [String: FactDeclaration] = [:]
        for c in conditions {
            for p in c.predicates {
                facts[p.path] = p.fact
                switch p.op {
                case .equals(let v), .gt(let v), .gte(let v), .lt(let v), .lte(let v): mentioned[p.path, default: []].append(v)
                case .in(let vs): mentioned[p.path, default: []].append(contentsOf: vs)
                default: break
                }
            }
        }
        for (path, decl) in facts {
            switch decl.type {
            case .bool:
                domains[.value(path)] = [.flag(true), .flag(false), .unstated]
            case .enumeration(let allowed):
                domains[.value(path)] = allowed.map { .value(.string($0)) } + [.unstated]
            case .string:
                domains[.value(path)] = Satisfiability.unique(mentioned[path] ?? []).map { .value($0) } + [.other, .unstated]
            case .number, .date:
                domains[.value(path)] = Satisfiability.points(mentioned[path] ?? []).map { .value($0) } + [.unstated]
            case .list, .object:
                domains[.listStated(path)] = [.flag(true), .flag(false)]
            }
        }
        domains[.tier] = tierIDs.map { .tier($0) }
    }

    static func unique(_ vs: [FactValue]) -> [FactValue] {
        var seen = Set<FactValue>()
        return vs.filter { seen.insert($0).inserted }
    }

    /// Values on, between and beyond the thresholds, so every comparison outcome is reachable.
    static func points(_ thresholds: [FactValue]) -> [FactValue] {
        var out: [FactValue] = []
        let numbers = thresholds.compactMap { if case .number(let n) = $0 { return n }; return nil }.sorted()
        if !numbers.isEmpty {
            var ns: [Decimal] = [numbers[0] - 1]
            for (i, n) in numbers.enumerated() {
                ns.append(n)
                if i + 1 < numbers.count { ns.append((n + numbers[i + 1]) / 2) }
            }
            ns.append(numbers[numbers.count - 1] + 1)
            out += ns.map { .number($0) }
        }
        let days = thresholds.compactMap { if case .date(let d) = $0 { return d }; return nil }
        for d in days { out += [d.adding(days: -1), d, d.adding(days: 1)].map { .date($0) } }
        return unique(out.isEmpty ? [.number(0)] : out)
    }

    /// Finds settings under which every condition of `hold` is true and every one of `fail` false.
    mutating func search(hold: [Condition], fail: [Condition]) -> Outcome {
        var world: [Variable: Setting] = [:]
        switch dfs(&world, hold: hold, fail: fail) {
        case .some(true): return .satisfiable(describe(world))
        case .some(false): return .unsatisfiable
        case .none: return .tooComplex
        }
    }

    /// True when found (the world holds the example), false when proved impossible, nil past the budget.
    mutating func dfs(_ world: inout [Variable: Setting], hold: [Condition], fail: [Condition]) -> Bool? {
        budget -= 1
        if budget < 0 { return nil }
        var pending: Variable?
        var allTrue = true
        for c in hold {
            switch truth(c, world, &pending) {
            case .false: return false
            case .unknown: allTrue = false
            case .true: break
            }
        }
        for c in fail {
            switch truth(c, world, &pending) {
            case .true: return false
            case .unknown: allTrue = false
            case .false: break
            }
        }
        if allTrue { return true }
        guard let v = pending, let domain = domains[v] else { return false }
        var exhausted = true
        for setting in domain {
            world[v] = setting
            switch dfs(&world, hold: hold, fail: fail) {
            case .some(true): return true
            case .some(false): break
            case .none: exhausted = false
            }
        }
        world[v] = nil
        return exhausted ? false : nil
    }

    /// Kleene truth under a partial world; notes the first unset variable an unknown leaf needs.
    func truth(_ c: Condition, _ w: [Variable: Setting], _ pending: inout Variable?) -> Truth {
        switch c {
        case .all(let cs, _):
            var r = Truth.true
            for s in cs {
                switch truth(s, w, &pending) {
                case .false: return .false
                case .unknown: r = .unknown
                case .true: break
                }
            }
            return r
        case .any(let cs, _):
            var r = Truth.false
            for s in cs {
                switch truth(s, w, &pending) {
                case .true: return .true
                case .unknown: r = .unknown
                case .false: break
                }
            }
            return r
        case .not(let s, _): return !truth(s, w, &pending)
        case .use(_, let s, _): return truth(s, w, &pending)
        case .tier(let id, _):
            guard case .tier(let t)? = w[.tier] else { if pending == nil { pending = .tier }; return .unknown }
            return Truth(t == id)
        case .predicate(let p): return predicate(p, w, &pending)
        }
    }

    func predicate(_ p: Predicate, _ w: [Variable: Setting], _ pending: inout Variable?) -> Truth {
        func need(_ v: Variable) -> Truth {
            if pending == nil { pending = v }
            return .unknown
        }
        switch p.fact.type {
        case .list, .object:
            guard case .flag(let stated)? = w[.listStated(p.path)] else { return need(.listStated(p.path)) }
            if case .exists(let want) = p.op { return Truth(stated == want) }
            guard stated else { return .unknown }
            func member(_ x: String) -> Truth {
                let v = Variable.member(p.path, x)
                guard case .flag(let b)? = w[v] else { return need(v) }
                return Truth(b)
            }
            switch p.op {
            case .contains(let x): return member(x)
            case .containsAny(let xs):
                var r = Truth.false
                for x in xs { switch member(x) { case .true: return .true; case .unknown: r = .unknown; case .false: break } }
                return r
            case .containsAll(let xs):
                var r = Truth.true
                for x in xs { switch member(x) { case .false: return .false; case .unknown: r = .unknown; case .true: break } }
                return r
            default: return .unknown
            }
        default:
            if case .matches = p.op {
                guard case .flag(let b)? = w[.opaque(p.id)] else { return need(.opaque(p.id)) }
                return Truth(b)
            }
            guard let setting = w[.value(p.path)] else { return need(.value(p.path)) }
            if case .exists(let want) = p.op {
                // `exists` asks whether the descriptor states the fact; a default does not count.
                if case .unstated = setting { return Truth(!want) }
                return Truth(want)
            }
            let value: FactValue?
            switch setting {
            case .unstated: value = p.fact.defaultValue
            case .value(let v): value = v
            case .flag(let b): value = .bool(b)
            case .other: value = .string("\u{1}other")
            case .tier: value = nil
            }
            guard let v = value else { return .unknown }
            switch p.op {
            case .equals(let x): return Truth(v == x)
            case .in(let xs): return Truth(xs.contains(v))
            case .gt(let x): return Satisfiability.compare(v, x).map { Truth($0 > 0) } ?? .unknown
            case .gte(let x): return Satisfiability.compare(v, x).map { Truth($0 >= 0) } ?? .unknown
            case .lt(let x): return Satisfiability.compare(v, x).map { Truth($0 < 0) } ?? .unknown
            case .lte(let x): return Satisfiability.compare(v, x).map { Truth($0 <= 0) } ?? .unknown
            default: return .unknown
            }
        }
    }

    static func compare(_ a: FactValue, _ b: FactValue) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        default: return nil
        }
    }

    /// The example as "fact = value" strings, sorted; list memberships folded into one line per fact.
    func describe(_ w: [Variable: Setting]) -> [String] {
        var lines: [String] = []
        var lists: [String: [String]] = [:]
        for (v, s) in w {
            switch v {
            case .value(let path): lines.append("\(path) = \(s)")
            case .listStated(let path): if case .flag(false) = s { lines.append("\(path) not stated") } else { lists[path, default: []] += [] }
            case .member(let path, let x): if case .flag(true) = s { lists[path, default: []].append(x) }
            case .opaque(let id): lines.append("predicate #\(id) = \(s)")
            case .tier: lines.append("tier = \(s)")
            }
        }
        for (path, items) in lists where w[.listStated(path)] != .flag(false) {
            lines.append("\(path) = [\(items.sorted().joined(separator: ", "))]")
        }
        return lines.sorted()
    }
}
