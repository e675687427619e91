import Foundation
import Testing
import TestSupport
import YAMLTree
@testable import GovCheckEngine

@Suite("Input text made safe, suggestions bounded, one fact in one place")
struct InputSafetyTests {
    @Test("control characters, line separators and bidirectional overrides become visible escapes")
    func escaping() {
        #expect(DisplayText.escaped("plain text, 中文 and é") == "plain text, 中文 and é")
        #expect(DisplayText.escaped("a\nb\rc\td") == "a\\nb\\rc\\td")
        #expect(DisplayText.escaped("\u{1B}[31mred") == "\\u{1B}[31mred")
        #expect(DisplayText.escaped("x\u{0}y\u{7F}z\u{85}") == "x\\u{0}y\\u{7F}z\\u{85}")
        #expect(DisplayText.escaped("\u{2028}\u{2029}\u{202E}\u{2066}") == "\\u{2028}\\u{2029}\\u{202E}\\u{2066}")
        #expect(!DisplayText.needsEscaping("Samples/eu-cv-screening-deployer.yaml"))
    }

    @Test("quoting cuts long text and says how long it was; messages are capped")
    func quoting() {
        #expect(DisplayText.quoted("short") == "'short'")
        let long = String(repeating: "k", count: 1_000)
        #expect(DisplayText.quoted(long) == "'" + String(repeating: "k", count: 80) + "…' (1000 characters)")
        #expect(DisplayText.quoted("a\nb") == "'a\\nb'")
        let capped = DisplayText.capped(String(repeating: "x", count: 5_000))
        #expect(capped.hasSuffix("… (5000 characters)") && capped.count < 2_100)
    }

    @Test("every diagnostic escapes its message, help and notes, whoever built it")
    func diagnosticsEscape() throws {
        let file = SourceFile(path: "d.yaml", text: "a: 1\n")
        let span = SourceSpan(file: file, start: Mark(line: 1, column: 1), end: Mark(line: 1, column: 1))
        let d = Diagnostic(.error, "x.y", "bad '\n::error::forged'", at: span, help: "try\u{1B}[0m",
                           notes: [.init(message: "first\ndefined", span: span)])
        #expect(d.message == "bad '\\n::error::forged'")
        #expect(d.help == "try\\u{1B}[0m")
        #expect(d.notes[0].message == "first\\ndefined")
    }

    @Test("a snippet of a megabyte line is a window around the column")
    func snippets() {
        let line = String(repeating: "a", count: 1_000_000) + "X" + String(repeating: "b", count: 1_000_000)
        let (before, from) = DisplayText.snippet(line, column: 1_000_001)
        #expect(before.hasPrefix("…") && before.hasSuffix("aaa"))
        #expect(from.hasPrefix("Xbbb") && from.hasSuffix("…"))
        #expect(before.count + from.count < 130)
        let short = DisplayText.snippet("key:\tvalue\u{1B}", column: 5)
        #expect(short.before == "key:" && short.from == "\tvalue\\u{1B}")
    }

