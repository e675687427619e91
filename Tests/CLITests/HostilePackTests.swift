import Foundation
import Testing
import TestSupport

/// Hostile and broken rule packs and pack tests, run through the real binary: a pattern that would
/// make a backtracking engine give up, conditions nested without end, cyclic `extends`, garbage
/// and descriptors where a pack is expected, and packs large enough to expose quadratic work.
@Suite("Hostile rule packs never hurt")
struct HostilePackTests {
    /// A copy of the mini fixture pack in a fresh folder (the caller removes its parent), with
    /// `edit` applied to its pack.yaml.
    /// The mini fixture pack's text, and the line a text starts on in it (so the tests follow the fixture).
    static var miniText: String { (try? String(contentsOfFile: TestPaths.fixture("mini/pack.yaml"), encoding: .utf8)) ?? "" }
    static func miniLine(_ needle: String) -> Int {
        guard let r = miniText.range(of: needle) else { return -1 }
        return miniText[..<r.lowerBound].filter { $0 == "\n" }.count + 1
    }

    func miniCopy(_ name: String, _ edit: (String) -> String = { $0 }) throws -> URL {
        let dir = try temporaryFolder(name)
        let pack = dir.appendingPathComponent("mini")
        try FileManager.default.copyItem(atPath: TestPaths.fixture("mini"), toPath: pack.path)
        let file = pack.appendingPathComponent("pack.yaml")
        try Data(edit(try String(contentsOf: file, encoding: .utf8)).utf8).write(to: file)
        return pack
    }

    func descriptor(_ dir: URL, _ name: String, code: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data("""
            apiVersion: govcheck/v1
            kind: Deployment
            metadata: {name: \(name)}
            mini: {roles: [deployer], markets: [DE], ai_system: true, purpose: chat, compute_flop: 1e20, code: "\(code)"}

            """.utf8).write(to: url)
        return url.path
    }

