import Foundation
import Testing
@testable import GovCheckEngine

@Suite("The linear-time pattern matcher")
struct LinearRegexTests {
    /// Patterns of the subset on which Foundation's engine and ours must agree (inputs without line
    /// breaks, where ICU's `$` and ours mean the same).
    static let patterns = [
        "^BAN-", "BAN", "^AB-[0-9]+$", "^[A-Z]{2}$", "a|b", "^(a|b)*c$", "^(?:ab)+$", "x?y+z*", "^a{2,3}$", "^a{2,}$",
        "^a{0,1}b{3}$", "[^a-c]", "^[^a-c]+$", "\\d\\d", "^\\w+$", "\\s", "^\\S+$", "^\\D*$", "^\\W", "a.c", "^.*$", "^$",
        "\\.", "^[-a]+$", "^[a-]+$", "^[]a]+$", "colou?r", "^(red|green|blue)-(\\d{1,3})$", "(a|ab)(c|bcd)(d*)", "^(a+)+$",
        "^(ab|a)*$", "é+", "^[α-ω]+$", "^\\u00E9$", "\\t", "[\\d.]+", "^[A-Z][a-z]*( [A-Z][a-z]*)*$", "(^a|b$)", "a|", "()",
    ]
    static let inputs = [
        "", "a", "b", "c", "ab", "abc", "aab", "BAN-1", "XBAN-", "AB-12", "XAB-12", "DE", "DEU", "d", "aaa", "aaaa", "aac",
        "abcd", "abbbcd", "x", "xyz", "yy", "12", "1a2", "word_1", "two words", "tab\there", "a.c", "abc.def", "--a", "]a",
        "color", "colour", "colouur", "red-12", "blue-1234", "é", "éé", "αβγ", "New York", "new york", "ababab", "aaaaaaaaab",
        "3.14", "!", "٣", "a\u{00A0}b", "_", "x\u{200D}y", "e\u{0301}", "中文", "\u{2003}",
    ]

    @Test("agrees with Foundation's engine on the subset")
    func differential() throws {
        for p in Self.patterns {
            let ours = try LinearRegex(p)
            let theirs = try NSRegularExpression(pattern: p)
            for s in Self.inputs {
                let expected = theirs.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil
                #expect(ours.matches(s) == expected, "pattern \(p) on \"\(s)\"")
            }
        }
    }

    @Test("anchors are the start and the end of the value; '.' does not cross a line break")
    func anchors() throws {
        #expect(try LinearRegex("^a$").matches("a"))
        #expect(try !LinearRegex("^a$").matches("a\n"))
        #expect(try !LinearRegex("^b").matches("a\nb"))
        #expect(try !LinearRegex("a.b").matches("a\nb"))
        #expect(try LinearRegex("a\\nb").matches("a\nb"))
    }

    @Test("patterns a backtracking engine chokes on answer at once, both ways")
    func hostile() throws {
        let long = String(repeating: "a", count: 50_000)
        #expect(try LinearRegex("^(a+)+$").matches(long))
        #expect(try !LinearRegex("^(a+)+$").matches(long + "!"))
        #expect(try LinearRegex("^(a|aa)+$").matches(long))
        #expect(try !LinearRegex("^(a|aa)+$").matches(long + "b"))
        #expect(try LinearRegex("^(ab|a)*$").matches(String(repeating: "ab", count: 100_000)))
        #expect(try !LinearRegex("(x+x+)+y").matches(String(repeating: "x", count: 20_000)))
    }

    @Test("constructs outside the subset are errors naming their place in the pattern")
    func unsupported() throws {
        let cases: [(String, Int, String)] = [
            ("a(?=b)", 1, "look-around"), ("(?<n>a)", 0, "named groups"), ("(?i)a", 0, "flags"), ("(a)\\1", 3, "'\\1' is not supported"),
            ("a*?", 2, "lazy"), ("a++", 2, "possessive"), ("a**", 2, "cannot follow another"), ("\\bword", 0, "'\\b'"),
            ("\\p{L}", 0, "'\\p'"), ("[[:alpha:]]", 1, "POSIX"), ("[a&&b]", 2, "intersection"), ("a{2", 1, "repetition"),
            ("a{1001}", 1, "above 1000"), ("a{3,2}", 1, "below the minimum"), ("(a", 0, "not closed"), ("a)", 1, "unmatched"),
            ("[a", 0, "not closed"), ("*a", 0, "nothing to repeat"), ("^*", 0, "nothing to repeat"), ("[z-a]", 1, "reversed"),
            ("a\\", 1, "lone"), ("\\u12", 0, "four hex digits"), ("{2}", 0, "nothing to repeat"),
        ]
        for (pattern, offset, words) in cases {
            #expect(throws: LinearRegex.SyntaxError.self, "\(pattern)") { _ = try LinearRegex(pattern) }
            do { _ = try LinearRegex(pattern) } catch {
                #expect(error.offset == offset, "\(pattern): offset \(error.offset), \(error.message)")
                #expect(error.message.contains(words), "\(pattern): \(error.message)")
            }
        }
    }

    @Test("repetitions that expand past the program limit are refused")
    func programLimit() throws {
        #expect(throws: LinearRegex.SyntaxError.self) { _ = try LinearRegex("(a{1000}){1000}") }
        #expect(throws: LinearRegex.SyntaxError.self) { _ = try LinearRegex(String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40)) }
        #expect(try LinearRegex("a{1000}").matches(String(repeating: "a", count: 1000)))
        #expect(try !LinearRegex("^a{1000}$").matches(String(repeating: "a", count: 999)))
    }
}
