import Foundation

/// Decides whether conditions can hold together for some descriptor, so lint can prove that two
/// dated routes overlap, that a route is never reached, or that a duty can apply on no route, and
/// show an example. Conditions are encoded in three-valued (Kleene) logic exactly as the evaluator
/// judges them, with two propositional variables per node ("definitely true", "definitely false");
/// facts range over the values the conditions mention, and a small CDCL solver searches.
struct Satisfiability {
    /// The outcome of a search.
    enum Outcome {
        /// An example descriptor, as "fact = value" lines.
        case satisfiable([String])
        case unsatisfiable
        /// The conflict budget ran out; nothing is claimed.
        case tooComplex
    }

    private var cnf = CNF()
    /// Each condition node's (true, false) literals, by the node's identity.
    private var rails: [String: (Lit, Lit)] = [:]
    private var facts: [String: FactEncoding] = [:]
    /// Each tier's "decided as this tier" literal, defined by the pack's ladder, and "needs review".
    private var tierLits: [String: Lit] = [:]
    private var review: Lit?
    let tiers: [Tier]
    let conflictBudget: Int

    init(tiers: [Tier], conflictBudget: Int = 20_000) {
        self.tiers = tiers
        self.conflictBudget = conflictBudget
    }

    /// The tier ladder as the evaluator decides it: a tier holds when one of its rules is true and
    /// every rule of every tier above is false; the `otherwise` tier when every rule above is
    /// false; otherwise the decision is under review and every `tier:` test is unknown.
    mutating func defineTiers() {
        guard tierLits.isEmpty else { return }
        var above: [Lit] = []
        var decided: [Lit] = []
        for tier in tiers {
            let d = Lit(cnf.newVar())
            if tier.otherwise {
                define(d, and: above)
            } else {
                let rules = tier.rules.compactMap(\.when).map { encode($0) }
                let holds = Lit(cnf.newVar()), allFalse = Lit(cnf.newVar())
                define(holds, or: rules.map(\.0))
                define(allFalse, and: rules.map(\.1))
                define(d, and: [holds] + above)
                above.append(allFalse)
            }
            tierLits[tier.id] = d
            decided.append(d)
        }
        let r = Lit(cnf.newVar())
        define(r, and: decided.map(\.negated))
        review = r
    }

    /// Searches for a descriptor under which every condition of `hold` is true and every one of
    /// `fail` is false (Kleene), and every one of `notTrue` is not true (false or unknown).
    mutating func search(hold: [Condition], fail: [Condition], notTrue: [Condition] = []) -> Outcome {
        var assumptions: [Lit] = []
        for c in hold { assumptions.append(encode(c).0) }
        for c in fail { assumptions.append(encode(c).1) }
        for c in notTrue { assumptions.append(encode(c).0.negated) }
        var solver = CDCL(cnf, conflictBudget: conflictBudget)
        switch solver.solve(assuming: assumptions) {
        case .some(true): return .satisfiable(describe(solver.model))
        case .some(false): return .unsatisfiable
        case .none: return .tooComplex
        }
    }

    // MARK: Encoding

    /// The node's (definitely true, definitely false) literals, defined by clauses once.
    mutating func encode(_ c: Condition) -> (Lit, Lit) {
        let key = "\(c.span.file.path):\(c.span.start):\(c.span.end):\(Satisfiability.kind(c))"
        if let r = rails[key] { return r }
        let t = Lit(cnf.newVar()), f = Lit(cnf.newVar())
        cnf.add([t.negated, f.negated])  // never both
        switch c {
        case .all(let cs, _):
            let kids = cs.map { encode($0) }
            define(t, and: kids.map(\.0))
            define(f, or: kids.map(\.1))
        case .any(let cs, _):
            let kids = cs.map { encode($0) }
            define(t, or: kids.map(\.0))
            define(f, and: kids.map(\.1))
        case .not(let s, _):
            let (st, sf) = encode(s)
            define(t, and: [sf])
            define(f, and: [st])
        case .use(_, let s, _):
            let (st, sf) = encode(s)
            define(t, and: [st])
            define(f, and: [sf])
        case .tier(let id, _):
            defineTiers()
            let decided = tierLits[id] ?? Lit(cnf.newVar())
            if tierLits[id] == nil { cnf.add([decided.negated]) }
            define(t, and: [decided])
            define(f, and: [decided.negated, review!.negated])
        case .predicate(let p):
            let (pt, pf) = predicate(p)
            define(t, and: [pt])
            define(f, and: [pf])
        }
        rails[key] = (t, f)
        return (t, f)
    }

