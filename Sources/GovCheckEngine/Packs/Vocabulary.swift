import Foundation
import YAMLTree

/// The type of a fact; it decides which descriptor values are accepted and which operators apply.
public enum FactType: Sendable, Hashable {
    case string, bool, number, date
    case enumeration([String])
    case list(ListItem)
    case object

    /// What a list holds.
    public enum ListItem: Sendable, Hashable {
        case string
        case enumeration([String])
    }

    /// The name used in pack files and messages.
    public var name: String {
        switch self {
        case .string: return "string"
        case .bool: return "bool"
        case .number: return "number"
        case .date: return "date"
        case .enumeration: return "enum"
        case .list(.string): return "list of strings"
        case .list(.enumeration): return "list of enum values"
        case .object: return "object"
        }
    }

    /// The allowed values of an enum or a list of enum values.
    public var allowedValues: [String]? {
        switch self {
        case .enumeration(let v), .list(.enumeration(let v)): return v
        default: return nil
        }
    }
}

/// A descriptor field that rules may read: the single source for descriptor validation, condition
/// type-checking, schema export and docs.
public struct FactDeclaration: Sendable, Hashable {
    public let path: String
    public let type: FactType
    public let description: LocalizedText
    /// Used when the descriptor does not state the fact, only where the law supplies a default;
    /// results that relied on it list it as an assumption.
    public let defaultValue: FactValue?
    /// Describes the system for readers and reports; no rule is expected to read it.
    public let informational: Bool
    /// Set on a fact that only records a classification the operator declares (a tag such as an
    /// Annex III point), naming the facts that define the same category by what the system does,
    /// so lint can flag a tier rule that reads the tag without them.
    public let selfClassification: SelfClassification?
    public let span: SourceSpan

    public init(path: String, type: FactType, description: LocalizedText, defaultValue: FactValue?, informational: Bool,
                selfClassification: SelfClassification? = nil, span: SourceSpan) {
        self.path = path
        self.type = type
        self.description = description
        self.defaultValue = defaultValue
        self.informational = informational
        self.selfClassification = selfClassification
        self.span = span
    }

    public static func == (a: FactDeclaration, b: FactDeclaration) -> Bool {
        a.path == b.path && a.type == b.type && a.defaultValue == b.defaultValue
    }

    public func hash(into h: inout Hasher) { h.combine(path) }
}

/// The facts behind a self-declared classification: for every value (`underlying`), or per value of
/// an enum or list-of-enum tag (`byValue`, e.g. Annex III point "1c" → emotion recognition).
public struct SelfClassification: Sendable, Hashable {
    public let underlying: [String]
    public let byValue: [String: [String]]
    /// Where each named fact is written, for load errors.
    public let spans: [String: SourceSpan]

    public static func == (a: SelfClassification, b: SelfClassification) -> Bool {
        a.underlying == b.underlying && a.byValue == b.byValue
    }
    public func hash(into h: inout Hasher) { h.combine(underlying); h.combine(byValue.count) }

    /// The defining facts for a tested value (nil: the predicate does not name one).
    public func facts(for value: String?) -> [String] {
        underlying + (value.flatMap { byValue[$0] } ?? [])
    }

    /// Every fact named, for checks that each is declared.
    public var allFacts: [String] { underlying + byValue.keys.sorted().flatMap { byValue[$0]! } }
}

/// A set of fact declarations by path, with the implied object prefixes of every path.
public struct Vocabulary: Sendable {
    public private(set) var facts: [String: FactDeclaration] = [:]
    /// Every proper prefix of a declared path (`eu.market` for `eu.market.placed_on_eu_market`).
    public private(set) var prefixes: Set<String> = []
    /// Sorted names and the suggestion index, built on first use and shared by every copy of
    /// this vocabulary (every descriptor read against it); replaced whenever a fact is added.
    private var derived = Derived()

    public init() {}

    /// Lookups computed once per vocabulary rather than once per descriptor field.
    final class Derived: @unchecked Sendable {
        private let lock = NSLock()
        private var sorted: [String]?
        private var index: SuggestionIndex?

        func sortedPaths(_ facts: [String: FactDeclaration]) -> [String] {
            lock.lock()
            defer { lock.unlock() }
            if let sorted { return sorted }
            let s = facts.keys.sorted()
            sorted = s
            return s
        }

        func suggestions(_ facts: [String: FactDeclaration], _ prefixes: Set<String>) -> SuggestionIndex {
            lock.lock()
            defer { lock.unlock() }
            if let index { return index }
            let i = SuggestionIndex(Array(facts.keys) + Array(prefixes))
            index = i
            return i
        }
    }

    /// "Did you mean" over every declared path and group of paths.
    public var pathSuggestions: SuggestionIndex { derived.suggestions(facts, prefixes) }

    /// Adds a declaration; returns the earlier one when the path is already declared differently.
    @discardableResult
    mutating func add(_ fact: FactDeclaration) -> FactDeclaration? {
        if let existing = facts[fact.path] {
            return existing.span == fact.span ? nil : existing
        }
        facts[fact.path] = fact
        derived = Derived()
        var parts = fact.path.split(separator: ".").map(String.init)
        while parts.count > 1 {
            parts.removeLast()
            prefixes.insert(parts.joined(separator: "."))
        }
        return nil
    }

    mutating func merge(_ other: Vocabulary) -> [(FactDeclaration, FactDeclaration)] {
        var clashes: [(FactDeclaration, FactDeclaration)] = []
        for path in other.facts.keys.sorted() {
            let f = other.facts[path]!
            if let earlier = add(f) { clashes.append((f, earlier)) }
        }
        return clashes
    }

    public subscript(path: String) -> FactDeclaration? { facts[path] }

    /// True for a declared path or one of its prefixes.
    public func knows(_ path: String) -> Bool { facts[path] != nil || prefixes.contains(path) }

    /// Declared paths in a stable order.
    public var sortedPaths: [String] { derived.sortedPaths(facts) }
}
