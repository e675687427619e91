import Foundation
import YAMLTree

/// Turns condition YAML into a type-checked `Condition`, resolving named conditions and giving
/// each predicate a pack-wide id (stable across baselines, for coverage).
final class ConditionCompiler {
    let vocabulary: Vocabulary
    let named: [String: Node]
    let tierIDs: [String]
    let sink: DiagnosticSink
    private var compiledNamed: [String: (condition: Condition, size: Int)] = [:]
    private var inProgress: Set<String> = []
    /// Named conditions that failed to compile: reported once, not recompiled at every use.
    private var failedNamed: Set<String> = []
    /// How deep the condition being compiled is nested, named conditions included.
    private var depth = 0

    /// Deepest nesting of a condition, counting the conditions that `use` brings in.
    static let maxDepth = 64
    /// Most nodes a condition may expand to once every `use` is replaced by its body: a chain of
    /// named conditions that each use the previous one twice would otherwise double at each step.
    static let maxExpandedSize = 100_000
    private var predicateIDs: [SourceSpan: Int] = [:]
    /// The first id this compiler gives; an extending pack continues after its base's ids.
    let firstID: Int

    init(vocabulary: Vocabulary, named: [String: Node], tierIDs: [String], sink: DiagnosticSink, firstID: Int = 0) {
        self.vocabulary = vocabulary
        self.named = named
        self.tierIDs = tierIDs
        self.sink = sink
        self.firstID = firstID
    }

    private var synthesizedIDs: [String: Int] = [:]

    /// One past the highest predicate id given so far.
    var predicateCount: Int { firstID + predicateIDs.count + synthesizedIDs.count }

    /// A predicate the pack implies rather than writes (an obligation's `binds` test), with an id
    /// of its own so it is judged once per descriptor like any other.
    func synthesized(path: String, fact: FactDeclaration, op: Predicate.Operator, span: SourceSpan, key: String) -> Predicate {
        let k = "\(span.file.path):\(span.start):\(key)"
        let id: Int
        if let existing = synthesizedIDs[k] { id = existing } else { id = predicateCount; synthesizedIDs[k] = id }
        return Predicate(id: id, path: path, fact: fact, op: op, span: span)
    }

    static let combinators = ["all", "any", "not", "use", "tier", "fact"]
    static let operators = ["equals", "in", "contains", "containsAny", "containsAll", "exists", "gt", "gte", "lt", "lte", "matches"]

    func compile(_ node: Node, allowTiers: Bool) -> Condition? {
        compileSized(node, allowTiers: allowTiers)?.condition
    }

    /// Compiles a condition and counts its nodes as evaluation sees them (each `use` expanded).
    private func compileSized(_ node: Node, allowTiers: Bool) -> (condition: Condition, size: Int)? {
        depth += 1
        defer { depth -= 1 }
        if depth > ConditionCompiler.maxDepth {
            sink.error("condition.too-deep", "the condition is nested more than \(ConditionCompiler.maxDepth) levels deep (counting the named conditions it uses)",
                       at: node.span, help: "flatten it: 'all' and 'any' take lists, and named conditions need not use one another in long chains")
            return nil
        }
        guard let result = compileNode(node, allowTiers: allowTiers) else { return nil }
        if result.size > ConditionCompiler.maxExpandedSize {
            sink.error("condition.too-large", "the condition expands to more than \(ConditionCompiler.maxExpandedSize) nodes once its named conditions are written out",
                       at: node.span, help: "named conditions that use others several times multiply; restructure them")
            return nil
        }
        return result
    }

