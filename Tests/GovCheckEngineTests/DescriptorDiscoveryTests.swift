import Foundation
import Testing
import TestSupport
import YAMLTree
@testable import GovCheckEngine

@Suite("Which YAML files in a folder are descriptors")
struct DescriptorDiscoveryTests {
    func verdict(_ text: String) throws -> DescriptorDiscovery.Verdict {
        let dir = try temporaryFolder("verdict")
        defer { removeTemporaryFolder(dir) }
        let path = dir.appendingPathComponent("f.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return DescriptorDiscovery.verdict(path)
    }

    @Test("govcheck's apiVersion, of any version, or kind: Deployment without any apiVersion, is a descriptor; the rest is skipped with the reason")
    func verdicts() throws {
        #expect(try verdict("apiVersion: govcheck/v1\nkind: Deployment\n") == .descriptor)
        #expect(try verdict("apiVersion: govcheck/v9\n") == .descriptor)
        #expect(try verdict("kind: Deployment\nmetadata: {name: x}\n") == .descriptor)
        #expect(try verdict("apiVersion: apps/v1\nkind: Deployment\n") == .skip("its first document's apiVersion is 'apps/v1'"))
        #expect(try verdict("kind: Deployment\napiVersion: apps/v1\n") == .skip("its first document's apiVersion is 'apps/v1'"))
        #expect(try verdict("apiVersion: {a: 1}\n") == .skip("its first document's apiVersion is a mapping"))
        #expect(try verdict("on: push\njobs: {}\n") == .skip("its first document has no apiVersion"))
        #expect(try verdict("- a\n") == .skip("its first document is a sequence, not a mapping"))
        #expect(try verdict("") == .skip("it holds no YAML document"))
        #expect(try verdict("a: [\n") == .unclear)
    }

    @Test("past one of the probe's own bounds, the whole file decides when the reader can read it")
    func fallback() throws {
        // More than a million events (each empty mapping is two) but fewer than a million nodes.
        let text = "items:\n" + String(repeating: "  - {}\n", count: 600_000) + "apiVersion: apps/v1\n"
        let dir = try temporaryFolder("fallback")
        defer { removeTemporaryFolder(dir) }
        let path = dir.appendingPathComponent("f.yaml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(YAMLReader.probeFirstDocument(path: path, keys: [], stopAt: "apiVersion") == nil, "the probe gives up")
        #expect(DescriptorDiscovery.verdict(path) == .skip("its first document's apiVersion is 'apps/v1'"))
    }
}
