import Foundation

/// A pack's conditions compiled into one flat array of nodes, shared structure interned once
/// (a named condition used by forty obligations is one node), and every predicate compiled to a
/// plain test of a `FactTable` slot. Evaluation walks indices with a per-descriptor memo, so no
/// condition is judged twice for a descriptor and the hot path copies no reference-counted value.
final class ConditionProgram: @unchecked Sendable {
    enum Kind: UInt8 { case all, any, not, tier, predicate }

    struct Node {
        let kind: Kind
        /// all/any: index of the first child in `kids`; not: the child node; tier: the tier's index;
        /// predicate: the predicate's index.
        let first: Int32
        let count: Int32
        /// True when the node's truth depends on the tier decision (so it is re-judged per date).
        let tierDependent: Bool
    }

    private struct Key: Hashable {
        let kind: Kind
        let extra: Int32
        let children: [Int32]
    }

    private(set) var nodes: [Node] = []
    private(set) var kids: [Int32] = []
    /// Predicates by compiled index.
    private(set) var predicates: [Predicate] = []
    private(set) var fast: [FastPredicate] = []
    /// Strings of vocabulary defaults, for `matches` on a defaulted string.
    private(set) var defaultStrings: [String] = []
    /// For each predicate on a fact with a default, that fact's place among such facts in path
    /// order (-1 without a default), so an evaluation records the defaults it used as flags and
    /// lists them already sorted.
    private(set) var assumptionRank: [Int32] = []
    /// The assumption each rank stands for, in path order.
    private(set) var assumptionByRank: [Assumption] = []
    private(set) var regexes: [RegexBox] = []
    private(set) var numberLists: [[Decimal]] = []
    private(set) var codeLists: [[Int32]] = []
    private var predicateIndex: [Int: Int32] = [:]
    private var interned: [Key: Int32] = [:]
    let tierIDs: [String]
    private let tierIndex: [String: Int32]
    /// The fact numbering the fast predicates use; set once the pack set is complete.
    private(set) var facts: FactIndex?

    init(tierIDs: [String]) {
        self.tierIDs = tierIDs
        var idx: [String: Int32] = [:]
        for (i, t) in tierIDs.enumerated() { idx[t] = Int32(i) }
        tierIndex = idx
    }

    /// The node of a condition tree, compiled on first sight and shared by every equal tree.
    func node(_ c: Condition) -> Int32 {
        switch c {
        case .predicate(let p): return intern(.predicate, extra: predicate(p), children: [])
        case .tier(let id, _): return intern(.tier, extra: tierIndex[id] ?? -1, children: [])
        case .not(let s, _): return intern(.not, extra: 0, children: [node(s)])
        case .use(_, let s, _): return node(s)
        case .all(let cs, _): return intern(.all, extra: 0, children: cs.map(node))
        case .any(let cs, _): return intern(.any, extra: 0, children: cs.map(node))
        }
    }

    /// The node of a tree already compiled, without compiling anything (safe to call from any
    /// thread once the pack is loaded); nil for a tree the pack never compiled.
    func lookup(_ c: Condition) -> Int32? {
        switch c {
        case .predicate(let p): return predicateIndex(of: p).flatMap { interned[Key(kind: .predicate, extra: $0, children: [])] }
        case .tier(let id, _): return interned[Key(kind: .tier, extra: tierIndex[id] ?? -1, children: [])]
        case .not(let s, _): return lookup(s).flatMap { interned[Key(kind: .not, extra: 0, children: [$0])] }
        case .use(_, let s, _): return lookup(s)
        case .all(let cs, _), .any(let cs, _):
            var children: [Int32] = []
            for sub in cs { guard let n = lookup(sub) else { return nil }; children.append(n) }
            if case .all = c { return interned[Key(kind: .all, extra: 0, children: children)] }
            return interned[Key(kind: .any, extra: 0, children: children)]
        }
    }

    /// The compiled index of a predicate (by its pack-wide id).
    func predicate(_ p: Predicate) -> Int32 {
        if let i = predicateIndex[p.id] { return i }
        let i = Int32(predicates.count)
        predicates.append(p)
        predicateIndex[p.id] = i
        return i
    }

    /// The compiled index of a predicate of this pack; nil for one compiled elsewhere (ids are only
    /// unique within a pack's compilers, so the id must also name the same node of the same file).
    func predicateIndex(of p: Predicate) -> Int32? {
        guard let i = predicateIndex[p.id] else { return nil }
        let q = predicates[Int(i)]
        return q.span == p.span && q.path == p.path ? i : nil
    }

    private func intern(_ kind: Kind, extra: Int32, children: [Int32]) -> Int32 {
        let key = Key(kind: kind, extra: extra, children: children)
        if let n = interned[key] { return n }
        let dependent: Bool
        let first: Int32
        switch kind {
        case .all, .any:
            first = Int32(kids.count)
            kids.append(contentsOf: children)
            dependent = children.contains { nodes[Int($0)].tierDependent }
        case .not:
            first = children[0]
            dependent = nodes[Int(first)].tierDependent
        case .tier:
            first = extra
            dependent = true
        case .predicate:
            first = extra
            dependent = false
        }
        let i = Int32(nodes.count)
        nodes.append(Node(kind: kind, first: first, count: Int32(children.count), tierDependent: dependent))
        interned[key] = i
        return i
    }

