import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

/// `Checker.run` evaluates files in parallel over shared packs (compiled conditions, a shared
/// regular expression, source files); under `scripts/tsan.sh` this suite is where races would show.
@Suite("Parallel evaluation")
struct ConcurrencyTests {
    /// Descriptors that reach different paths of the mini pack: decided, needs-review, the `matches`
    /// rule on `mini.code`, broken input, several documents in one file.
    static func writeInputs(count: Int) throws -> (URL, [String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-parallel-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let bodies = [
            doc("roles: [deployer], markets: [DE], ai_system: true, purpose: recruitment, compute_flop: 1e20"),
            doc("roles: [deployer], markets: [DE], ai_system: true, purpose: chat, code: BAN-7"),
            doc("roles: [provider], markets: [FR], ai_system: true, purpose: chat, code: OK-1"),
            doc("roles: [deployer], ai_system: true, purpose: chat"),
            doc("roles: [deployer], markets: [US], ai_system: true, compute_flop: 1e26"),
            doc("roles: [deployer], markets: [DE], ai_system: maybe"),
            doc("roles: [deployer], markets: [DE], ai_system: true") + "---\n" + doc("markets: [EU], personal_use: true"),
            "apiVersion: govcheck/v1\nkind: [broken\n",
        ]
        var files: [String] = []
        for i in 0..<count {
            let url = dir.appendingPathComponent(String(format: "d%03d.yaml", i))
            try Data(bodies[i % bodies.count].utf8).write(to: url)
            files.append(url.path)
        }
        return (dir, files)
    }

    @Test("parallel results equal one-by-one results, in input order")
    func parallelEqualsSequential() throws {
        let (dir, files) = try Self.writeInputs(count: 64)
        defer { try? FileManager.default.removeItem(at: dir) }
        let options = CheckOptions(asOf: asOf, includeNotApplicable: true)
        let report = Checker.run(paths: [dir.path], packSet: mini, options: options, stdin: { [] })
        var results: [DescriptorResult] = []
        var errors: [InputError] = []
        for f in files {
            let (r, e) = Checker.checkFile(f, packs: mini.packs, vocabulary: mini.vocabulary, options: options, stdin: { [] })
            results += r
            errors += e
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        #expect(report.results.count == results.count)
        #expect(report.results.count == 56)  // per 8 files: five good ones, one with two documents, two broken
        #expect(try encoder.encode(report.results) == encoder.encode(results))
        #expect(try encoder.encode(report.errors) == encoder.encode(errors))
        #expect(report.errors.count == 16)  // the ai_system type error and the broken file, 8 times each
        // The amendment's ban (a `matches` rule, from 2026-12-02) is upcoming for the BAN- code only.
        let banned = report.results.filter { r in r.evaluations.first?.timeline.contains { $0.decision.reasons.contains { $0.rule == "new-ban" } } == true }
        #expect(banned.count == 8, "the shared regular expression must have been evaluated in parallel")
    }
}
