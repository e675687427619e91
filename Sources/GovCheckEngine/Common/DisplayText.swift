/// Makes text from inputs safe to print. Descriptors, packs and file names are written by anyone
/// who can open a pull request; a newline or an escape sequence in a name could forge report lines,
/// terminal colours or CI workflow commands. Every reporter prints what passed through here.
public enum DisplayText {
    /// Control characters (C0, DEL, C1), line and paragraph separators and bidirectional overrides
    /// as visible escapes: `\n`, `\r`, `\t`, `\u{1B}`, `\u{202E}`. Other text is unchanged.
    public static func escaped(_ s: String) -> String {
        guard needsEscaping(s) else { return s }
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            if isUnsafe(u) { out += escape(u) } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// True when `escaped` would change the text.
    public static func needsEscaping(_ s: String) -> Bool {
        s.unicodeScalars.contains(where: isUnsafe)
    }

    /// Escaped, and cut to `limit` characters with the full length noted; the last line of
    /// defence for whole messages, whatever they quote.
    public static func capped(_ s: String, limit: Int = 2_000) -> String {
        guard s.utf8.count > limit else { return escaped(s) }
        let count = s.unicodeScalars.count
        guard count > limit else { return escaped(s) }
        return escaped(String(String.UnicodeScalarView(s.unicodeScalars.prefix(limit)))) + "… (\(count) characters)"
    }

    /// `'text'` for quoting a key or a value in a message: escaped, and cut to `limit` characters
    /// with the full length after the closing quote: `'kkkk…' (1048576 characters)`.
    public static func quoted(_ s: String, limit: Int = 80) -> String {
        let count = s.unicodeScalars.count
        guard count > limit else { return "'" + escaped(s) + "'" }
        return "'" + escaped(String(String.UnicodeScalarView(s.unicodeScalars.prefix(limit)))) + "…' (\(count) characters)"
    }

    /// A window of a source line around a 1-based column, escaped, for a snippet under a message:
    /// lines longer than `width` are cut around the column with `…` at the cut ends. Returns the
    /// text before the column and the text from it, so a caret can be placed between them.
    public static func snippet(_ line: String, column: Int, width: Int = 120) -> (before: String, from: String) {
        let scalars = line.unicodeScalars
        let col = max(0, column - 1)
        func text(_ part: Substring.UnicodeScalarView) -> String {
            var out = ""
            for u in part {
                // Tabs stay tabs, so the caret line (which copies them) keeps its alignment.
                if u != "\t" && isUnsafe(u) { out += escape(u) } else { out.unicodeScalars.append(u) }
            }
            return out
        }
        let full = Substring(line).unicodeScalars
        guard line.utf8.count > width else {
            let split = full.index(full.startIndex, offsetBy: min(col, scalars.count))
            return (text(full[..<split]), text(full[split...]))
        }
        // Only walk as far as needed: the column may lie deep in a line of megabytes.
        let lead = width / 3
        var i = full.startIndex
        var n = 0
        while n < col - lead, i < full.endIndex { full.formIndex(after: &i); n += 1 }
        let start = i
        while n < col, i < full.endIndex { full.formIndex(after: &i); n += 1 }
        let split = i
        var m = 0
        while m < width - lead, i < full.endIndex { full.formIndex(after: &i); m += 1 }
        let before = (start == full.startIndex ? "" : "…") + text(full[start..<split])
        let from = text(full[split..<i]) + (i == full.endIndex ? "" : "…")
        return (before, from)
    }

    static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x2028, 0x2029: return true
        // Bidirectional embeddings, overrides and isolates can reorder what a reader sees.
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    static func escape(_ u: Unicode.Scalar) -> String {
        switch u {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        default: return "\\u{" + String(u.value, radix: 16, uppercase: true) + "}"
        }
    }
}