    @Test("the bounded edit distance agrees with the plain one within the limit")
    func boundedDistance() {
        func plain(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
            var prev = Array(0...b.count)
            for i in 1...max(1, a.count) where !a.isEmpty {
                var cur = [i] + [Int](repeating: 0, count: b.count)
                for j in 0..<b.count { cur[j + 1] = min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (a[i - 1] == b[j] ? 0 : 1)) }
                prev = cur
            }
            return a.isEmpty ? b.count : prev[b.count]
        }
        let words = ["", "a", "ab", "abc", "kitten", "sitting", "eu.market", "eu.markte", "eu.operator.roles", "eu.operater.role",
                     "metadata", "metdata", "名前", "名字", "social_scoring_over_time", "social_scoring"]
        for a in words {
            for b in words {
                let sa = Array(a.unicodeScalars), sb = Array(b.unicodeScalars)
                let d = plain(sa, sb)
                for limit in 0...4 {
                    #expect(Suggest.bounded(sa, sb, limit: limit) == (d <= limit ? d : nil), "\(a) / \(b) limit \(limit)")
                }
                #expect(Suggest.distance(a, b) == d)
            }
        }
    }

    @Test("suggestions: the index and the plain search agree; over-long words get none")
    func suggestions() {
        let candidates = mini.vocabulary.sortedPaths + mini.vocabulary.prefixes.sorted()
        let index = mini.vocabulary.pathSuggestions
        for word in ["mini.purpse", "mini.marktes", "mini.evidence.notic", "mini.code", "mini.x", "zz", "mini.evidence.literacy.programe"] {
            #expect(index.closest(to: word) == Suggest.closest(to: word, in: candidates), "\(word)")
        }
        #expect(index.closest(to: "mini.purpse") == "mini.purpose")
        #expect(index.closest(to: String(repeating: "mini.purpose", count: 100)) == nil)
        #expect(Suggest.closest(to: String(repeating: "k", count: 1 << 20), in: candidates) == nil)
    }

    func read(_ text: String) throws -> Descriptor {
        try descriptor("apiVersion: govcheck/v1\nkind: Deployment\nmetadata: {name: t}\n" + text, mini)
    }

    @Test("a dotted key and a nested key for one fact are a duplicate, whichever comes first, at every level")
    func dottedDuplicates() throws {
        let cases: [(String, String, Int, Int)] = [
            ("mini: {purpose: chat}\nmini.purpose: recruitment\n", "'mini.purpose'", 5, 4),
            ("mini.purpose: recruitment\nmini: {purpose: chat}\n", "'mini.purpose'", 5, 4),
            ("mini:\n  evidence: {notice: true}\nmini.evidence: {notice: false}\n", "'mini.evidence'", 6, 5),
            ("mini.evidence: {notice: false}\nmini:\n  evidence: {notice: true}\n", "'mini.evidence'", 6, 4),
            ("mini.evidence.notice: true\nmini.evidence: {notice: false}\n", "'mini.evidence.notice'", 5, 4),
            ("mini.evidence: true\nmini.evidence.notice: true\n", "'mini.evidence'", 5, 4),
            ("mini.evidence.notice: true\nmini.evidence: null\n", "'mini.evidence'", 5, 4),
        ]
        for (text, path, line, firstLine) in cases {
            let d = try read(text)
            let dup = d.diagnostics.filter { $0.code == "yaml.duplicate-key" }
            #expect(dup.count == 1, "\(text): \(d.diagnostics.map(\.message))")
            #expect(dup.first?.message.hasPrefix("duplicate key \(path)") == true, "\(text): \(dup.map(\.message))")
            #expect(dup.first?.line == line, "\(text)")
            #expect(dup.first?.notes.first?.span.start.line == firstLine, "\(text)")
            #expect(d.hasErrors)
        }
    }

    @Test("dotted keys that share a prefix merge into the same paths as nested ones")
    func dottedMerge() throws {
        let dotted = try read("mini.purpose: chat\nmini.evidence.notice: true\nmini:\n  markets: [DE]\n  evidence: {literacy: {programme: P}}\n")
        let nested = try read("mini:\n  purpose: chat\n  markets: [DE]\n  evidence: {notice: true, literacy: {programme: P}}\n")
        #expect(!dotted.hasErrors, "\(dotted.diagnostics.map(\.message))")
        #expect(dotted.values == nested.values)
        #expect(Set(dotted.spans.keys) == Set(nested.spans.keys))
        #expect(dotted.states("mini.evidence") && dotted.states("mini.evidence.literacy"))
        // Not a path: a key with an empty segment stays one unknown key.
        let odd = try read("mini..purpose: chat\n")
        #expect(odd.diagnostics.contains { $0.code == "descriptor.unknown-field" && $0.message == "unknown field 'mini..purpose'" })
        // The envelope is not written dotted.
        let env = try read("metadata.owner: me\n")
        #expect(env.diagnostics.contains { $0.code == "descriptor.dotted-envelope" })
    }

    @Test("a dotted key deeper than the nesting limit is an error, not a deep recursion")
    func dottedDepth() throws {
        let key = (0..<10_000).map { "k\($0)" }.joined(separator: ".")
        let d = try read("? \(key)\n: 1\n")
        #expect(d.diagnostics.contains { $0.code == "yaml.too-deep" && $0.message.contains("deeper than the limit of 64 levels") })
    }
}
