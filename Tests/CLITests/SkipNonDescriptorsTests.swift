import Foundation
import Testing
import TestSupport

/// `check --skip-non-descriptors FILE...`, as pre-commit calls it with every changed YAML file:
/// named files are decided as folder files are, and nothing is skipped in silence.
@Suite("check --skip-non-descriptors decides named files as a folder search does")
struct SkipNonDescriptorsTests {
    let asOf = ["--as-of", "2026-11-22", "--no-config"]

    @Test("named workflows and manifests are skipped and counted; descriptors among them are checked")
    func mixed() throws {
        let dir = try temporaryFolder("skip-named")
        defer { removeTemporaryFolder(dir) }
        let workflow = try writeFile(dir, ".github/workflows/ci.yml", "name: ci\non: push\njobs: {}\n")
        let manifest = try writeFile(dir, "k8s/app.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n")
        let system = dir.appendingPathComponent("system.yaml").path
        try FileManager.default.copyItem(atPath: TestPaths.root.appendingPathComponent("Samples/eu-emotion-recognition-workplace.yaml").path,
                                         toPath: system)

        // Without the flag a named file that is not a descriptor stays an input error.
        let strict = try runGovcheck(["check"] + asOf + [workflow, system], in: dir)
        #expect(strict.status == 2, "\(strict.stdout)\(strict.stderr)")

        let r = try runGovcheck(["check"] + asOf + ["--skip-non-descriptors", "--verbose", workflow, manifest, system], in: dir)
        #expect(r.status == 1, "the prohibited system still fails: \(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("tier: prohibited"))
        #expect(r.stdout.contains("Summary: 1 descriptor checked, 0 input errors"), "\(r.stdout)")
        #expect(r.stdout.contains("skipped 2 files that are not govcheck descriptors"), "\(r.stdout)")
        #expect(r.stderr.contains("skipped, not a govcheck descriptor (its first document has no apiVersion): \(workflow)"), "\(r.stderr)")
        #expect(r.stderr.contains("skipped, not a govcheck descriptor (its first document's apiVersion is 'apps/v1'): \(manifest)"), "\(r.stderr)")

        let json = try JSONSerialization.jsonObject(with: Data(try runGovcheck(
            ["check"] + asOf + ["--skip-non-descriptors", "--format", "json", workflow, manifest, system], in: dir).stdout.utf8)) as? [String: Any]
        let summary = try #require(json?["summary"] as? [String: Any])
        #expect(summary["skipped"] as? Int == 2)
        #expect(summary["descriptors"] as? Int == 1)
    }

    @Test("only other YAML: nothing to check, and the summary says so; YAML broken before it can be told is still an error")
    func nothingToCheck() throws {
        let dir = try temporaryFolder("skip-none")
        defer { removeTemporaryFolder(dir) }
        let workflow = try writeFile(dir, "ci.yml", "name: ci\non: push\n")
        let r = try runGovcheck(["check"] + asOf + ["--skip-non-descriptors", workflow], in: dir)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Summary: 0 descriptors checked, 0 input errors"), "\(r.stdout)")
        #expect(r.stdout.contains("skipped 1 file that is not a govcheck descriptor"), "\(r.stdout)")

        let broken = try writeFile(dir, "broken.yaml", "a: [1,\n  b: {\n")
        let b = try runGovcheck(["check"] + asOf + ["--skip-non-descriptors", workflow, broken], in: dir)
        #expect(b.status == 2, "\(b.stdout)\(b.stderr)")
        #expect(b.stderr.contains("broken.yaml:"), "\(b.stderr)")

        // A descriptor that lost its apiVersion still says `kind: Deployment`, and is read (and reported).
        let lost = try writeFile(dir, "lost.yaml", "kind: Deployment\nmetadata:\n  name: x\n")
        let l = try runGovcheck(["check"] + asOf + ["--skip-non-descriptors", lost], in: dir)
        #expect(l.status == 2, "\(l.stdout)\(l.stderr)")
        #expect(l.stderr.contains("apiVersion"), "\(l.stderr)")
    }
}
