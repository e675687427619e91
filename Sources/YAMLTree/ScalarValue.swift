import Foundation

/// A scalar's typed value. Plain scalars are resolved by the YAML 1.2 core schema, so only
/// `true`/`false` are booleans and `NO` stays the string "NO"; quoted scalars are always strings.
public enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Integers and floats alike, held as `Decimal` so thresholds such as 1e25 compare exactly.
    case number(Decimal)
    case string(String)

    /// A word for the value's type, for messages.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        }
    }

    /// Resolves a scalar; an explicit standard tag (`!!str`, `!!int`, …) wins over the schema.
    static func resolve(text: String, style: Scalar.Style, tag: String?) -> ScalarValue {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            if let b = coreBool(text) { return .bool(b) }
        case "tag:yaml.org,2002:int", "tag:yaml.org,2002:float":
            if let n = coreNumber(text) { return .number(n) }
        default: break
        }
        guard style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let b = coreBool(text) { return .bool(b) }
        if let n = coreNumber(text) { return .number(n) }
        return .string(text)
    }

    static func coreBool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The core schema's int and float forms: decimal, `0o` octal, `0x` hex, exponent floats, .inf, .nan.
    static func coreNumber(_ text: String) -> Decimal? {
        let bytes = Array(text.utf8)
        guard let first = bytes.first else { return nil }
        if text.hasPrefix("0x"), bytes.count > 2, let v = UInt64(text.dropFirst(2), radix: 16) {
            return Decimal(v)
        }
        if text.hasPrefix("0o"), bytes.count > 2, let v = UInt64(text.dropFirst(2), radix: 8) {
            return Decimal(v)
        }
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return Decimal.greatestFiniteMagnitude
        case "-.inf", "-.Inf", "-.INF": return -Decimal.greatestFiniteMagnitude
        case ".nan", ".NaN", ".NAN": return Decimal.nan
        default: break
        }
        // [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { i += 1 }
        func digits() -> Int {
            let s = i
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            return i - s
        }
        let intDigits = digits()
        var fracDigits = 0
        var sawDot = false
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            sawDot = true
            i += 1
            fracDigits = digits()
        }
        guard intDigits > 0 || (sawDot && fracDigits > 0) else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == bytes.count else { return nil }
        var normalized = text
        if normalized.hasPrefix("+") { normalized.removeFirst() }
        if normalized.hasPrefix(".") { normalized = "0" + normalized }
        if normalized.hasPrefix("-.") { normalized = "-0" + normalized.dropFirst() }
        return Decimal(string: normalized, locale: Locale(identifier: "en_US_POSIX"))
    }
}
