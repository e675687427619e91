import YAMLTree

/// The Chinese words the translated diagnostics share (YAML node kinds, fact types, "did you
/// mean"), so every `zh:` message names them alike. Only the common input diagnostics are
/// translated: those about descriptors (envelope, unknown fields, types, jurisdictions), missing
/// paths and files, and the usual YAML errors; pack-authoring and lint diagnostics stay English.
public enum DiagnosticChinese {
    /// A YAML node's shape: 映射, 列表, or its scalar's kind.
    public static func kind(_ n: Node) -> String {
        switch n.content {
        case .mapping: return "映射"
        case .sequence: return "列表"
        case .scalar(let s): return kind(s.value)
        }
    }

    public static func kind(_ v: ScalarValue) -> String {
        switch v {
        case .null: return "null"
        case .bool: return "布尔值"
        case .number: return "数字"
        case .unrepresentableNumber: return "无法精确表示的数字"
        case .string: return "字符串"
        }
    }

    /// A fact type as a reader says it (the English name is the pack's own word).
    public static func type(_ t: FactType) -> String {
        switch t {
        case .string: return "字符串"
        case .bool: return "布尔值"
        case .number: return "数字"
        case .date: return "日期"
        case .enumeration: return "枚举值"
        case .list(.string): return "字符串列表"
        case .list(.enumeration): return "枚举值列表"
        case .object: return "对象"
        }
    }

    /// "did you mean 'x'?"
    public static func didYouMean(_ suggestion: String) -> String { "是否想写 '\(suggestion)'？" }
}