    private func compileNode(_ node: Node, allowTiers: Bool) -> (condition: Condition, size: Int)? {
        guard let pairs = node.mapping else {
            sink.error("condition.shape", "a condition must be a mapping, found \(node.kindDescription)", at: node.span,
                       help: "write e.g. '{fact: path.to.fact, equals: true}' or 'all: [...]'")
            return nil
        }
        let keys = pairs.map(\.key)
        if keys.contains("fact") { return predicate(node, pairs).map { ($0, 1) } }
        guard pairs.count == 1, let pair = pairs.first else {
            sink.error("condition.shape",
                       pairs.isEmpty ? "empty condition" : "a condition has one of all/any/not/use/tier, or 'fact' with one operator; found \(keys.map { "'\($0)'" }.joined(separator: ", "))",
                       at: node.span)
            return nil
        }
        switch pair.key {
        case "all", "any":
            guard let items = pair.value.sequence else {
                sink.error("condition.shape", "'\(pair.key)' takes a list of conditions, found \(pair.value.kindDescription)", at: pair.value.span)
                return nil
            }
            if items.isEmpty {
                sink.error("condition.empty", "'\(pair.key)' with an empty list", at: pair.value.span,
                           help: pair.key == "all" ? "an empty 'all' always holds; remove the condition instead" : "an empty 'any' never holds")
            }
            let cs = items.compactMap { compileSized($0, allowTiers: allowTiers) }
            guard cs.count == items.count else { return nil }
            let size = cs.reduce(1) { min($0 + $1.size, ConditionCompiler.maxExpandedSize + 1) }
            return (pair.key == "all" ? .all(cs.map(\.condition), node.span) : .any(cs.map(\.condition), node.span), size)
        case "not":
            guard let c = compileSized(pair.value, allowTiers: allowTiers) else { return nil }
            return (.not(c.condition, node.span), c.size + 1)
        case "use":
            guard let name = NodeReader.string(pair.value, "'use'", sink) else { return nil }
            guard let body = named[name] else {
                sink.error("condition.unknown-name", "no named condition '\(name)'", at: pair.value.span,
                           help: Suggest.help(name, named.keys.sorted()) ?? "declare it under 'conditions:'")
                return nil
            }
            if let done = compiledNamed[name] {
                if !allowTiers, !done.condition.tierReferences.isEmpty {
                    sink.error("condition.tier-in-tier", "named condition '\(name)' refers to a tier and cannot be used in a tier rule",
                               at: pair.value.span)
                }
                return (.use(name, done.condition, node.span), done.size + 1)
            }
            if failedNamed.contains(name) { return nil }
            guard !inProgress.contains(name) else {
                sink.error("condition.cycle", "named condition '\(name)' uses itself", at: pair.value.span)
                return nil
            }
            inProgress.insert(name)
            defer { inProgress.remove(name) }
            guard let c = compileSized(body, allowTiers: true) else {
                failedNamed.insert(name)
                return nil
            }
            compiledNamed[name] = c
            if !allowTiers, !c.condition.tierReferences.isEmpty {
                sink.error("condition.tier-in-tier", "named condition '\(name)' refers to a tier and cannot be used in a tier rule",
                           at: pair.value.span)
            }
            return (.use(name, c.condition, node.span), c.size + 1)
        case "tier":
            guard let id = NodeReader.string(pair.value, "'tier'", sink) else { return nil }
            guard allowTiers else {
                sink.error("condition.tier-in-tier", "a tier rule cannot depend on a tier decision", at: node.span,
                           help: "move the shared logic into a named condition over facts")
                return nil
            }
            guard tierIDs.contains(id) else {
                sink.error("condition.unknown-tier", "no tier '\(id)' in this pack", at: pair.value.span,
                           help: Suggest.help(id, tierIDs) ?? "tiers: \(tierIDs.joined(separator: ", "))")
                return nil
            }
            return (.tier(id, node.span), 1)
        default:
            sink.error("condition.unknown-key", "unknown condition '\(pair.key)'", at: pair.keySpan,
                       help: Suggest.help(pair.key, ConditionCompiler.combinators + ConditionCompiler.operators)
                           ?? "use all, any, not, use, tier, or fact with an operator")
            return nil
        }
    }

    private func predicate(_ node: Node, _ pairs: [Pair]) -> Condition? {
        guard let pathNode = node["fact"], let path = NodeReader.string(pathNode, "'fact'", sink) else { return nil }
        let opPairs = pairs.filter { $0.key != "fact" }
        for p in opPairs where !ConditionCompiler.operators.contains(p.key) {
            sink.error("condition.unknown-operator", "unknown operator '\(p.key)'", at: p.keySpan,
                       help: Suggest.help(p.key, ConditionCompiler.operators) ?? "operators: \(ConditionCompiler.operators.joined(separator: ", "))")
            return nil
        }
        guard opPairs.count == 1, let opPair = opPairs.first else {
            sink.error("condition.operator-count",
                       opPairs.isEmpty ? "predicate on '\(path)' has no operator" : "predicate on '\(path)' has \(opPairs.count) operators; use 'all' to combine them",
                       at: node.span)
            return nil
        }
        // A group of facts (a prefix of declared paths) is an implied object: only `exists` applies.
        let implied = vocabulary.prefixes.contains(path)
            ? FactDeclaration(path: path, type: .object, description: LocalizedText(en: "group of facts"), defaultValue: nil,
                              informational: true, span: pathNode.span)
            : nil
        guard let decl = vocabulary[path] ?? implied else {
            let hint = Suggest.help(path, vocabulary.sortedPaths) ?? "declare it in the pack's vocabulary"
            sink.error("condition.unknown-fact", "unknown fact '\(path)'", at: pathNode.span, help: hint)
            return nil
        }
        guard let op = compileOperator(opPair, decl) else { return nil }
        let id: Int
        if let existing = predicateIDs[node.span] { id = existing } else { id = predicateCount; predicateIDs[node.span] = id }
        return .predicate(Predicate(id: id, path: path, fact: decl, op: op, span: node.span))
    }

