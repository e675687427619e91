import Foundation
import Testing
import TestSupport
@testable import YAMLTree

@Suite("Source files: lines as libyaml counts them, file input that trusts no path")
struct SourceFileTests {
    @Test("lines break at LF, CR LF, CR, NEL, U+2028 and U+2029, as libyaml's marks do")
    func lineBreaks() {
        let f = SourceFile(path: "x", text: "a\nb\r\nc\rd\u{85}e\u{2028}f\u{2029}g")
        #expect((1...7).map { f.line($0) } == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(f.line(8) == nil && f.line(0) == nil)
        #expect(SourceFile(path: "x", text: "a\n").lineCount == 2)
        #expect(SourceFile(path: "x", text: "").line(1) == "")
    }

    @Test("a mark after a NEL or a line separator points at the line libyaml meant")
    func marksAgree() throws {
        let docs = try readYAML("a: \"x\u{2028}y\"\nb: 1\n")
        let b = try #require(docs[0].root.mapping?.last)
        #expect(b.keySpan.file.line(b.keySpan.start.line) == "b: 1")
    }

    @Test("looking up the last of 100,000 lines does not rescan the file")
    func indexed() {
        let text = (0..<100_000).map { "line \($0)" }.joined(separator: "\n")
        let f = SourceFile(path: "x", text: text)
        for n in stride(from: 100_000, to: 90_000, by: -1) { #expect(f.line(n) == "line \(n - 1)") }
    }

    @Test("a UTF-8 byte-order mark is dropped; UTF-16 and UTF-32 are named, with or without one")
    func encodings() throws {
        let docs = try YAMLReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8), path: "bom.yaml")
        #expect(docs[0].root["a"]?.scalar?.value == .number(1))
        #expect(docs[0].root.mapping?.first?.keySpan.start == Mark(line: 1, column: 1))
        let text = "apiVersion: govcheck/v1\nkind: Deployment\n"
        for (data, words) in [(text.data(using: .utf16)!, "UTF-16"), (text.data(using: .utf16BigEndian)!, "UTF-16 (big-endian, without"),
                              (text.data(using: .utf16LittleEndian)!, "UTF-16 (little-endian, without"),
                              (text.data(using: .utf32BigEndian)!, "UTF-32 (big-endian, without"),
                              (Data([0, 0, 0xFE, 0xFF]) + text.data(using: .utf32BigEndian)!, "UTF-32 (big-endian, with a")] {
            #expect { _ = try YAMLReader.read(bytes: [UInt8](data), path: "e.yaml") } throws: { e in
                (e as! YAMLError).code == .encoding && (e as! YAMLError).message.contains(words)
            }
        }
    }

    @Test("reading a path stats it first: folders, pipes and devices are refused unopened")
    func specialFiles() throws {
        let dir = try temporaryFolder("special")
        defer { removeTemporaryFolder(dir) }
        let fifo = dir.appendingPathComponent("p.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        for (path, words) in [(dir.path, "a folder"), (fifo, "a named pipe (FIFO)"), ("/dev/null", "a character device")] {
            #expect { _ = try YAMLReader.read(path: path) } throws: { e in
                (e as! YAMLError).code == .notRegularFile && (e as! YAMLError).message == "this is \(words), not a regular file; it was not read"
            }
        }
        let link = dir.appendingPathComponent("l.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "gone.yaml")
        #expect { _ = try YAMLReader.read(path: link) } throws: { e in
            (e as! YAMLError).code == .notFound && (e as! YAMLError).message.contains("symbolic link to 'gone.yaml'")
        }
    }

    @Test("documents and nodes beyond the limits are refused, at the first one over")
    func limits() throws {
        let docs = String(repeating: "---\na: 1\n", count: 6)
        #expect { _ = try YAMLReader.read(bytes: Array(docs.utf8), path: "d.yaml", limits: YAMLLimits(maxDocuments: 5)) } throws: { e in
            (e as! YAMLError).code == .tooManyDocuments && (e as! YAMLError).mark == Mark(line: 11, column: 1)
        }
        #expect { _ = try YAMLReader.read(bytes: Array("a: [1, 2, 3, 4]\n".utf8), path: "n.yaml", limits: YAMLLimits(maxNodes: 5)) } throws: { e in
            (e as! YAMLError).code == .tooManyNodes && (e as! YAMLError).mark == Mark(line: 1, column: 11)
        }
    }
}