    /// `(a+)+$` is the classic catastrophic pattern for a backtracking engine; on `(ab|a)*$` over
    /// 400,000 characters Foundation's engine runs out of backtracking stack and answers "no
    /// match" for a value that matches (the tier flipped to minimal, without a word).
    @Test("backtracking-hostile 'matches' patterns on long values complete with the right answer both ways")
    func hostilePatterns() throws {
        let pack = try miniCopy("regex") { $0.replacingOccurrences(of: "matches: \"^BAN-\"", with: "matches: \"^(a+)+$|^(ab|a)*$\"") }
        defer { removeTemporaryFolder(pack.deletingLastPathComponent()) }
        let pairs = String(repeating: "ab", count: 200_000)
        let matching = try descriptor(pack, "matching.yaml", code: pairs)
        let failing = try descriptor(pack, "failing.yaml", code: pairs + "c")
        let catastrophic = try descriptor(pack, "catastrophic.yaml", code: String(repeating: "a", count: 30_000) + "!")
        let r = try runGovcheckBounded(["check", "--no-shipped-rules", "--rules", pack.path, "--as-of", "2026-12-02",
                                        "--fail-on", "none", matching, failing, catastrophic], memoryMB: 1024)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let sections = r.stdout.components(separatedBy: "\n\n")
        func section(_ name: String) throws -> String { try #require(sections.first { $0.hasPrefix("\(name)\n  descriptor: ") }) }
        let m = try section("matching.yaml")
        #expect(m.contains("tier: prohibited") && m.contains("because new-ban"), "\(m)")
        #expect(try section("failing.yaml").contains("tier: minimal"))
        #expect(try section("catastrophic.yaml").contains("tier: minimal"))
    }

    @Test("a pattern outside the linear-time subset is a load error at the offending character")
    func unsupportedPattern() throws {
        for (pattern, offset, reason) in [("^BAN-(?=x)", 5, "'(?' constructs other than '(?:' (look-around, named groups, flags) are not supported"),
                                          ("^(BAN)-\\1", 7, "'\\1' is not supported"),
                                          ("^BAN-.*?", 7, "lazy quantifiers ('*?', '+?', '??') are not supported")] {
            let pack = try miniCopy("badregex") { $0.replacingOccurrences(of: "matches: \"^BAN-\"", with: "matches: '\(pattern)'") }
            defer { removeTemporaryFolder(pack.deletingLastPathComponent()) }
            let text = try String(contentsOf: pack.appendingPathComponent("pack.yaml"), encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            let line = lines.firstIndex { $0.contains("matches:") }! + 1
            let column = lines[line - 1].distance(from: lines[line - 1].startIndex, to: lines[line - 1].firstIndex(of: "'")!) + 2 + offset
            let r = try runGovcheck(["check", "--no-shipped-rules", "--rules", pack.path, "Tests/Fixtures/descriptors/chat-eu.yaml"])
            #expect(r.status == 2)
            #expect(r.stderr.contains("pack.yaml:\(line):\(column): error: unsupported pattern"), "\(r.stderr)")
            #expect(r.stderr.contains(reason), "\(r.stderr)")
            #expect(r.stderr.contains("[condition.regex]"))
        }
    }

    @Test("a condition nested 10,000 deep, inline or through named conditions, and one that doubles at each step, are load errors")
    func deepConditions() throws {
        let inline = String(repeating: "{not: ", count: 10_000) + "{fact: mini.ai_system, equals: true}" + String(repeating: "}", count: 10_000)
        let a = try miniCopy("deepinline") { $0.replacingOccurrences(of: "when: {fact: mini.purpose, equals: recruitment}", with: "when: \(inline)") }
        defer { removeTemporaryFolder(a.deletingLastPathComponent()) }
        let ra = try runGovcheckBounded(["lint", a.path], memoryMB: 1024)
        #expect(ra.status == 1)
        let whenLine = Self.miniLine("when: {fact: mini.purpose, equals: recruitment}")
        #expect(ra.stdout.contains("pack.yaml:\(whenLine):") && ra.stdout.contains("error: nesting is deeper than the limit of 64 levels [yaml.too-deep]"), "\(ra.stdout)")

        var chain = "conditions:\n  c0: {fact: mini.ai_system, equals: true}\n"
        for i in 1..<10_000 { chain += "  c\(i): {use: c\(i - 1)}\n" }
        let b = try miniCopy("deepnamed") {
            $0.replacingOccurrences(of: "conditions:\n", with: chain)
                .replacingOccurrences(of: "when: {fact: mini.purpose, equals: recruitment}", with: "when: {use: c9999}")
        }
        defer { removeTemporaryFolder(b.deletingLastPathComponent()) }
        let rb = try runGovcheckBounded(["lint", b.path], memoryMB: 1024)
        #expect(rb.status == 1)
        #expect(rb.stdout.contains("error: the condition is nested more than 64 levels deep (counting the named conditions it uses) [condition.too-deep]"), "\(rb.stdout.prefix(3000))")

        var doubling = "conditions:\n  d0: {fact: mini.ai_system, equals: true}\n"
        for i in 1...25 { doubling += "  d\(i): {all: [{use: d\(i - 1)}, {use: d\(i - 1)}]}\n" }
        let c = try miniCopy("doubling") {
            $0.replacingOccurrences(of: "conditions:\n", with: doubling)
                .replacingOccurrences(of: "when: {fact: mini.purpose, equals: recruitment}", with: "when: {use: d25}")
        }
        defer { removeTemporaryFolder(c.deletingLastPathComponent()) }
        let rc = try runGovcheckBounded(["lint", c.path], memoryMB: 1024)
        #expect(rc.status == 1)
        #expect(rc.stdout.contains("error: the condition expands to more than 100000 nodes once its named conditions are written out [condition.too-large]"), "\(rc.stdout.prefix(3000))")
    }

    @Test("a pack that extends itself, and two that extend each other, are named as such")
    func cyclicExtends() throws {
        let dir = try temporaryFolder("cycle")
        defer { removeTemporaryFolder(dir) }
        func pack(_ id: String, extends base: String) throws {
            let folder = dir.appendingPathComponent(id)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("govcheck: 1\nkind: RulePack\nid: \(id)\nversion: 1.0.0\ntitle: {en: \(id)}\njurisdiction: EU\nextends: \(base)\n".utf8)
                .write(to: folder.appendingPathComponent("pack.yaml"))
        }
        try pack("alpha", extends: "beta")
        try pack("beta", extends: "alpha")
        try pack("selfish", extends: "selfish")
        let r = try runGovcheck(["check", "--no-shipped-rules", "--rules", dir.path, "Tests/Fixtures/descriptors/chat-eu.yaml"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("alpha/pack.yaml:7:10: error: packs 'alpha' and 'beta' extend each other [pack.extends-cycle]"), "\(r.stderr)")
        #expect(r.stderr.contains("beta/pack.yaml:7:10: error: packs 'beta' and 'alpha' extend each other [pack.extends-cycle]"))
        #expect(r.stderr.contains("selfish/pack.yaml:7:10: error: pack 'selfish' extends itself [pack.extends-cycle]"))
        #expect(!r.stderr.contains("did you mean"), "\(r.stderr)")
    }

    @Test("binary garbage as a pack file is a load error, not a crash")
    func garbagePack() throws {
        let dir = try temporaryFolder("garbage")
        defer { removeTemporaryFolder(dir) }
        var bytes: [UInt8] = Array("govcheck: 1\n".utf8)
        var seed: UInt64 = 42
        for _ in 0..<4096 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            bytes.append(UInt8(truncatingIfNeeded: seed >> 33))
        }
        let folder = dir.appendingPathComponent("junk")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: folder.appendingPathComponent("pack.yaml"))
        let r = try runGovcheckBounded(["check", "--no-shipped-rules", "--rules", folder.path, "Tests/Fixtures/descriptors/chat-eu.yaml"],
                                       memoryMB: 1024)
        #expect(r.status == 2)
        #expect(r.stderr.contains("junk/pack.yaml:2:") && (r.stderr.contains("[yaml.binary]") || r.stderr.contains("[yaml.invalid-utf8]")), "\(r.stderr)")
        #expect(r.stderr.contains("rule packs did not load"))
    }

    @Test("lint on a descriptor says it is a descriptor, not a pack of two documents")
    func lintDescriptor() throws {
        let r = try runGovcheck(["lint", "Tests/Fixtures/descriptors/two-docs.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("two-docs.yaml:2:7: error: this is a deployment descriptor (kind: Deployment), not a rule pack [pack.not-a-pack]"), "\(r.stdout)")
        #expect(r.stdout.contains("help: check descriptors with 'govcheck check FILE'"))
        #expect(!r.stdout.contains("exactly one YAML document"))
    }

    @Test("lint on a pack of 4,000 obligations without reviewers lists every warning (line lookups are indexed)")
    func lintLargePack() throws {
        var obligations = ""
        for i in 0..<4_000 {
            obligations += """
                  - id: gen-\(i)
                    title: {en: "Generated duty \(i)"}
                    citation: {instrument: law, article: "4"}
                    binds: [deployer]
                    appliesWhen: {fact: mini.purpose, equals: chat}
                    satisfiedWhen: {fact: mini.evidence.notice, equals: true}
                    appliesFrom: 2026-08-02
                    severity: high
                    remediation: {en: "Do it."}

                """
        }
        let unreviewed = Self.miniText.replacingOccurrences(of: "reviewed: {by: \"govcheck tests\", on: 2026-11-22}\n", with: "")
        // The same pack without the generated duties: its own warnings, and where the duties start.
        let base = try miniCopy("bigpack-base") { _ in unreviewed }
        defer { removeTemporaryFolder(base.deletingLastPathComponent()) }
        let baseLint = try runGovcheck(["lint", base.path]).stdout
        let baseWarnings = try #require(Int(baseLint.split(separator: " ").dropLast().last ?? ""), "\(baseLint.suffix(200))")
        let firstLine = unreviewed.filter { $0 == "\n" }.count + 1
        let pack = try miniCopy("bigpack") { _ in unreviewed + obligations }
        defer { removeTemporaryFolder(pack.deletingLastPathComponent()) }
        let r = try runGovcheckBounded(["lint", pack.path], memoryMB: 1024)
        #expect(r.status == 0, "\(r.stdout.suffix(2000))")
        #expect(r.stdout.hasSuffix("1 pack linted: 0 errors, \(baseWarnings + 4_000) warnings\n"), "\(r.stdout.suffix(500))")
        #expect(r.stdout.contains("pack.yaml:\(firstLine + 9 * 3_999):5: warning: obligation 'gen-3999' has no reviewer [lint.no-reviewer]"))
    }

    @Test("govcheck test counts errors in its closing line: an expectation naming an unknown obligation")
    func testErrorsCounted() throws {
        let pack = try miniCopy("testerr")
        defer { removeTemporaryFolder(pack.deletingLastPathComponent()) }
        let t = pack.appendingPathComponent("tests/mini.yaml")
        let text = try String(contentsOf: t, encoding: .utf8)
            .replacingOccurrences(of: "        literacy: missing\n", with: "        literacy: missing\n        no-such-duty: met\n")
            .replacingOccurrences(of: "../../descriptors/", with: TestPaths.fixture("descriptors") + "/")
        try Data(text.utf8).write(to: t)
        let r = try runGovcheck(["test", pack.path])
        #expect(r.status == 2)
        #expect(r.stdout.contains("error: pack 'mini' has no obligation 'no-such-duty' [test.unknown-obligation]"), "\(r.stdout)")
        #expect(r.stdout.hasSuffix("2 passed, 0 failed, 1 error\n"), "\(r.stdout)")
    }
}