    private func compileOperator(_ pair: Pair, _ decl: FactDeclaration) -> Predicate.Operator? {
        let name = pair.key
        let v = pair.value
        func unfit() -> Predicate.Operator? {
            sink.error("condition.type-mismatch", "operator '\(name)' does not apply to '\(decl.path)', a \(decl.type.name)",
                       at: pair.keySpan, help: "operators for \(decl.type.name): \(ConditionCompiler.operatorsFor(decl.type).joined(separator: ", "))")
            return nil
        }
        guard ConditionCompiler.operatorsFor(decl.type).contains(name) else { return unfit() }
        switch name {
        case "exists":
            guard case .bool(let b)? = v.scalar?.value else {
                sink.error("condition.operand", "'exists' takes true or false", at: v.span)
                return nil
            }
            return .exists(b)
        case "equals":
            return scalarOperand(v, decl).map { .equals($0) }
        case "in":
            guard let items = v.sequence else {
                sink.error("condition.operand", "'in' takes a list, found \(v.kindDescription)", at: v.span)
                return nil
            }
            if items.isEmpty { sink.error("condition.empty", "'in' with an empty list never holds", at: v.span) }
            let vals = items.compactMap { scalarOperand($0, decl) }
            return vals.count == items.count ? .in(vals) : nil
        case "gt", "gte", "lt", "lte":
            guard let o = scalarOperand(v, decl) else { return nil }
            switch name {
            case "gt": return .gt(o)
            case "gte": return .gte(o)
            case "lt": return .lt(o)
            default: return .lte(o)
            }
        case "matches":
            guard let p = NodeReader.string(v, "'matches'", sink) else { return nil }
            do { return .matches(try RegexBox(pattern: p)) } catch {
                sink.error("condition.regex", "unsupported pattern \(DisplayText.quoted(p)): \(error.message) (at character \(error.offset + 1) of the pattern)",
                           at: ConditionCompiler.span(of: error.offset, in: v),
                           help: "'matches' takes the linear-time subset: literals, ., [...], \\d \\w \\s, ^, $, * + ? {m,n}, |, (...); see docs/rule-packs.md, 'Patterns'")
                return nil
            }
        case "contains":
            return listItem(v, decl).map { .contains($0) }
        case "containsAny", "containsAll":
            guard let items = v.sequence else {
                sink.error("condition.operand", "'\(name)' takes a list, found \(v.kindDescription)", at: v.span)
                return nil
            }
            if items.isEmpty { sink.error("condition.empty", "'\(name)' with an empty list", at: v.span) }
            let vals = items.compactMap { listItem($0, decl) }
            guard vals.count == items.count else { return nil }
            return name == "containsAny" ? .containsAny(vals) : .containsAll(vals)
        default:
            return unfit()
        }
    }

    private func scalarOperand(_ v: Node, _ decl: FactDeclaration) -> FactValue? {
        switch FactValue.from(v, as: decl.type) {
        case .success(let fv): return fv
        case .failure(let m):
            sink.error("condition.operand-type", "operand for '\(decl.path)': \(m.message)", at: v.span, help: m.help)
            return nil
        }
    }

    private func listItem(_ v: Node, _ decl: FactDeclaration) -> String? {
        guard case .list(let item) = decl.type, let s = NodeReader.string(v, "operand", sink) else { return nil }
        if case .enumeration(let allowed) = item, !allowed.contains(s) {
            sink.error("condition.operand-type", "'\(s)' is not an allowed value of '\(decl.path)'", at: v.span,
                       help: Suggest.help(s, allowed) ?? "allowed values: \(allowed.joined(separator: ", "))")
            return nil
        }
        return s
    }

    /// The place of the `offset`-th character of a pattern scalar, when the source spells the
    /// pattern as is (plain, or quoted without escapes on one line); else the scalar's start.
    static func span(of offset: Int, in node: Node) -> SourceSpan {
        guard let s = node.scalar, let line = node.span.file.line(node.span.start.line) else { return node.span }
        let quote = s.style == .singleQuoted || s.style == .doubleQuoted ? 1 : 0
        guard s.style == .plain || quote == 1 else { return node.span }
        let source = line.unicodeScalars.dropFirst(node.span.start.column - 1 + quote)
        guard source.starts(with: s.text.unicodeScalars) else { return node.span }
        let mark = Mark(line: node.span.start.line, column: node.span.start.column + quote + offset)
        return SourceSpan(file: node.span.file, start: mark, end: mark)
    }

    static func operatorsFor(_ type: FactType) -> [String] {
        switch type {
        case .string: return ["equals", "in", "matches", "exists"]
        case .bool: return ["equals", "exists"]
        case .number: return ["equals", "in", "gt", "gte", "lt", "lte", "exists"]
        case .date: return ["equals", "gt", "gte", "lt", "lte", "exists"]
        case .enumeration: return ["equals", "in", "exists"]
        case .list: return ["contains", "containsAny", "containsAll", "exists"]
        case .object: return ["exists"]
        }
    }
}
