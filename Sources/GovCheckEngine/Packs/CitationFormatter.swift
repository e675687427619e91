/// Renders citations in the official form of their jurisdiction: `Art. 5(1)(f)` for EU law,
/// `第五条第一款` for Chinese law, clause numbers for standards.
public enum CitationFormatter {
    public static func reference(_ c: Citation, in pack: RulePack) -> CitationRef {
        reference(c, instruments: pack.instruments, jurisdiction: pack.jurisdiction)
    }

    /// The same, from a pack's parts (while the pack is being built).
    static func reference(_ c: Citation, instruments: [Instrument], jurisdiction: String) -> CitationRef {
        let inst = instruments.first { $0.id == c.instrument }
        let chinese = (inst?.jurisdiction ?? jurisdiction) == "CN"
        let en = english(c)
        let zh = chinese ? self.chinese(c) : nil
        return CitationRef(instrument: c.instrument, identifier: inst?.identifier ?? c.instrument,
                           status: inst?.status ?? .bindingLaw, text: LocalizedText(en: en, zh: zh),
                           article: c.article, paragraph: c.paragraph, point: c.point, annex: c.annex, clause: c.clause)
    }

    static func english(_ c: Citation) -> String {
        var parts: [String] = []
        if let a = c.article {
            // A subparagraph is unnumbered in EU law: "Art. 6(3), third subparagraph", never "6(3)(3)",
            // which would read as a point.
            var s = "Art. \(a)"
            if let p = c.paragraph { s += "(\(p))" }
            if let sub = c.subparagraph {
                s += ", " + ordinal(sub) + " subparagraph"
                if let p = c.point { s += ", point " + (p.hasPrefix("(") ? p : "(\(p))") }
            } else if let p = c.point {
                s += p.hasPrefix("(") ? p : "(\(p))"
            }
            parts.append(s)
        }
        if let annex = c.annex {
            var s = "Annex \(annex)"
            if let sec = c.section { s += ", Section \(sec)" }
            if let p = c.point, c.article == nil { s += ", point \(p)" }
            parts.append(s)
        } else if let sec = c.section, c.article != nil || c.clause != nil {
            parts.append("Section \(sec)")
        }
        if let clause = c.clause { parts.append("clause \(clause)") }
        return parts.joined(separator: ", ")
    }

    static func chinese(_ c: Citation) -> String {
        var s = ""
        if let a = c.article { s += "第\(numeral(a))条" }
        if let p = c.paragraph { s += "第\(numeral(p))款" }
        if let p = c.point { s += "第（\(numeral(p))）项" }
        if let annex = c.annex { s += "附件\(annex)" }
        if let clause = c.clause { s += (s.isEmpty ? "" : "，") + clause }
        return s
    }

    /// "first" … "tenth" for subparagraph numbers; other text is left as written.
    static func ordinal(_ text: String) -> String {
        let words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
        guard let n = Int(text), n >= 1, n <= words.count else { return text }
        return words[n - 1]
    }

    /// Chinese numerals for 1–999; other text is left as written.
    static func numeral(_ text: String) -> String {
        guard let n = Int(text), n > 0, n < 1000 else { return text }
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        let h = n / 100, t = (n / 10) % 10, u = n % 10
        var s = ""
        if h > 0 { s += digits[h] + "百" }
        if t > 0 { s += (t == 1 && h == 0 ? "" : digits[t]) + "十" } else if h > 0 && u > 0 { s += "零" }
        if u > 0 { s += digits[u] }
        return s
    }
}
