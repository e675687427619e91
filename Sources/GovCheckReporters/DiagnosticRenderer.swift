import GovCheckEngine

/// Renders a diagnostic like a compiler: `path:line:col: error: message [code]`, the source line,
/// a caret under the column (aligned by display width, so Chinese text lines up), and the help.
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
            let prefix = String(line.unicodeScalars.prefix(max(0, d.column - 1)).map(Character.init))
            let pad = prefix.unicodeScalars.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.width($0)) }.joined()
            out += "    \(line)\n    \(pad)\(style.green("^"))\n"
        }
        for n in d.notes { out += "  note: \(n)\n" }
        if let help = d.help { out += "  \(style.cyan("help")): \(help)\n" }
        return out
    }

    public static func render(_ ds: [Diagnostic], style: Style = .plain) -> String {
        ds.map { render(DiagnosticRecord($0), style: style) }.joined()
    }
}
