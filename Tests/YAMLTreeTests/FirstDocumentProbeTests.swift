import Foundation
import Testing
import TestSupport
import YAMLTree

@Suite("Probing a file's first document: only as far as needed, never deciding on what it could not read")
struct FirstDocumentProbeTests {
    func probe(_ text: String, keys: Set<String> = ["kind"]) throws -> FirstDocumentProbe? {
        try probe(Data(text.utf8), keys: keys)
    }

    func probe(_ data: Data, keys: Set<String> = ["kind"]) throws -> FirstDocumentProbe? {
        let dir = try temporaryFolder("probe")
        defer { removeTemporaryFolder(dir) }
        let path = dir.appendingPathComponent("f.yaml").path
        try data.write(to: URL(fileURLWithPath: path))
        return YAMLReader.probeFirstDocument(path: path, keys: keys, stopAt: "apiVersion")
    }

    @Test("the top-level apiVersion, wherever it is in the root mapping, and the keys met before it")
    func values() throws {
        let p = try #require(try probe("kind: Deployment\nspec: {a: [1, 2, {b: c}]}\napiVersion: apps/v1\nlater: x\n"))
        #expect(p.root == .mapping)
        #expect(p.values == ["kind": .scalar("Deployment"), "apiVersion": .scalar("apps/v1")])
        // Nested apiVersion keys are not the document's.
        let nested = try #require(try probe("spec:\n  apiVersion: govcheck/v1\nname: x\n"))
        #expect(nested.values.isEmpty && nested.root == .mapping)
        let quoted = try #require(try probe("\"apiVersion\": 'govcheck/v1'\n"))
        #expect(quoted.values["apiVersion"] == .scalar("govcheck/v1"))
        let alias = try #require(try probe("x: &v govcheck/v1\napiVersion: *v\n"))
        #expect(alias.values["apiVersion"] == .scalar("govcheck/v1"))
        let shape = try #require(try probe("apiVersion: [govcheck/v1]\n"))
        #expect(shape.values["apiVersion"] == .other("a sequence"))
        let flow = try #require(try probe("{apiVersion: govcheck/v1, kind: Deployment}"))
        #expect(flow.values["apiVersion"] == .scalar("govcheck/v1"))
        let bom = try #require(try probe(Data([0xEF, 0xBB, 0xBF]) + Data("apiVersion: govcheck/v1\n".utf8)))
        #expect(bom.values["apiVersion"] == .scalar("govcheck/v1"))
    }

    @Test("other shapes and empty files are told apart")
    func shapes() throws {
        #expect(try probe("")?.root == .noDocument)
        #expect(try probe("# only a comment\n\n")?.root == .noDocument)
        #expect(try probe("- a\n- b\n")?.root == .other("a sequence"))
        #expect(try probe("just a string\n")?.root == .other("a string"))
        #expect(try probe("---\n---\napiVersion: govcheck/v1\n")?.root == .other("null"), "only the first document counts")
    }

    @Test("only the top of the file is read: text after the apiVersion may be broken, or larger than the size limit")
    func readsOnlyTheTop() throws {
        let broken = try #require(try probe("apiVersion: v1\ndata: [unclosed\n"))
        #expect(broken.values["apiVersion"] == .scalar("v1"))
        var big = Data("apiVersion: apps/v1\nitems:\n".utf8)
        big.append(Data(String(repeating: "  - {name: item, value: 0123456789}\n", count: 300_000).utf8))
        #expect(big.count > YAMLLimits.default.maxBytes)
        #expect(try probe(big)?.values["apiVersion"] == .scalar("apps/v1"))
    }

    @Test("nil whenever the file cannot be read cleanly up to the decision: syntax, encoding, NUL, limits, not a regular file")
    func undecided() throws {
        #expect(try probe("a: [\napiVersion: govcheck/v1\n") == nil)
        #expect(try probe("a: b: c\n") == nil)
        #expect(try probe("apiVersion: *nowhere\n") == nil)
        #expect(try probe("x: \"a\0b\"\napiVersion: v1\n") == nil)
        #expect(try probe(Data([0x61, 0x3A, 0x20, 0xFF, 0x0A])) == nil)
        #expect(try probe("apiVersion: govcheck/v1\n".data(using: .utf16)!) == nil)
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(try probe("a: \(deep)\napiVersion: v1\n") == nil)
        var huge = "a:\n"
        huge += String(repeating: "  - x\n", count: 1_500_000)
        #expect(try probe(huge + "apiVersion: v1\n") == nil, "past the size limit before the apiVersion")
        #expect(YAMLReader.probeFirstDocument(path: "/dev/null", keys: [], stopAt: "apiVersion") == nil)
        #expect(YAMLReader.probeFirstDocument(path: "/no/such/file.yaml", keys: [], stopAt: "apiVersion") == nil)
        let dir = try temporaryFolder("probe-fifo")
        defer { removeTemporaryFolder(dir) }
        let fifo = dir.appendingPathComponent("p.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(YAMLReader.probeFirstDocument(path: fifo, keys: [], stopAt: "apiVersion") == nil, "refused without opening, so no hang")
    }
}
