import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine
@testable import GovCheckReporters

@Suite("HTML and Markdown escaping, labels in both languages")
struct MarkupTests {
    @Test("HTML text cannot open a tag, end an attribute or hide a bidirectional override")
    func html() {
        #expect(HTML.text("<script>alert('x')</script> & \"q\"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;")
        #expect(HTML.text("a\u{202E}b\nc") == "a\\u{202E}b\\nc")
    }

    @Test("only http(s) addresses become links")
    func urls() {
        #expect(HTML.url("https://eur-lex.europa.eu/eli/reg/2024/1689/oj") == "https://eur-lex.europa.eu/eli/reg/2024/1689/oj")
        #expect(HTML.url("javascript:alert(1)") == nil)
        #expect(HTML.url("JaVaScRiPt:alert(1)") == nil)
        #expect(HTML.url("data:text/html,<b>x</b>") == nil)
        #expect(HTML.url("https://x.example/\"onmouseover=\"alert(1)") == nil)
        #expect(HTML.url("https://x.example/?a=1&b=2") == "https://x.example/?a=1&amp;b=2")
        #expect(Markdown.link("t", "https://x.example/a)b") == "t")
    }

    @Test("Markdown text cannot start emphasis, links, code, cells, mentions or raw HTML")
    func markdown() {
        #expect(Markdown.text("*a* _b_ [c](d) `e` | @f <img src=x> ~g~ $h$") == "\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\| \\@f &lt;img src=x&gt; \\~g\\~ \\$h\\$")
        #expect(Markdown.text("line\nbreak") == "line\\\\nbreak")
        #expect(Markdown.code("eu.evidence.fria.ref") == "`eu.evidence.fria.ref`")
        #expect(Markdown.code("a`b") == "a\\`b")
    }

    @Test("every label has English and Chinese text, and the Chinese is Chinese")
    func labels() {
        let en = ReportLabels(.en), zh = ReportLabels(.zh)
        let toolWords: Set<ReportLabels.Key> = [.prTitle, .evidenceNone]
        for k in ReportLabels.Key.allCases {
            #expect(!en(k).isEmpty && !zh(k).isEmpty, "\(k)")
            guard !toolWords.contains(k) else { continue }
            #expect(zh(k) != en(k), "\(k) has no Chinese text")
            #expect(zh(k).unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(k): '\(zh(k))'")
        }
        #expect(en(.inForceSince, "2026-08-02") == "in force since 2026-08-02")
        #expect(zh(.inForceSince, "2026-08-02") == "自 2026-08-02 起生效")
        for s in ObligationStatus.allCases { #expect(zh.status(s) != s.rawValue, "\(s)") }
    }
}
