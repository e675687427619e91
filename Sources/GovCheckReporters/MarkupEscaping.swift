import GovCheckEngine

/// Makes text from descriptors and packs safe inside HTML. Anyone who can open a pull request can
/// write a descriptor's name, so no input text may open a tag, end an attribute or start a script.
enum HTML {
    /// Text for an element's content or a quoted attribute value: control characters and
    /// bidirectional overrides as visible escapes, then `& < > " '` as character references.
    static func text(_ s: String) -> String {
        let shown = DisplayText.escaped(s)
        var out = ""
        out.reserveCapacity(shown.utf8.count)
        for ch in shown.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// A link target from a pack: only `http` and `https` addresses are links; anything else
    /// (`javascript:`, `data:`) is refused.
    static func url(_ s: String?) -> String? {
        guard let s, !s.isEmpty, !DisplayText.needsEscaping(s), !s.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }) else {
            return nil
        }
        let lower = s.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        return text(s)
    }
}

/// Makes text safe inside GitHub- and GitLab-flavoured Markdown: no input can start a heading,
/// a list, a link, an image, emphasis or raw HTML, or end a table cell.
enum Markdown {
    /// Inline text: the punctuation that starts emphasis, code, links, cells, maths, autolinks and
    /// mentions backslash-escaped, `< > &` as character references, control characters (line
    /// breaks too) as visible escapes.
    static func text(_ s: String) -> String {
        let shown = DisplayText.escaped(s)
        var out = ""
        out.reserveCapacity(shown.utf8.count)
        for ch in shown.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~", "$", ":", "@":
                out += "\\"
                out.unicodeScalars.append(ch)
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// An identifier or a path as code when it is plain (ASCII letters, digits, `./-_:#,`), else as escaped text.
    static func code(_ s: String) -> String {
        let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { u in
            (u.value < 0x80 && (u.properties.isAlphabetic || ("0"..."9").contains(Character(u)) || "./-_:#,".unicodeScalars.contains(u)))
        }
        return plain ? "`" + s + "`" : text(s)
    }

    /// A link from a pack's instrument: only `http(s)` addresses without Markdown-breaking characters.
    static func link(_ label: String, _ url: String?) -> String {
        guard let url, let safe = HTML.url(url), !url.contains(where: { "()[]<>`|\\".contains($0) }) else { return text(label) }
        return "[" + text(label) + "](" + safe + ")"
    }
}
