import Testing
@testable import GovCheckReporters

@Suite("Folding text report lines, and naming facts by their first clause")
struct TextLayoutTests {
    @Test("a line folds at spaces to the width, continuation lines at the hang column")
    func spaces() {
        let folded = TextLayout.fold("    fix: " + String(repeating: "word ", count: 30), hang: 9, width: 40)
        let lines = folded.split(separator: "\n")
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { $0.count <= 40 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(String(repeating: " ", count: 9) + "word") })
        #expect(TextLayout.fold("  short line", hang: 4) == "  short line")
    }

    @Test("a citation moves whole to the next line when it fits there; a wider one breaks only at its spaces")
    func citations() {
        let cite = TextLayout.citation(TextLayout.whole("Art. 5(1)") + " AI Content Labeling Measures (国信办通字〔2025〕2号)")
        #expect(TextLayout.fold("      missing  high  some-long-rule-id  " + cite, hang: 10, width: 80)
                == "      missing  high  some-long-rule-id\n          Art. 5(1) AI Content Labeling Measures (国信办通字〔2025〕2号)")
        let narrow = TextLayout.fold("x " + cite, hang: 2, width: 30)
        #expect(narrow.split(separator: "\n").allSatisfy { !$0.hasSuffix("Art.") }, "the article is one unit: \(narrow)")
        #expect(narrow.contains("国信办通字〔2025〕2号)"), "no break between Chinese characters in a citation: \(narrow)")
        #expect(!TextLayout.fold(cite, hang: 0).unicodeScalars.contains { TextLayout.marks.contains($0) })
    }

    @Test("Chinese text breaks between characters, but not before closing punctuation, after opening punctuation or inside 第5条")
    func chinese() {
        let text = String(repeating: "该组织在境内提供服务，", count: 6) + "依据第5条第1款。"
        let folded = TextLayout.fold(text, hang: 0, width: 30)
        let lines = folded.split(separator: "\n")
        #expect(lines.count > 3)
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 30 })
        #expect(lines.dropFirst().allSatisfy { !"，。）".contains($0.first!) }, "\(folded)")
        #expect(folded.replacingOccurrences(of: "\n", with: "") == text, "nothing added or lost: \(folded)")
        #expect(!folded.contains("第\n") && !folded.contains("\n5条"))
        // "Art 5" in running English text stays on one line.
        let art = TextLayout.fold("it must label every generated file (Art 5), and more", hang: 0, width: 41)
        #expect(art.hasSuffix("\n5), and more") == false && art.contains("(Art 5)"), "\(art)")
    }

    @Test("a fact's words are its description up to the first clause outside parentheses")
    func firstClause() {
        #expect(FactWording.firstClause("The system is an AI system within Art. 3(1): machine-based, operating") == "The system is an AI system within Art. 3(1)")
        #expect(FactWording.firstClause("Roles the organisation holds (Art. 3(3)-(7); Art. 25(3)). Declare them.") == "Roles the organisation holds")
        #expect(FactWording.firstClause("Launch date") == "Launch date")
        #expect(FactWording.firstClause("The model (and its output) was developed for research (Art 2(6)). This is an exclusion.")
                == "The model (and its output) was developed for research")
        #expect(FactWording.firstClause("Data annotation (标注) is carried out by the provider (Interim Measures Art 8).")
                == "Data annotation (标注) is carried out by the provider")
        #expect(FactWording.firstClause("The provider keeps logs, e.g. for six months. More.") == "The provider keeps logs, e.g. for six months")
        #expect(FactWording.firstClause("服务面向中华人民共和国境内公众提供（第3条）。其余") == "服务面向中华人民共和国境内公众提供")
        #expect(FactWording.firstClause("系统的名称；其余") == "系统的名称")
    }
}
