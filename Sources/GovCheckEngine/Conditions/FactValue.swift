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

    /// Names why a number-looking value has no exact value: it is never rounded or clamped.
    static func numberProblem(_ text: String, _ problem: ScalarValue.NumberProblem) -> String {
        let t = DisplayText.quoted(text)
        switch problem {
        case .notFinite: return "\(t) is not a finite number"
        case .outOfRange: return "\(t) is out of range: govcheck compares numbers exactly, between 1e-128 and 1e165 in magnitude"
        case .tooPrecise:
            let mantissa = text.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber)
            let digits = mantissa.drop { $0 == "0" }.reversed().drop { $0 == "0" }.count
            return "\(t) has \(digits) digits; govcheck compares at most \(ScalarValue.maxSignificantDigits) significant digits exactly"
        }
    }

    static func numberAdvice(_ problem: ScalarValue.NumberProblem) -> String {
        switch problem {
        case .notFinite: return "state a finite number, or leave the fact out if it is not known"
        case .outOfRange: return "state the value in range, e.g. with an exponent such as 3.8e25"
        case .tooPrecise: return "round it to at most \(ScalarValue.maxSignificantDigits) significant digits, e.g. 1.5e30"
        }
    }

    /// Types a YAML node as a value of `type`, or explains why it does not fit.
    static func from(_ node: Node, as type: FactType) -> Result<FactValue, TypeMismatch> {
        func mismatch(_ detail: String? = nil, zh detailZh: String? = nil) -> Result<FactValue, TypeMismatch> {
            .failure(TypeMismatch(expected: type, found: node.kindDescription, detail: detail,
                                  zh: TypeMismatch.Chinese(found: DiagnosticChinese.kind(node), detail: detailZh)))
        }
        switch type {
        case .object:
            return node.mapping != nil ? .success(.object) : mismatch()
        case .list(let item):
            guard let items = node.sequence else { return mismatch() }
            var out: [String] = []
            for i in items {
                guard let s = i.scalar, case .string(let v) = s.value else {
                    return .failure(TypeMismatch(expected: type, found: "an item that is \(i.kindDescription)", detail: nil, span: i.span,
                                                 zh: TypeMismatch.Chinese(found: "列表项为\(DiagnosticChinese.kind(i))")))
                }
                if case .enumeration(let allowed) = item, !allowed.contains(v) {
                    return .failure(TypeMismatch(expected: type, found: DisplayText.quoted(v),
                                                 detail: "allowed values: \(allowed.joined(separator: ", "))", span: i.span,
                                                 suggestion: Suggest.closest(to: v, in: allowed),
                                                 zh: TypeMismatch.Chinese(found: DisplayText.quoted(v), detail: "允许的取值：\(allowed.joined(separator: ", "))")))
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
            case (.number, .unrepresentableNumber(let text, let problem)):
                return .failure(TypeMismatch(expected: type, found: node.kindDescription, detail: nil,
                                             reason: FactValue.numberProblem(text, problem),
                                             advice: FactValue.numberAdvice(problem)))
            case (.date, .string(let v)):
                guard let d = Day(v) else {
                    if let why = Day.problem(v) {
                        return .failure(TypeMismatch(expected: type, found: node.kindDescription, detail: nil,
                                                     reason: "\(DisplayText.quoted(v)) is not a valid date: \(why)",
                                                     advice: "write a date that exists, as YYYY-MM-DD"))
                    }
                    return mismatch("write the date as YYYY-MM-DD, e.g. 2026-05-10", zh: "日期写作 YYYY-MM-DD，例如 2026-05-10")
                }
                return .success(.date(d))
            case (.enumeration(let allowed), .string(let v)):
                guard allowed.contains(v) else {
                    return .failure(TypeMismatch(expected: type, found: DisplayText.quoted(v),
                                                 detail: "allowed values: \(allowed.joined(separator: ", "))",
                                                 suggestion: Suggest.closest(to: v, in: allowed),
                                                 zh: TypeMismatch.Chinese(found: DisplayText.quoted(v), detail: "允许的取值：\(allowed.joined(separator: ", "))")))
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
    /// Replaces the "expected X, found Y" message when the problem is more specific.
    var reason: String? = nil
    /// Replaces the generic help.
    var advice: String? = nil
    /// What was found and the detail, in Chinese; nil where the problem is told only in English
    /// (numbers that no decimal holds, dates that do not exist).
    var zh: Chinese? = nil

    struct Chinese {
        let found: String
        var detail: String? = nil
    }

    init(expected: FactType, found: String, detail: String?, span: SourceSpan? = nil, suggestion: String? = nil,
         reason: String? = nil, advice: String? = nil, zh: Chinese? = nil) {
        self.expected = expected
        self.found = found
        self.detail = detail
        self.span = span
        self.suggestion = suggestion
        self.reason = reason
        self.advice = advice
        self.zh = zh
    }

    /// The message in Chinese, when the mismatch has a Chinese form.
    var zhMessage: String? {
        guard let zh, reason == nil else { return nil }
        // A quoted value is set off by a space; a kind word ("数字") is not.
        let notAllowed = (zh.found.hasPrefix("'") ? "\(zh.found) " : zh.found) + "不是允许的取值"
        if case .enumeration = expected { return notAllowed }
        if case .list(.enumeration) = expected, found.hasPrefix("'") { return notAllowed }
        return "应为\(DiagnosticChinese.type(expected))，实际为\(zh.found)"
    }

    /// The help in Chinese, alongside `zhMessage`.
    var zhHelp: String? {
        guard let zh, advice == nil else { return nil }
        var parts: [String] = []
        if let d = zh.detail { parts.append(d) }
        if case .string = expected, found.contains("number") || found.contains("boolean") {
            parts.append("给值加上引号，使其成为字符串")
        }
        // "是否想写 'x'？" ends with its own mark, so nothing is put between it and what follows.
        let text = (suggestion.map(DiagnosticChinese.didYouMean) ?? "") + parts.joined(separator: "；")
        return text.isEmpty ? nil : text
    }

    var message: String {
        if let reason { return reason }
        if case .enumeration = expected { return "\(found) is not an allowed value" }
        if case .list(.enumeration) = expected, found.hasPrefix("'") { return "\(found) is not an allowed value" }
        return "expected \(expected.name), found \(found)"
    }

    var help: String? {
        if let advice { return advice }
        var parts: [String] = []
        if let suggestion { parts.append("did you mean '\(suggestion)'?") }
        if let detail { parts.append(detail) }
        if case .string = expected, found.contains("number") || found.contains("boolean") {
            parts.append("quote the value to make it a string")
        }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }
}
