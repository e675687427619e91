import GovCheckEngine

/// Renders a diagnostic like a compiler: `path:line:col: error: message [code]`, the source line,
/// a caret under the column (aligned by display width, so Chinese text lines up), and the help.
/// Long lines are cut around the column, so a snippet never echoes a megabyte line.
public enum DiagnosticRenderer {
    public static func render(_ d: DiagnosticRecord, style: Style = .plain) -> String {
        let label: String
        switch d.severity {
        case .error: label = style.red(style.bold("error"))
        case .warning: label = style.yellow(style.bold("warning"))
        case .note: label = style.cyan("note")
        }
        var out = "\(style.bold("\(d.file):\(d.line):\(d.column):")) \(label): \(d.message) [\(d.code)]\n"
        if let line = d.sourceLine {
            // A window around the column (a line may be megabytes long), with control characters
            // escaped; the caret is placed by the display width of what precedes it.
            let (before, from) = DisplayText.snippet(line, column: d.column)
            let pad = before.unicodeScalars.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.width($0)) }.joined()
            out += "    \(before)\(from)\n    \(pad)\(style.green("^"))\n"
        }
        for n in d.notes { out += "  note: \(n)\n" }
        if let help = d.help { out += "  \(style.cyan("help")): \(help)\n" }
        return out
    }

    public static func render(_ ds: [Diagnostic], style: Style = .plain) -> String {
        ds.map { render(DiagnosticRecord($0), style: style) }.joined()
    }
}