    static func kind(_ c: Condition) -> String {
        switch c {
        case .all: return "all"
        case .any: return "any"
        case .not: return "not"
        case .use(let n, _, _): return "use:" + n
        case .tier(let id, _): return "tier:" + id
        case .predicate(let p): return "p\(p.id):" + p.path
        }
    }

    /// x ↔ ∧ ys (x ↔ true for none).
    mutating func define(_ x: Lit, and ys: [Lit]) {
        for y in ys { cnf.add([x.negated, y]) }
        cnf.add([x] + ys.map(\.negated))
    }

    /// x ↔ ∨ ys (x ↔ false for none).
    mutating func define(_ x: Lit, or ys: [Lit]) {
        for y in ys { cnf.add([x, y.negated]) }
        cnf.add([x.negated] + ys)
    }

    mutating func exactlyOne(_ ls: [Lit]) {
        cnf.add(ls)
        for i in ls.indices { for j in ls.indices where j > i { cnf.add([ls[i].negated, ls[j].negated]) } }
    }

    /// How a fact is encoded: whether it is stated, and its value as one-hot choices or memberships.
    struct FactEncoding {
        let stated: Var
        /// For scalar facts: one variable per value region (a value, "another value", a range).
        var choices: [(label: String, test: FactValue?, v: Var)]
        /// For list facts: one variable per mentioned item.
        var members: [String: Var]
        /// True when unstated facts take a default (the value is then always known).
        let known: Bool
        /// Lists and groups are shown by their members, or as stated.
        let isCollection: Bool
    }

    /// The fact's encoding, built the first time a predicate reads it, from every predicate on it.
    mutating func fact(_ p: Predicate, all: [Predicate]) -> FactEncoding {
        if let f = facts[p.path] { return f }
        let stated = cnf.newVar()
        var choices: [(String, FactValue?, Var)] = []
        var members: [String: Var] = [:]
        let defaulted = p.fact.defaultValue
        switch p.fact.type {
        case .list, .object:
            for q in all where q.path == p.path {
                switch q.op {
                case .contains(let x): if members[x] == nil { members[x] = cnf.newVar() }
                case .containsAny(let xs), .containsAll(let xs): for x in xs where members[x] == nil { members[x] = cnf.newVar() }
                default: break
                }
            }
        default:
            var values: [FactValue] = []
            switch p.fact.type {
            case .bool: values = [.bool(true), .bool(false)]
            case .enumeration(let allowed): values = allowed.map { .string($0) }
            case .number, .date:
                var thresholds: [FactValue] = []
                for q in all where q.path == p.path {
                    switch q.op {
                    case .equals(let v), .gt(let v), .gte(let v), .lt(let v), .lte(let v): thresholds.append(v)
                    case .in(let vs): thresholds += vs
                    default: break
                    }
                }
                values = Satisfiability.points(thresholds)
            default:
                for q in all where q.path == p.path {
                    switch q.op {
                    case .equals(let v): if !values.contains(v) { values.append(v) }
                    case .in(let vs): for v in vs where !values.contains(v) { values.append(v) }
                    default: break
                    }
                }
            }
            for v in values { choices.append((v.description, v, cnf.newVar())) }
            if case .string = p.fact.type { choices.append(("another value", nil, cnf.newVar())) }
            // Exactly one value when the value is known (stated, or defaulted).
            let vars = choices.map { Lit($0.2) }
            if defaulted != nil {
                exactlyOne(vars)
                if let d = defaulted, let i = choices.firstIndex(where: { $0.1 == d }) {
                    cnf.add([Lit(stated), Lit(choices[i].2)])  // unstated: the default
                }
            } else {
                cnf.add([Lit(stated).negated] + vars)
                for i in vars.indices { for j in vars.indices where j > i { cnf.add([vars[i].negated, vars[j].negated]) } }
                for v in vars { cnf.add([Lit(stated), v.negated]) }
            }
        }
        var collection = false
        if case .list = p.fact.type { collection = true }
        if case .object = p.fact.type { collection = true }
        let e = FactEncoding(stated: stated, choices: choices, members: members, known: defaulted != nil, isCollection: collection)
        facts[p.path] = e
        return e
    }

