import GovCheckEngine

/// Renders a diagnostic like a compiler: `path:line:col: error: message [code]`, the source line,
/// a caret under the column (aligned by display width, so Chinese text lines up), and the help.
/// Long lines are cut around the column, so a snippet never echoes a megabyte line. With
/// `--lang zh` the renderer's own words are Chinese, and so is each message that has a translation.
public enum DiagnosticRenderer {
    /// A severity as the renderer says it.
    public static func word(_ s: Diagnostic.Severity, _ language: Language) -> String {
        guard language == .zh else { return s.rawValue }
        switch s {
        case .error: return "错误"
        case .warning: return "警告"
        case .note: return "提示"
        }
    }

    public static func render(_ d: DiagnosticRecord, style: Style = .plain, language: Language = .en) -> String {
        let zh = language == .zh
        let colon = zh ? "：" : ": "
        let label: String
        switch d.severity {
        case .error: label = style.red(style.bold(word(.error, language)))
        case .warning: label = style.yellow(style.bold(word(.warning, language)))
        case .note: label = style.cyan(word(.note, language))
        }
        var out = "\(style.bold("\(d.file):\(d.line):\(d.column):")) \(label)\(colon)\(d.message(language)) [\(d.code)]\n"
        if let line = d.sourceLine {
            // A window around the column (a line may be megabytes long), with control characters
            // escaped; the caret is placed by the display width of what precedes it.
            let (before, from) = DisplayText.snippet(line, column: d.column)
            let pad = before.unicodeScalars.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.width($0)) }.joined()
            out += "    \(before)\(from)\n    \(pad)\(style.green("^"))\n"
        }
        for n in d.notes { out += "  \(zh ? "附注" : "note")\(colon)\(n)\n" }
        if let help = d.help(language) { out += "  \(style.cyan(zh ? "帮助" : "help"))\(colon)\(help)\n" }
        return out
    }

    public static func render(_ ds: [Diagnostic], style: Style = .plain, language: Language = .en) -> String {
        ds.map { render(DiagnosticRecord($0), style: style, language: language) }.joined()
    }
}
