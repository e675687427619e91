import Foundation
import YAMLTree

/// A descriptor value after it was checked against its fact's type.
public enum FactValue: Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case bool(Bool)
    case number(Decimal)
    case date(Day)
    case list([String])
    /// A mapping is present; its children are facts of their own.
    case object

    public var description: String {
        switch self {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return FactValue.format(n)
        case .date(let d): return d.description
        case .list(let items): return "[" + items.joined(separator: ", ") + "]"
        case .object: return "{…}"
        }
    }

    /// Prints large and small numbers in exponent form (1e+25), others plainly.
    static func format(_ n: Decimal) -> String {
        let plain = "\(n)"
        if plain.count > 15, let d = Double(plain) {
            return String(format: "%g", d)
        }
        return plain
    }

    /// Types a YAML node as a value of `type`, or explains why it does not fit.
    static func from(_ node: Node, as type: FactType) -> Result<FactValue, TypeMismatch> {
        func mismatch(_ detail: String? = nil) -> Result<FactValue, TypeMismatch> {
            .failure(TypeMismatch(expected: type, found: node.kindDescription, detail: detail))
        }
        switch type {
        case .object:
            return node.mapping != nil ? .success(.object) : mismatch()
        case .list(let item):
            guard let items = node.sequence else { return mismatch() }
            var out: [String] = []
            for i in items {
                guard let s = i.scalar, case .string(let v) = s.value else {
                    return .failure(TypeMismatch(expected: type, found: "an item that is \(i.kindDescription)", detail: nil, span: i.span))
                }
                if case .enumeration(let allowed) = item, !allowed.contains(v) {
                    return .failure(TypeMismatch(expected: type, found: "'\(v)'",
                                                 detail: "allowed values: \(allowed.joined(separator: ", "))", span: i.span,
                                                 suggestion: Suggest.closest(to: v, in: allowed)))
                }
                out.append(v)
            }
            return .success(.list(out))
        default:
            guard let s = node.scalar else { return mismatch() }
            switch (type, s.value) {
            case (.string, .string(let v)): return .success(.string(v))
            case (.bool, .bool(let b)): return .success(.bool(b))
            case (.number, .number(let n)): return .success(.number(n))
            case (.date, .string(let v)):
                guard let d = Day(v) else { return mismatch("expected a date as YYYY-MM-DD") }
                return .success(.date(d))
            case (.enumeration(let allowed), .string(let v)):
                guard allowed.contains(v) else {
                    return .failure(TypeMismatch(expected: type, found: "'\(v)'",
                                                 detail: "allowed values: \(allowed.joined(separator: ", "))",
                                                 suggestion: Suggest.closest(to: v, in: allowed)))
                }
                return .success(.string(v))
            default: return mismatch()
            }
        }
    }
}

/// Why a value does not fit its declared type.
struct TypeMismatch: Error {
    let expected: FactType
    let found: String
    let detail: String?
    var span: SourceSpan? = nil
    var suggestion: String? = nil

    var message: String {
        if case .enumeration = expected { return "\(found) is not an allowed value" }
        if case .list(.enumeration) = expected, found.hasPrefix("'") { return "\(found) is not an allowed value" }
        return "expected \(expected.name), found \(found)"
    }

    var help: String? {
        var parts: [String] = []
        if let suggestion { parts.append("did you mean '\(suggestion)'?") }
        if let detail { parts.append(detail) }
        if case .string = expected, found.contains("number") || found.contains("boolean") {
            parts.append("quote the value to make it a string")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