    /// Every predicate of the conditions encoded so far and to come, for a fact's value domain.
    var predicates: [Predicate] = []

    /// Registers the predicates the searches will use (with the tier rules'), so each fact's
    /// domain covers all of them.
    mutating func prepare(_ conditions: [Condition]) {
        predicates = (conditions + tiers.flatMap { $0.rules.compactMap(\.when) }).flatMap(\.predicates)
    }

    /// The predicate's (true, false) literals.
    mutating func predicate(_ p: Predicate) -> (Lit, Lit) {
        let f = fact(p, all: predicates.isEmpty ? [p] : predicates + [p])
        let s = Lit(f.stated)
        let known = f.known ? nil : s
        let t = Lit(cnf.newVar()), fl = Lit(cnf.newVar())
        func guarded(_ x: Lit, _ inner: [Lit], conjunctive: Bool) {
            // x ↔ known ∧ (∧/∨ inner)
            let body = Lit(cnf.newVar())
            if conjunctive { define(body, and: inner) } else { define(body, or: inner) }
            define(x, and: [body] + (known.map { [$0] } ?? []))
        }
        func choice(_ test: (FactValue) -> Bool) -> [Lit] {
            f.choices.compactMap { c in c.test.map(test) == true ? Lit(c.v) : nil }
        }
        func otherChoices(_ test: (FactValue) -> Bool) -> [Lit] {
            f.choices.compactMap { c in c.test.map(test) == true ? nil : Lit(c.v) }
        }
        switch p.op {
        case .exists(let want):
            define(t, and: [want ? s : s.negated])
            define(fl, and: [want ? s.negated : s])
        case .contains(let x):
            let m = Lit(f.members[x]!)
            define(t, and: [s, m])
            define(fl, and: [s, m.negated])
        case .containsAny(let xs):
            let ms = xs.map { Lit(f.members[$0]!) }
            guarded(t, ms, conjunctive: false)
            guarded(fl, ms.map(\.negated), conjunctive: true)
        case .containsAll(let xs):
            let ms = xs.map { Lit(f.members[$0]!) }
            guarded(t, ms, conjunctive: true)
            guarded(fl, ms.map(\.negated), conjunctive: false)
        case .matches:
            // An opaque test: any outcome is possible when the fact is known.
            cnf.add([t.negated, fl.negated])
            if let known { cnf.add([known.negated, t, fl]); cnf.add([t.negated, known]); cnf.add([fl.negated, known]) } else { cnf.add([t, fl]) }
        default:
            let test: (FactValue) -> Bool
            switch p.op {
            case .equals(let x): test = { $0 == x }
            case .in(let xs): test = { xs.contains($0) }
            case .gt(let x): test = { Satisfiability.compare($0, x).map { $0 > 0 } ?? false }
            case .gte(let x): test = { Satisfiability.compare($0, x).map { $0 >= 0 } ?? false }
            case .lt(let x): test = { Satisfiability.compare($0, x).map { $0 < 0 } ?? false }
            case .lte(let x): test = { Satisfiability.compare($0, x).map { $0 <= 0 } ?? false }
            default: test = { _ in false }
            }
            guarded(t, choice(test), conjunctive: false)
            guarded(fl, otherChoices(test), conjunctive: false)
        }
        return (t, fl)
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
            out += ns.map { FactValue.number($0) }
        }
        let days = thresholds.compactMap { if case .date(let d) = $0 { return d }; return nil }
        for d in days { out += [d.adding(days: -1), d, d.adding(days: 1)].map { FactValue.date($0) } }
        var seen = Set<FactValue>()
        out = out.filter { seen.insert($0).inserted }
        return out.isEmpty ? [.number(0)] : out
    }

    static func compare(_ a: FactValue, _ b: FactValue) -> Int? {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        default: return nil
        }
    }

    /// The example as "fact = value" lines, sorted.
    func describe(_ model: [Bool]) -> [String] {
        func value(_ v: Var) -> Bool { v.index < model.count && model[v.index] }
        var lines: [String] = []
        for (path, f) in facts {
            guard value(f.stated) else { continue }
            if f.isCollection && f.members.isEmpty {
                lines.append("\(path) stated")
            } else if f.isCollection {
                lines.append("\(path) = [\(f.members.filter { value($0.value) }.map(\.key).sorted().joined(separator: ", "))]")
            } else if let c = f.choices.first(where: { value($0.v) }) {
                lines.append("\(path) = \(c.label)")
            }
        }
        if let t = tierLits.first(where: { value(Var(index: $0.value.variable)) == $0.value.positive }) { lines.append("tier = \(t.key)") }
        return lines.sorted()
    }
}

