/// Renders citations in the official form of their jurisdiction: `Art. 5(1)(f)` for EU law,
/// `第五条第一款` for Chinese law, clause numbers for standards. Chinese output renders an EU
/// citation's structure the Chinese way (`第5条第1款第(f)项`), and each language names a foreign
/// instrument by its short title before the official identifier.
public enum CitationFormatter {
    public static func reference(_ c: Citation, in pack: RulePack) -> CitationRef {
        reference(c, instruments: pack.instruments, jurisdiction: pack.jurisdiction)
    }

    /// The same, from a pack's parts (while the pack is being built).
    static func reference(_ c: Citation, instruments: [Instrument], jurisdiction: String) -> CitationRef {
        let inst = instruments.first { $0.id == c.instrument }
        let chinese = (inst?.jurisdiction ?? jurisdiction) == "CN"
        let text = LocalizedText(en: english(c), zh: chinese ? self.chinese(c) : chineseStructure(c))
        let identifier = inst?.identifier ?? c.instrument
        return CitationRef(instrument: c.instrument, identifier: identifier,
                           status: inst?.status ?? .bindingLaw, text: text,
                           label: label(text, instrument: inst, identifier: identifier, chinese: chinese),
                           article: c.article, paragraph: c.paragraph, point: c.point, annex: c.annex, clause: c.clause)
    }

    /// `text` then the instrument: the identifier alone in the instrument's official language; in the
    /// other language its short title (else its title) first, the identifier kept in parentheses, so an
    /// English reader never sees only `主席令第九十一号` and a Chinese reader sees `欧盟《人工智能法》`.
    static func label(_ text: LocalizedText, instrument inst: Instrument?, identifier: String, chinese: Bool) -> LocalizedText {
        let official: Language = chinese ? .zh : .en
        func render(_ l: Language) -> String {
            let name: String?
            switch l {
            case .en: name = inst?.shortTitle?.en ?? inst?.title.en
            case .zh: name = inst?.shortTitle?.zh ?? inst?.title.zh
            }
            var instrument = identifier
            if l != official, let name, !name.isEmpty, name != identifier {
                instrument = l == .zh ? "\(name)（\(identifier)）" : "\(name) (\(identifier))"
            }
            let t = text.text(l)
            return t.isEmpty ? instrument : t + " " + instrument
        }
        return LocalizedText(en: render(.en), zh: render(.zh))
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

    /// An EU (or other non-Chinese) citation's structure in Chinese: `第5条第1款第(f)项`; an unnumbered
    /// subparagraph as `第三段` (never 项, which would read as a point); `附件三第4点(a)项`; `条款4.1`.
    static func chineseStructure(_ c: Citation) -> String {
        var parts: [String] = []
        if let a = c.article {
            var s = "第\(a)条"
            if let p = c.paragraph { s += "第\(p)款" }
            if let sub = c.subparagraph { s += "第\(numeral(sub))段" }
            if let p = c.point {
                let t = pointTokens(p)
                if let first = t.first { s += "第(\(first))项" }
                s += t.dropFirst().map { "第(\($0))目" }.joined()
            }
            parts.append(s)
        }
        if let annex = c.annex {
            var s = "附件" + annexNumeral(annex)
            if let sec = c.section { s += section(sec) }
            if let p = c.point, c.article == nil {
                let t = pointTokens(p)
                if let first = t.first { s += first.first?.isNumber == true ? "第\(first)点" : "第(\(first))点" }
                s += t.dropFirst().enumerated().map { "(\($0.element))" + ($0.offset == 0 ? "项" : "目") }.joined()
            }
            parts.append(s)
        } else if let sec = c.section, c.article != nil || c.clause != nil {
            parts.append(section(sec))
        }
        if let clause = c.clause { parts.append("条款" + clause) }
        return parts.joined(separator: "，")
    }

    static func section(_ s: String) -> String { s.allSatisfy(\.isNumber) ? "第\(s)节" : "\(s)节" }

    /// `4(a)(i)` → [4, a, i]; `(f)` → [f]; `ba` → [ba].
    static func pointTokens(_ p: String) -> [String] {
        p.split(whereSeparator: { $0 == "(" || $0 == ")" }).map(String.init).filter { !$0.isEmpty }
    }

    /// `III` → `三`, `XIII` → `十三`; digits as Chinese numerals; other text as written.
    static func annexNumeral(_ annex: String) -> String {
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10, "L": 50, "C": 100]
        let chars = Array(annex)
        guard !chars.isEmpty, chars.allSatisfy({ values[$0] != nil }) else { return numeral(annex) }
        var n = 0
        for (i, ch) in chars.enumerated() {
            let v = values[ch]!
            if i + 1 < chars.count, v < values[chars[i + 1]]! { n -= v } else { n += v }
        }
        return numeral(String(n))
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
