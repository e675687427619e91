import Foundation
import YAMLTree

/// Three-valued truth: a fact the descriptor does not state is unknown, never false.
public enum Truth: String, Sendable, Codable {
    case `true`, `false`, unknown

    init(_ b: Bool) { self = b ? .true : .false }

    /// Kleene negation.
    public static prefix func ! (t: Truth) -> Truth {
        switch t {
        case .true: return .false
        case .false: return .true
        case .unknown: return .unknown
        }
    }
}

/// A compiled, type-checked condition over descriptor facts.
public indirect enum Condition: Sendable {
    case all([Condition], SourceSpan)
    case any([Condition], SourceSpan)
    case not(Condition, SourceSpan)
    /// A named condition, kept as a node so traces show its name.
    case use(String, Condition, SourceSpan)
    /// This pack's tier decision equals the tier id.
    case tier(String, SourceSpan)
    case predicate(Predicate)

    public var span: SourceSpan {
        switch self {
        case .all(_, let s), .any(_, let s), .not(_, let s), .use(_, _, let s), .tier(_, let s): return s
        case .predicate(let p): return p.span
        }
    }

    /// Every predicate below this node, in source order.
    public var predicates: [Predicate] {
        switch self {
        case .all(let cs, _), .any(let cs, _): return cs.flatMap(\.predicates)
        case .not(let c, _), .use(_, let c, _): return c.predicates
        case .tier: return []
        case .predicate(let p): return [p]
        }
    }

    /// The named conditions this node uses directly (not those nested inside them).
    public var namedConditions: [String] {
        switch self {
        case .all(let cs, _), .any(let cs, _): return cs.flatMap(\.namedConditions)
        case .not(let c, _): return c.namedConditions
        case .use(let name, _, _): return [name]
        case .tier, .predicate: return []
        }
    }

    /// Tier ids referred to below this node.
    public var tierReferences: [String] {
        switch self {
        case .all(let cs, _), .any(let cs, _): return cs.flatMap(\.tierReferences)
        case .not(let c, _), .use(_, let c, _): return c.tierReferences
        case .tier(let id, _): return [id]
        case .predicate: return []
        }
    }
}

/// A test of one fact with one operator; `id` is unique within its pack (for coverage).
public struct Predicate: Sendable {
    /// What a predicate tests; the compiler admits only operators that fit the fact's type.
    public enum Operator: Sendable {
        case equals(FactValue)
        case `in`([FactValue])
        case contains(String)
        case containsAny([String])
        case containsAll([String])
        case exists(Bool)
        case gt(FactValue), gte(FactValue), lt(FactValue), lte(FactValue)
        case matches(RegexBox)

        /// The operator's name as written in packs.
        public var name: String {
            switch self {
            case .equals: return "equals"
            case .in: return "in"
            case .contains: return "contains"
            case .containsAny: return "containsAny"
            case .containsAll: return "containsAll"
            case .exists: return "exists"
            case .gt: return "gt"
            case .gte: return "gte"
            case .lt: return "lt"
            case .lte: return "lte"
            case .matches: return "matches"
            }
        }

        /// The operand as written, for traces.
        public var operand: String {
            switch self {
            case .equals(let v), .gt(let v), .gte(let v), .lt(let v), .lte(let v): return v.description
            case .in(let vs): return "[" + vs.map(\.description).joined(separator: ", ") + "]"
            case .contains(let s): return s
            case .containsAny(let ss), .containsAll(let ss): return "[" + ss.joined(separator: ", ") + "]"
            case .exists(let b): return b ? "true" : "false"
            case .matches(let r): return r.pattern
            }
        }
    }

    public let id: Int
    public let path: String
    public let fact: FactDeclaration
    public let op: Operator
    public let span: SourceSpan
}

/// A compiled `matches` pattern of the linear-time subset (`LinearRegex`): it always gives an
/// answer, in time proportional to pattern size times input length, so a tier cannot flip because
/// a regex engine gave up on a long or crafted value.
public final class RegexBox: Sendable {
    public let pattern: String
    let regex: LinearRegex

    init(pattern: String) throws(LinearRegex.SyntaxError) {
        self.pattern = pattern
        self.regex = try LinearRegex(pattern)
    }

    func matches(_ s: String) -> Bool { regex.matches(s) }
}