// MARK: - A small CDCL solver

/// A propositional variable, numbered from 0.
struct Var: Hashable {
    let index: Int
}

/// A literal: a variable or its negation, packed as 2·index + sign.
struct Lit: Hashable {
    let code: Int
    init(_ v: Var, positive: Bool = true) { code = v.index << 1 | (positive ? 0 : 1) }
    init(code: Int) { self.code = code }
    var variable: Int { code >> 1 }
    var positive: Bool { code & 1 == 0 }
    var negated: Lit { Lit(code: code ^ 1) }
}

/// Clauses over numbered variables.
struct CNF {
    var variables = 0
    var clauses: [[Lit]] = []
    mutating func newVar() -> Var {
        variables += 1
        return Var(index: variables - 1)
    }
    mutating func add(_ c: [Lit]) { clauses.append(c) }
}

/// Conflict-driven clause learning with two watched literals, first-UIP learning, activity-based
/// branching and restarts; solves under assumptions and stops after a conflict budget.
struct CDCL {
    var clauses: [[Lit]]
    var watches: [[Int]]
    /// Per variable: 0 unassigned, 1 true, 2 false.
    var values: [UInt8]
    var levels: [Int]
    var reasons: [Int]
    var trail: [Lit] = []
    var trailLimits: [Int] = []
    var activity: [Double]
    var bump = 1.0
    var propagated = 0
    let budget: Int
    var model: [Bool] = []

    init(_ cnf: CNF, conflictBudget: Int) {
        clauses = []
        watches = Array(repeating: [], count: 2 * max(cnf.variables, 1))
        values = Array(repeating: 0, count: cnf.variables)
        levels = Array(repeating: 0, count: cnf.variables)
        reasons = Array(repeating: -1, count: cnf.variables)
        activity = Array(repeating: 0, count: cnf.variables)
        budget = conflictBudget
        for c in cnf.clauses { _ = addClause(Array(Set(c))) }
    }

    var ok = true

    func value(_ l: Lit) -> UInt8 {
        let v = values[l.variable]
        if v == 0 { return 0 }
        return (v == 1) == l.positive ? 1 : 2
    }

    /// Adds a clause at level 0; false when it makes the problem unsatisfiable.
    mutating func addClause(_ c: [Lit]) -> Bool {
        var lits: [Lit] = []
        for l in c {
            if lits.contains(l.negated) { return true }  // tautology
            if value(l) == 1 { return true }
            if value(l) == 2 { continue }
            lits.append(l)
        }
        if lits.isEmpty { ok = false; return false }
        if lits.count == 1 {
            assign(lits[0], reason: -1)
            if propagate() != nil { ok = false; return false }
            return true
        }
        let i = clauses.count
        clauses.append(lits)
        watches[lits[0].negated.code].append(i)
        watches[lits[1].negated.code].append(i)
        return true
    }

    mutating func assign(_ l: Lit, reason: Int) {
        values[l.variable] = l.positive ? 1 : 2
        levels[l.variable] = trailLimits.count
        reasons[l.variable] = reason
        trail.append(l)
    }

