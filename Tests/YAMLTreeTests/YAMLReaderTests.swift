import Foundation
import Testing
import TestSupport
@testable import YAMLTree

@Suite("The libyaml reader: marks, strictness and limits")
struct YAMLReaderTests {
    @Test("marks are 1-based lines and columns counted in code points")
    func marks() throws {
        let docs = try readYAML("a:\n  b: 1\n  名前: 値\n  c: x\n")
        let a = try #require(docs[0].root["a"])
        #expect(a["b"]?.span.start == Mark(line: 2, column: 6))
        #expect(a["c"]?.span.start == Mark(line: 4, column: 6))
        #expect(a["名前"]?.span.start == Mark(line: 3, column: 7))
        #expect(a.mapping?.first?.keySpan.start == Mark(line: 2, column: 3))
    }

    @Test("a duplicate key is an error naming both places")
    func duplicateKey() {
        #expect {
            _ = try readYAML("a: 1\nb: 2\na: 3\n")
        } throws: { e in
            let e = e as! YAMLError
            return e.code == .duplicateKey && e.mark == Mark(line: 3, column: 1) && e.related?.mark == Mark(line: 1, column: 1)
                && e.description.contains("test.yaml:3:1: error: duplicate key 'a'")
                && e.description.contains("test.yaml:1:1: note: first defined here")
        }
    }

    @Test("several documents are several results, in order")
    func multiDocument() throws {
        let docs = try readYAML("a: 1\n---\na: 2\n---\na: 3\n")
        #expect(docs.count == 3)
        #expect(docs.map(\.index) == [1, 2, 3])
        #expect(docs[2].root["a"]?.scalar?.value == .number(3))
        #expect(docs[1].root.span.start.line == 3)
    }

    @Test("anchors and aliases resolve")
    func aliases() throws {
        let docs = try readYAML("base: &b {x: 1}\nuse: *b\n")
        #expect(docs[0].root["use"] == docs[0].root["base"])
    }

    @Test("alias expansion beyond the budget is an error, not a hang")
    func aliasBomb() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        #expect {
            _ = try readYAML(yaml)
        } throws: { e in (e as! YAMLError).code == .aliasBudget }
    }

    @Test("an alias to an unknown anchor is an error with its place")
    func unknownAnchor() {
        #expect {
            _ = try readYAML("a: *nope\n")
        } throws: { e in
            let e = e as! YAMLError
            return e.code == .unknownAnchor && e.mark == Mark(line: 1, column: 4)
        }
    }

    @Test("nesting deeper than the limit is an error")
    func depth() {
        let yaml = String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n"
        #expect {
            _ = try readYAML(yaml)
        } throws: { e in (e as! YAMLError).code == .tooDeep }
    }

    @Test("files over the size limit are rejected before parsing")
    func size() {
        #expect {
            _ = try YAMLReader.read(bytes: Array(repeating: UInt8(ascii: "a"), count: 100), path: "big.yaml",
                                    limits: YAMLLimits(maxBytes: 10))
        } throws: { e in (e as! YAMLError).code == .tooLarge }
    }

    @Test("invalid UTF-8 is reported with its line and column")
    func invalidUTF8() {
        #expect {
            _ = try YAMLReader.read(bytes: Array("a: ok\nb: ".utf8) + [0xC3, 0x28] + Array("\n".utf8), path: "bad.yaml")
        } throws: { e in
            let e = e as! YAMLError
            return e.code == .invalidUTF8 && e.mark == Mark(line: 2, column: 4)
        }
    }

    @Test("a binary file, an empty file and a comments-only file are clear errors")
    func badFiles() {
        #expect { _ = try YAMLReader.read(bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01], path: "x.png") } throws: { e in
            let e = e as! YAMLError
            return e.code == .binary || e.code == .invalidUTF8
        }
        #expect { _ = try YAMLReader.read(bytes: [], path: "e.yaml") } throws: { e in (e as! YAMLError).code == .empty }
        #expect { _ = try readYAML("# only a comment\n\n") } throws: { e in (e as! YAMLError).code == .empty }
        #expect { _ = try YAMLReader.read(bytes: Array("a: 1\0\n".utf8), path: "n.yaml") } throws: { e in (e as! YAMLError).code == .binary }
    }

    @Test("syntax errors carry the place libyaml found them")
    func syntax() {
        #expect {
            _ = try readYAML("a: [1, 2\nb: 3\n")
        } throws: { e in
            let e = e as! YAMLError
            return e.code == .syntax && e.mark.line == 2 && e.description.hasPrefix("test.yaml:2:")
        }
    }

    @Test("merge keys are rejected, so no value is hidden")
    func mergeKeys() {
        #expect { _ = try readYAML("a: &a {x: 1}\nb:\n  <<: *a\n") } throws: { e in (e as! YAMLError).code == .syntax }
    }

    @Test("a missing file is an error, not a crash")
    func missingFile() {
        #expect { _ = try YAMLReader.read(path: "/nonexistent/x.yaml") } throws: { e in (e as! YAMLError).code == .notFound }
    }

    @Test("node equality ignores positions")
    func equalityIgnoresMarks() throws {
        let a = try readYAML("x: [1, 2]\n")[0].root["x"]
        let b = try readYAML("\n\nx:   [1,   2]\n")[0].root["x"]
        #expect(a == b)
        #expect(a?.span != b?.span)
    }
}
