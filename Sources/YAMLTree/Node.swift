import Foundation

/// A YAML node with its source span; aliases are already resolved, so consumers see a plain tree.
///
/// Equality compares structure and values only, never positions, so tests can compare trees.
public struct Node: Sendable, Equatable {
    /// The node's content.
    public enum Content: Sendable, Equatable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    public let content: Content
    public let span: SourceSpan

    public init(_ content: Content, span: SourceSpan) {
        self.content = content
        self.span = span
    }

    public static func == (a: Node, b: Node) -> Bool { a.content == b.content }

    /// The scalar payload, or nil for collections.
    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    /// The items of a sequence, or nil.
    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The pairs of a mapping, or nil.
    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value under a string key of a mapping (keys are unique: the reader rejects duplicates).
    public subscript(key: String) -> Node? {
        mapping?.first(where: { $0.key == key })?.value
    }

    /// A word for the node's shape, for messages ("a mapping", "a string").
    public var kindDescription: String {
        switch content {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .scalar(let s): return s.value.kindDescription
        }
    }
}

/// A mapping entry; keys are scalars, kept with their own span for "defined here" notes.
public struct Pair: Sendable, Equatable {
    public let key: String
    public let keySpan: SourceSpan
    public let value: Node

    public init(key: String, keySpan: SourceSpan, value: Node) {
        self.key = key
        self.keySpan = keySpan
        self.value = value
    }

    public static func == (a: Pair, b: Pair) -> Bool { a.key == b.key && a.value == b.value }
}

/// A scalar's source text, how it was written, and its value under the YAML 1.2 core schema.
public struct Scalar: Sendable, Equatable {
    /// How the scalar was written; only plain scalars are typed, quoted ones are strings.
    public enum Style: Sendable, Equatable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    public let text: String
    public let style: Style
    public let value: ScalarValue

    public init(text: String, style: Style, tag: String? = nil) {
        self.text = text
        self.style = style
        self.value = ScalarValue.resolve(text: text, style: style, tag: tag)
    }
}