    /// Unit propagation; returns a conflicting clause index, or nil.
    mutating func propagate() -> Int? {
        while propagated < trail.count {
            let l = trail[propagated]
            propagated += 1
            var ws = watches[l.code]
            watches[l.code] = []
            var i = 0
            while i < ws.count {
                let ci = ws[i]
                var c = clauses[ci]
                // Make c[1] the literal that became false.
                if c[0] == l.negated { c.swapAt(0, 1) }
                if value(c[0]) == 1 {
                    watches[l.code].append(ci)
                    clauses[ci] = c
                    i += 1
                    continue
                }
                var moved = false
                for k in 2..<max(2, c.count) where value(c[k]) != 2 {
                    c.swapAt(1, k)
                    watches[c[1].negated.code].append(ci)
                    moved = true
                    break
                }
                clauses[ci] = c
                if moved { i += 1; continue }
                watches[l.code].append(ci)
                if value(c[0]) == 2 {
                    // Conflict: keep the remaining watches.
                    watches[l.code].append(contentsOf: ws[(i + 1)...])
                    return ci
                }
                assign(c[0], reason: ci)
                i += 1
            }
            ws.removeAll()
        }
        return nil
    }

    /// First-UIP learning: the learnt clause and the level to go back to.
    mutating func analyze(_ conflict: Int) -> ([Lit], Int) {
        var seen = [Bool](repeating: false, count: values.count)
        var learnt: [Lit] = [Lit(code: 0)]
        var counter = 0
        var p: Lit?
        var clause = clauses[conflict]
        var index = trail.count - 1
        let level = trailLimits.count
        repeat {
            for q in clause where p == nil || q != p! {
                let v = q.variable
                guard !seen[v], levels[v] > 0 else { continue }
                seen[v] = true
                activity[v] += bump
                if levels[v] == level { counter += 1 } else { learnt.append(q) }
            }
            while !seen[trail[index].variable] { index -= 1 }
            p = trail[index]
            index -= 1
            seen[p!.variable] = false
            counter -= 1
            if counter > 0 { clause = clauses[reasons[p!.variable]] }
        } while counter > 0
        learnt[0] = p!.negated
        var back = 0
        if learnt.count > 1 {
            var maxI = 1
            for i in 2..<learnt.count where levels[learnt[i].variable] > levels[learnt[maxI].variable] { maxI = i }
            learnt.swapAt(1, maxI)
            back = levels[learnt[1].variable]
        }
        bump *= 1.05
        return (learnt, back)
    }

    mutating func backtrack(to level: Int) {
        guard trailLimits.count > level else { return }
        let start = trailLimits[level]
        for l in trail[start...] {
            values[l.variable] = 0
            reasons[l.variable] = -1
        }
        trail.removeSubrange(start...)
        trailLimits.removeSubrange(level...)
        propagated = min(propagated, trail.count)
    }

    /// True with a model, false when unsatisfiable under the assumptions, nil past the budget.
    mutating func solve(assuming assumptions: [Lit]) -> Bool? {
        guard ok else { return false }
        if propagate() != nil { return false }
        var conflicts = 0
        var restartAt = 100
        while true {
            if let conflict = propagate() {
                conflicts += 1
                if trailLimits.isEmpty { return false }
                if conflicts > budget { return nil }
                let (learnt, back) = analyze(conflict)
                // A conflict among the assumptions themselves: unsatisfiable under them.
                backtrack(to: back)
                if learnt.count == 1 {
                    backtrack(to: 0)
                    if value(learnt[0]) == 2 { return false }
                    if value(learnt[0]) == 0 { assign(learnt[0], reason: -1) }
                } else {
                    let i = clauses.count
                    clauses.append(learnt)
                    watches[learnt[0].negated.code].append(i)
                    watches[learnt[1].negated.code].append(i)
                    assign(learnt[0], reason: i)
                }
                if conflicts >= restartAt {
                    restartAt = Int(Double(restartAt) * 1.5)
                    backtrack(to: 0)
                }
                continue
            }
            // Assumptions first, one decision level each.
            var decided = false
            while trailLimits.count < assumptions.count {
                let a = assumptions[trailLimits.count]
                switch value(a) {
                case 1: trailLimits.append(trail.count)
                case 2: return false
                default:
                    trailLimits.append(trail.count)
                    assign(a, reason: -1)
                    decided = true
                }
                if decided { break }
            }
            if decided { continue }
            // Branch on the most active unassigned variable, false first.
            var best = -1
            for v in values.indices where values[v] == 0 && (best < 0 || activity[v] > activity[best]) { best = v }
            if best < 0 {
                model = values.map { $0 == 1 }
                return true
            }
            trailLimits.append(trail.count)
            assign(Lit(Var(index: best), positive: false), reason: -1)
        }
    }
}
