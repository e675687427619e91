import Foundation

/// A scalar's typed value. Plain scalars are resolved by the YAML 1.2 core schema, so only
/// `true`/`false` are booleans and `NO` stays the string "NO"; quoted scalars are always strings.
public enum ScalarValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// Integers and floats alike, held as `Decimal` so thresholds such as 1e25 compare exactly.
    case number(Decimal)
    /// A plain scalar in a core-schema number form that no exact `Decimal` holds: `.inf`, `.nan`,
    /// a magnitude out of range, or more significant digits than are kept. Kept with its text so
    /// that it is reported, never rounded or clamped into a different number.
    case unrepresentableNumber(String, NumberProblem)
    case string(String)

    /// Why a number-looking scalar has no exact value.
    public enum NumberProblem: String, Sendable, Hashable {
        /// `.inf`, `-.inf`, `.nan` and their spellings.
        case notFinite = "not finite"
        /// An exponent too large or too small for an exact decimal (e.g. `1e999`).
        case outOfRange = "out of range"
        /// More significant digits than an exact decimal keeps (`Decimal` keeps 38).
        case tooPrecise = "too precise"
    }

    private static let posix = Locale(identifier: "en_US_POSIX")

    /// The most significant digits a number may have and still be held exactly.
    public static let maxSignificantDigits = 38

    /// A word for the value's type, for messages.
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .unrepresentableNumber(_, let p): return "a number that is \(p.rawValue)"
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
            if let n = coreNumber(text) { return n }
        default: break
        }
        guard style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        default: break
        }
        if let b = coreBool(text) { return .bool(b) }
        if let n = coreNumber(text) { return n }
        return .string(text)
    }

    static func coreBool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The core schema's int and float forms: decimal, `0o` octal, `0x` hex, exponent floats, .inf,
    /// .nan. Nil when the text is not in a number form; `.unrepresentableNumber` when it is, but no
    /// exact decimal holds it.
    static func coreNumber(_ text: String) -> ScalarValue? {
        // Most scalars are words: reject them on the first byte, before any work.
        guard let first = text.utf8.first,
              (first >= 48 && first <= 57) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
        else { return nil }
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") || bytes[1] == UInt8(ascii: "o") {
            let radix = bytes[1] == UInt8(ascii: "x") ? 16 : 8
            let digits = text.dropFirst(2)
            guard digits.allSatisfy({ $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true }) else { return nil }
            guard let v = UInt64(digits, radix: radix) else { return .unrepresentableNumber(text, .outOfRange) }
            return .number(Decimal(v))
        }
        if bytes.contains(UInt8(ascii: "i")) || bytes.contains(UInt8(ascii: "I")) || bytes.contains(UInt8(ascii: "n")) || bytes.contains(UInt8(ascii: "N")) {
            switch text {
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN":
                return .unrepresentableNumber(text, .notFinite)
            default: return nil
            }
        }
        // [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
        var i = 0
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { i += 1 }
        func digits() -> Int {
            let s = i
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            return i - s
        }
        let mantissaStart = i
        let intDigits = digits()
        var fracDigits = 0
        var sawDot = false
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            sawDot = true
            i += 1
            fracDigits = digits()
        }
        guard intDigits > 0 || (sawDot && fracDigits > 0) else { return nil }
        let mantissaEnd = i
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i == bytes.count else { return nil }
        // Significant digits: those of the mantissa without leading and trailing zeros. Beyond
        // what Decimal keeps, the value would silently become a different number.
        var firstSignificant = -1, lastSignificant = -1, count = 0
        for k in mantissaStart..<mantissaEnd where bytes[k] != UInt8(ascii: ".") {
            if bytes[k] != 48 {
                if firstSignificant < 0 { firstSignificant = count }
                lastSignificant = count
            }
            count += 1
        }
        let significant = firstSignificant < 0 ? 0 : lastSignificant - firstSignificant + 1
        if significant > maxSignificantDigits { return .unrepresentableNumber(text, .tooPrecise) }
        var normalized = text
        if normalized.hasPrefix("+") { normalized.removeFirst() }
        if normalized.hasPrefix(".") { normalized = "0" + normalized }
        if normalized.hasPrefix("-.") { normalized = "-0" + normalized.dropFirst() }
        guard let d = Decimal(string: normalized, locale: posix), !d.isNaN else {
            return .unrepresentableNumber(text, .outOfRange)
        }
        // A value that underflowed to zero from a non-zero mantissa is out of range too.
        if d.isZero, significant > 0 { return .unrepresentableNumber(text, .outOfRange) }
        return .number(d)
    }
}
