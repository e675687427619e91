/// Lines of the text report folded to a terminal's width: at spaces, and between Chinese
/// characters, never inside a span marked whole (a citation's article, a fact path) and never
/// inside a citation except at its spaces; continuation lines start at a given column.
enum TextLayout {
    /// The widest line the text report writes, in terminal cells.
    static let width = 100

    /// Marks `s` as one unit: no line break inside it.
    static func whole(_ s: String) -> String { "\(openWhole)\(s)\(closeWhole)" }

    /// Marks `s` as a citation (or a fact reference): a break only at its spaces, never between its
    /// characters, and none at all when it fits whole on the next line.
    static func citation(_ s: String) -> String { "\(openCitation)\(s)\(closeCitation)" }

    /// Removes the marks, for text that is not folded.
    static func plain(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !marks.contains($0) }))
    }

    static let openWhole: Unicode.Scalar = "\u{E000}", closeWhole: Unicode.Scalar = "\u{E001}"
    static let openCitation: Unicode.Scalar = "\u{E002}", closeCitation: Unicode.Scalar = "\u{E003}"
    static let marks: Set<Unicode.Scalar> = [openWhole, closeWhole, openCitation, closeCitation]

    /// A piece of a line between two places where it may break, and what separates it from the
    /// piece before: spaces (dropped at a break) or nothing (a break between Chinese characters).
    struct Piece {
        var text = ""
        var width = 0
        var spacesBefore = 0
        /// The citation the piece belongs to (numbered in the line), kept on one line when it fits.
        var group: Int?
    }

    /// Folds one line (its leading spaces are its indent) to `width`; continuation lines are
    /// indented by `hang` spaces. A piece wider than the room left stays whole on a line of its own.
    static func fold(_ line: String, hang: Int, width: Int = TextLayout.width) -> String {
        // Most lines fit: they are written as they are, without their marks.
        if visibleWidth(line) <= width { return plain(line) }
        let scalars = Array(line.unicodeScalars)
        var i = 0
        var indent = ""
        while i < scalars.count, scalars[i] == " " { indent.unicodeScalars.append(" "); i += 1 }
        let pieces = split(Array(scalars[i...]))
        // The width of each citation, to move it whole to the next line when it fits there.
        var groupWidth: [Int: Int] = [:]
        for (k, p) in pieces.enumerated() {
            guard let g = p.group else { continue }
            groupWidth[g, default: 0] += p.width + (k > 0 && pieces[k - 1].group == g ? p.spacesBefore : 0)
        }
        var out = indent
        var column = indent.count
        var lineHasText = false
        for (k, p) in pieces.enumerated() {
            var needed = (lineHasText ? p.spacesBefore : 0) + p.width
            if let g = p.group, k == 0 || pieces[k - 1].group != g, let w = groupWidth[g] {
                // A unit that fits on the next line goes there whole; a wider one starts there.
                needed = (lineHasText ? p.spacesBefore : 0) + (hang + w <= width || column > hang ? w : p.width)
            }
            if lineHasText && column + needed > width && p.width > 0 {
                out += "\n" + String(repeating: " ", count: hang)
                column = hang
            } else if lineHasText {
                out += String(repeating: " ", count: p.spacesBefore)
                column += p.spacesBefore
            }
            out += p.text
            column += p.width
            lineHasText = lineHasText || p.width > 0 || !p.text.isEmpty
        }
        return out
    }

    /// The widest line of folded text, in cells.
    static func widest(_ folded: String) -> Int {
        folded.split(separator: "\n").map { visibleWidth(String($0)) }.max() ?? 0
    }

    /// Cells of text that may hold terminal style sequences (they take none).
    static func visibleWidth(_ s: String) -> Int {
        var n = 0, inEscape = false
        for u in s.unicodeScalars {
            if inEscape { if (0x40...0x7E).contains(u.value) && u != "[" { inEscape = false }; continue }
            if u == "\u{1B}" { inEscape = true; continue }
            n += marks.contains(u) ? 0 : DisplayWidth.width(u)
        }
        return n
    }

    /// The pieces of a line without its indent.
    static func split(_ s: [Unicode.Scalar]) -> [Piece] {
        var pieces: [Piece] = []
        var current = Piece()
        var whole = 0, citation = 0, citations = 0, title = 0
        var previous: Unicode.Scalar?
        var word = ""
        var i = 0
        func close(spaces: Int) {
            word = ""
            pieces.append(current)
            current = Piece()
            current.spacesBefore = spaces
            current.group = citation > 0 ? citations : nil
        }
        while i < s.count {
            let u = s[i]
            switch u {
            case openWhole: whole += 1; i += 1; continue
            case closeWhole: whole = max(0, whole - 1); i += 1; continue
            case openCitation:
                citation += 1
                if citation == 1 {
                    citations += 1
                    // A unit that follows Chinese text without a space may still start a line.
                    if whole == 0 && title == 0, let p = previous, p != " ", current.width > 0,
                       let next = s[(i + 1)...].first(where: { !marks.contains($0) }), mayBreak(between: p, and: next) {
                        close(spaces: 0)
                    }
                }
                if current.width == 0 { current.group = citations }
                i += 1
                continue
            case closeCitation:
                citation = max(0, citation - 1)
                i += 1
                continue
            default: break
            }
            if u == "\u{1B}" {
                // A terminal style sequence: no width, kept with the text it styles.
                var j = i + 1
                if j < s.count, s[j] == "[" {
                    j += 1
                    while j < s.count, !(0x40...0x7E).contains(s[j].value) { j += 1 }
                    j = min(j + 1, s.count)
                }
                current.text.unicodeScalars.append(contentsOf: s[i..<j])
                i = j
                continue
            }
            if u == " " && whole == 0 {
                var n = 0
                while i < s.count, s[i] == " " { n += 1; i += 1 }
                // "Art 5", "Art. 3(1)", "para 2": a reference in running text stays on one line.
                if n == 1, i < s.count, startsNumber(s[i...]), glues(word) {
                    current.text.unicodeScalars.append(" ")
                    current.width += 1
                    word = ""
                    previous = " "
                    continue
                }
                if !current.text.isEmpty || !pieces.isEmpty { close(spaces: n) } else { current.spacesBefore = n }
                word = ""
                previous = " "
                continue
            }
            if whole == 0 && citation == 0 && title == 0, let p = previous, p != " ", mayBreak(between: p, and: u), current.width > 0 {
                close(spaces: 0)
            }
            if u == "《" { title += 1 } else if u == "》" { title = max(0, title - 1) }
            current.text.unicodeScalars.append(u)
            current.width += DisplayWidth.width(u)
            word.unicodeScalars.append(u)
            previous = u
            i += 1
        }
        if !current.text.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Chinese text breaks between characters, except before closing punctuation and after
    /// opening punctuation; Latin text breaks only at spaces.
    static func mayBreak(between a: Unicode.Scalar, and b: Unicode.Scalar) -> Bool {
        guard isWide(a) || isWide(b) else { return false }
        if noBreakBefore.contains(b) || noBreakAfter.contains(a) { return false }
        // 第5条, 2025年: a number stays with the characters around it; 第五条第一款 and
        // 《办法》第七条 stay whole.
        if (isWide(a) && !isWide(b) && isAlphanumeric(b)) || (isWide(b) && !isWide(a) && isAlphanumeric(a)) { return false }
        if b == "第" && (a == "》" || "条款项目段章节点".unicodeScalars.contains(a)) { return false }
        // 第(c)项第(i)目: 第 always leads a number, and a unit word follows its bracketed number.
        if a == "第" || (a == ")" && "条款项目段章节点".unicodeScalars.contains(b)) { return false }
        return true
    }

    static func isAlphanumeric(_ u: Unicode.Scalar) -> Bool { u.properties.isAlphabetic || u.properties.numericType != nil }

    /// Words a number after them belongs to, in references written in running text.
    static let glueWords: Set<String> = ["Art", "Art.", "Arts", "Arts.", "Article", "Articles", "para", "paras", "point", "points",
                                         "Annex", "clause", "clauses", "Section", "section", "recital", "recitals", "No.", "GB", "Chapter"]

    /// A number: digits, or a Roman numeral (Annex III, Chapter V).
    static func startsNumber(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = s.first else { return false }
        if first.properties.numericType != nil { return true }
        let roman = s.prefix { "IVXL".unicodeScalars.contains($0) }
        guard !roman.isEmpty else { return false }
        let after = s.dropFirst(roman.count).first
        return after == nil || !(after!.properties.isAlphabetic || after!.properties.numericType != nil)
    }

    static func glues(_ word: String) -> Bool {
        var w = Substring(word)
        while let f = w.first, "([\"'“‘".contains(f) { w = w.dropFirst() }
        return glueWords.contains(String(w))
    }

    static func isWide(_ u: Unicode.Scalar) -> Bool { DisplayWidth.width(u) == 2 }

    static let noBreakBefore: Set<Unicode.Scalar> = Set("，。、；：！？）」』》〉】〕”’…%,.;:!?)]}".unicodeScalars)
    static let noBreakAfter: Set<Unicode.Scalar> = Set("（「『《〈【〔“‘([{".unicodeScalars)
}
