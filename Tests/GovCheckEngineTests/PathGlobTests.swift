import Testing
@testable import GovCheckEngine

@Suite("--exclude patterns match as .gitignore users expect, in linear time")
struct PathGlobTests {
    func m(_ pattern: String, _ path: String, folder: Bool = false) throws -> Bool {
        try PathGlob(pattern).matches(path, isFolder: folder)
    }

    @Test("a pattern without '/' matches a name at any depth; with '/' it is anchored at the folder given")
    func anchoring() throws {
        #expect(try m("vendor", "vendor", folder: true))
        #expect(try m("vendor", "a/b/vendor", folder: true))
        #expect(try m("*.tmpl.yaml", "deploy/x.tmpl.yaml"))
        #expect(try !m("*.tmpl.yaml", "deploy/x.yaml"))
        #expect(try m("deploy/k8s", "deploy/k8s", folder: true))
        #expect(try !m("deploy/k8s", "apps/deploy/k8s", folder: true))
        #expect(try m("/deploy", "deploy", folder: true))
        #expect(try !m("/deploy", "a/deploy", folder: true))
        #expect(try m("./deploy/*.yaml", "deploy/a.yaml"))
    }

    @Test("'*' and '?' stay within a name, '**' spans folders (none included), classes and negated classes")
    func wildcards() throws {
        #expect(try m("deploy/*.yaml", "deploy/a.yaml"))
        #expect(try !m("deploy/*.yaml", "deploy/k8s/a.yaml"))
        #expect(try m("deploy/**/*.yaml", "deploy/a.yaml"))
        #expect(try m("deploy/**/*.yaml", "deploy/k8s/prod/a.yaml"))
        #expect(try m("deploy/**", "deploy", folder: true), "a folder matched by dir/** is not entered at all")
        #expect(try m("**/testdata/**", "services/chat/testdata/x.yaml"))
        #expect(try m("d?.yaml", "d1.yaml") && !m("d?.yaml", "d10.yaml"))
        #expect(try m("[ab]*.yaml", "b.yaml") && !m("[ab]*.yaml", "c.yaml"))
        #expect(try m("[!ab]*.yaml", "c.yaml") && !m("[!ab]*.yaml", "a.yaml"))
        #expect(try m("d[0-9].yaml", "d7.yaml") && !m("d[0-9].yaml", "dx.yaml"))
        #expect(try m("[]]x", "]x"))
        #expect(try m("*", "anything/at/all.yaml"))
    }

    @Test("a trailing '/' matches folders only; an empty pattern or an unclosed class is refused")
    func foldersAndErrors() throws {
        #expect(try m("tools/", "tools", folder: true))
        #expect(try !m("tools/", "tools"))
        #expect(throws: PathGlob.Problem.self) { try PathGlob("") }
        #expect(throws: PathGlob.Problem.self) { try PathGlob("/") }
        #expect(throws: PathGlob.Problem.self) { try PathGlob("a[bc") }
    }

    @Test("stars that would make a backtracking matcher exponential are linear here")
    func linear() throws {
        let pattern = String(repeating: "*a", count: 30) + "b"
        let name = String(repeating: "a", count: 5_000)
        #expect(try !m(pattern, name))
        #expect(try !m(String(repeating: "**/", count: 40) + "x", String(repeating: "a/", count: 2_000) + "y"))
    }
}