    /// Nodes whose truth depends on the tier, to clear from a memo when the decision changes.
    private(set) var tierNodes: [Int32] = []

    /// Compiles every predicate against the pack set's fact numbering (called once, at load).
    func bind(_ index: FactIndex) {
        facts = index
        tierNodes = nodes.indices.filter { nodes[$0].tierDependent }.map(Int32.init)
        fast = predicates.map { compile($0, index) }
        var defaults: [String: String] = [:]
        for p in predicates { if let d = p.fact.defaultValue { defaults[p.path] = d.description } }
        let paths = defaults.keys.sorted()
        assumptionByRank = paths.map { Assumption(fact: $0, value: defaults[$0]!) }
        let rank = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, Int32($0)) })
        assumptionRank = predicates.map { rank[$0.path] ?? -1 }
    }

    private func compile(_ p: Predicate, _ index: FactIndex) -> FastPredicate {
        let slot = Int(index.slotOf[p.path] ?? -1)
        var f = FastPredicate(slot: Int32(slot))
        func code(_ v: FactValue) -> Int32 {
            if case .string(let s) = v { return slot >= 0 ? index.codes[slot][s] ?? -2 : -2 }
            if case .bool(let b) = v { return b ? 1 : 0 }
            return -2
        }
        func mask(_ codes: [Int32]) -> UInt64? {
            var m: UInt64 = 0
            for c in codes {
                guard c >= 0, c < 64 else { return nil }
                m |= 1 << UInt64(c)
            }
            return m
        }
        if let d = p.fact.defaultValue, slot >= 0 {
            var t = FactTable(empty: ())
            var v = t.encode(d, slot: slot, index)
            if let s = t.strings.first { v.text = Int32(defaultStrings.count); defaultStrings.append(s) }
            if let l = t.lists.first { v.text = Int32(codeLists.count); codeLists.append(l) }
            f.defaultValue = v
        }
        switch p.op {
        case .exists(let want):
            f.op = .exists
            f.want = want
        case .equals(let v):
            switch v {
            case .number(let n): f.op = .numberCompare; f.compare = .eq; f.number = n
            case .date(let d): f.op = .dayCompare; f.compare = .eq; f.day = Int32(d.daysSinceEpoch)
            default:
                let c = code(v)
                if let m = mask([c]) { f.op = .codeIn; f.mask = m } else { f.op = .codeInList; f.aux = Int32(codeLists.count); codeLists.append([c]) }
            }
        case .in(let vs):
            if case .number? = vs.first {
                f.op = .numberIn
                f.aux = Int32(numberLists.count)
                numberLists.append(vs.compactMap { if case .number(let n) = $0 { return n }; return nil })
            } else if case .date? = vs.first {
                f.op = .numberIn
                f.aux = Int32(numberLists.count)
                numberLists.append(vs.compactMap { if case .date(let d) = $0 { return Decimal(d.daysSinceEpoch) }; return nil })
                f.datesAsNumbers = true
            } else {
                let cs = vs.map(code)
                if let m = mask(cs) { f.op = .codeIn; f.mask = m } else { f.op = .codeInList; f.aux = Int32(codeLists.count); codeLists.append(cs) }
            }
        case .gt(let v), .gte(let v), .lt(let v), .lte(let v):
            switch p.op {
            case .gt: f.compare = .gt
            case .gte: f.compare = .gte
            case .lt: f.compare = .lt
            default: f.compare = .lte
            }
            if case .date(let d) = v { f.op = .dayCompare; f.day = Int32(d.daysSinceEpoch) } else if case .number(let n) = v { f.op = .numberCompare; f.number = n }
        case .contains(let x):
            let c = slot >= 0 ? index.codes[slot][x] ?? -2 : -2
            if let m = mask([c]) { f.op = .listAny; f.mask = m } else { f.op = .listAnyExact; f.aux = Int32(codeLists.count); codeLists.append([c]) }
        case .containsAny(let xs), .containsAll(let xs):
            let all: Bool
            if case .containsAll = p.op { all = true } else { all = false }
            let cs = xs.map { slot >= 0 ? index.codes[slot][$0] ?? -2 : -2 }
            if let m = mask(cs) { f.op = all ? .listAll : .listAny; f.mask = m } else {
                f.op = all ? .listAllExact : .listAnyExact
                f.aux = Int32(codeLists.count)
                codeLists.append(cs)
            }
        case .matches(let r):
            f.op = .matches
            f.aux = Int32(regexes.count)
            regexes.append(r)
        }
        return f
    }
}

/// A predicate as a plain test of one slot; no field is reference-counted.
struct FastPredicate {
    enum Op: UInt8 {
        case exists, codeIn, codeInList, numberCompare, dayCompare, numberIn, listAny, listAll, listAnyExact, listAllExact, matches, never
    }
    enum Compare: UInt8 { case eq, gt, gte, lt, lte }

    var slot: Int32
    var op: Op = .never
    var want = false
    var compare: Compare = .eq
    var mask: UInt64 = 0
    var number: Decimal = 0
    var day: Int32 = 0
    var aux: Int32 = -1
    var datesAsNumbers = false
    var defaultValue: SlotValue?

    init(slot: Int32) { self.slot = slot }
}
