import GovCheckEngine

/// Renders an evaluation trace as an indented tree: each leaf with the descriptor's value and place.
public enum ExplanationRenderer {
    public static func text(_ x: Explanation, style: Style = .plain) -> String {
        var out = style.bold(x.descriptor) + " — " + x.pack + style.dim(", as of \(x.asOf)" + (x.baseline.map { ", text \($0)" } ?? "")) + "\n"
        if let note = x.notInForce { out += style.yellow("note: " + note) + "\n" }
        out += "tier: " + style.bold(x.tier) + (x.timeline.isEmpty ? "" : style.dim("; then " + x.timeline.joined(separator: "; "))) + "\n"
        for t in x.traces {
            out += "\n" + style.bold("\(t.kind) \(t.id)") + "  " + style.cyan(t.citation) + "\n  => " + t.outcome + "\n"
            for s in t.sections {
                out += "  \(s.name):\n"
                out += node(s.trace, depth: 2, style: style)
            }
        }
        return out
    }

    static func mark(_ t: Truth, _ style: Style) -> String {
        switch t {
        case .true: return style.green("[true   ]")
        case .false: return style.red("[false  ]")
        case .unknown: return style.magenta("[unknown]")
        }
    }

    static func node(_ n: TraceNode, depth: Int, style: Style) -> String {
        var line = String(repeating: "  ", count: depth) + mark(n.truth, style) + " " + n.label
        if n.fact != nil {
            if let v = n.value {
                line += style.dim("   <- \(v)" + (n.assumed ? " (default, not stated)" : "") + (n.location.map { " at \($0)" } ?? ""))
            } else {
                line += style.dim("   <- not stated")
            }
        } else if let v = n.value {
            line += style.dim("   <- tier \(v)")
        }
        var out = line + "\n"
        for c in n.children { out += node(c, depth: depth + 1, style: style) }
        return out
    }
}
