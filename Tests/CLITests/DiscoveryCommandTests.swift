import Foundation
import Testing
import TestSupport

/// `govcheck check .` in a real repository: descriptors are the YAML files whose first document
/// declares govcheck's apiVersion; everything else is skipped and counted, never silently, and a
/// file that cannot be read far enough to tell is an error.
@Suite("check finds the descriptors of a real repository")
struct DiscoveryCommandTests {
    let asOf = ["--as-of", "2026-11-22"]

    @Test("check . skips workflows, manifests and docs config, counts them, and reports YAML broken before it can be told")
    func realRepository() throws {
        let repo = try FleetRepository("discover")
        defer { repo.cleanUp() }
        let r = try repo.run(["check"] + asOf + ["--fail-on", "none", "."])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("./tools/broken.yml:2:3: error: while parsing a flow node at 2:3: did not find expected node content [yaml.syntax]"), "\(r.stdout)")
        #expect(r.stderr.contains("note: 1 YAML file in the folders given could not be read far enough to tell whether it is a govcheck descriptor (errors above); fix it, or leave it out with --exclude GLOB"))
        #expect(r.flowedStdout.contains("descriptor: ./services/chat/govcheck.yaml (customer-service-chatbot)"))
        #expect(r.flowedStdout.contains("descriptor: ./services/hr/cv-screening.yaml (public-authority-cv-screening)"))
        #expect(r.stdout.contains("Summary: 2 descriptors checked, 1 input error, as of 2026-11-22"))
        #expect(r.stdout.contains("  skipped 3 files that are not govcheck descriptors (--verbose lists them)"))
        #expect(!r.stdout.contains(".github") && !r.stdout.contains("build-copy") && !r.stdout.contains("k8s"))

        // Leaving the broken file out, the run passes on its findings alone.
        let clean = try repo.run(["check"] + asOf + ["--fail-on", "none", "--exclude", "tools", "."])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("Summary: 2 descriptors checked, 0 input errors"))
        #expect(clean.stderr.isEmpty, "\(clean.stderr)")
        let json = try FleetRepository.json(try repo.run(["check"] + asOf + ["--fail-on", "none", "--exclude", "tools", "--format", "json", "."]))
        let summary = json["summary"] as! [String: Any]
        #expect(summary["skipped"] as? Int == 3)
        #expect(summary["descriptors"] as? Int == 2)
        #expect((json["results"] as! [Any]).count == 2)
    }

    @Test("--verbose lists each hidden, excluded and skipped path with the reason, on standard error")
    func verbose() throws {
        let repo = try FleetRepository("verbose")
        defer { repo.cleanUp() }
        let r = try repo.run(["check"] + asOf + ["--fail-on", "none", "--exclude", "tools", "--verbose", "."])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        for line in [
            "not searched (hidden; --include-hidden searches it): ./.build/",
            "not searched (hidden; --include-hidden searches it): ./.git/",
            "not searched (hidden; --include-hidden searches it): ./.github/",
            "not searched (--exclude 'tools'): ./tools/",
            "skipped, not a govcheck descriptor (its first document's apiVersion is 'apps/v1'): ./deploy/k8s/app.yaml",
            "skipped, not a govcheck descriptor (its first document's apiVersion is 'v1'): ./deploy/k8s/legacy.yaml",
            "skipped, not a govcheck descriptor (its first document has no apiVersion): ./docs/mkdocs.yml",
        ] {
            #expect(r.stderr.contains(line), "missing: \(line)\n\(r.stderr)")
        }
        #expect(!r.stdout.contains("not searched"), "the listing goes to standard error, not into the report")
    }

    @Test("--include-hidden searches hidden folders; a hidden folder or a manifest named on the command line is not skipped")
    func hiddenAndNamed() throws {
        let repo = try FleetRepository("hidden")
        defer { repo.cleanUp() }
        let all = try repo.run(["check"] + asOf + ["--fail-on", "none", "--exclude", "tools", "--include-hidden", "."])
        #expect(all.status == 0, "\(all.stdout)\(all.stderr)")
        #expect(all.flowedStdout.contains("descriptor: ./.build/debug/copy.yaml (build-copy)"), "\(all.stdout)")
        #expect(all.stdout.contains("Summary: 3 descriptors checked"))
        #expect(all.stdout.contains("skipped 4 files"), "the workflow is read now, and skipped: \(all.stdout)")
        // A folder named on the command line is searched even when hidden: here it holds no descriptor.
        let github = try repo.run(["check"] + asOf + [".github"])
        #expect(github.status == 2)
        #expect(github.stderr.contains(".github:1:1: error: no govcheck descriptors in this folder: 1 YAML file was read, and none declares 'apiVersion: govcheck/v1' in its first document [io.no-descriptors]"), "\(github.stdout)")
        // A file named on the command line must be a descriptor.
        let named = try repo.run(["check"] + asOf + ["deploy/k8s/app.yaml"])
        #expect(named.status == 2)
        #expect(named.stderr.contains("deploy/k8s/app.yaml:1:13: error: unsupported apiVersion 'apps/v1' [descriptor.api-version]"), "\(named.stdout)")
        #expect(named.stdout.contains("Summary: 0 descriptors checked, 2 input errors"))
    }

    @Test("--exclude: a name at any depth, a path anchored at the folder given, ** across folders, folders only with a trailing /")
    func exclude() throws {
        let repo = try FleetRepository("exclude")
        defer { repo.cleanUp() }
        try repo.write("services/chat/testdata/draft.yaml", FleetRepository.sample(FleetRepository.chat).replacingOccurrences(of: "customer-service-chatbot", with: "draft"))
        let r = try repo.run(["check"] + asOf + ["--fail-on", "none", "--verbose", "--exclude", "tools/", "--exclude", "**/k8s/*.yaml",
                                                 "--exclude", "testdata", "--exclude", "docs/*.yml", "."])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Summary: 2 descriptors checked, 0 input errors"))
        #expect(!r.stdout.contains("skipped"), "every non-descriptor was excluded before it was read: \(r.stdout)")
        #expect(r.stderr.contains("not read (--exclude '**/k8s/*.yaml'): ./deploy/k8s/app.yaml"), "\(r.stderr)")
        #expect(r.stderr.contains("not searched (--exclude 'testdata'): ./services/chat/testdata/"))
        #expect(r.stderr.contains("not read (--exclude 'docs/*.yml'): ./docs/mkdocs.yml"))
        // Patterns are relative to the folder given: from 'services', 'chat' names a folder there.
        let sub = try repo.run(["check"] + asOf + ["--fail-on", "none", "--exclude", "chat", "services"])
        #expect(sub.stdout.contains("Summary: 1 descriptor checked"), "\(sub.stdout)")
        // A file named on the command line is read whatever the patterns say.
        let named = try repo.run(["check"] + asOf + ["--fail-on", "none", "--exclude", "*.yaml", "services/chat/govcheck.yaml"])
        #expect(named.stdout.contains("Summary: 1 descriptor checked"))
        let bad = try repo.run(["check"] + asOf + ["--exclude", "[abc", "."])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("in the pattern '[abc': '[' at character 1 is not closed by ']'"), "\(bad.stderr)")
    }

    @Test("a descriptor of another govcheck version, or one that lost its apiVersion, is reported, not skipped; a folder of other YAML is an error")
    func nearMisses() throws {
        let repo = try FleetRepository("near")
        defer { repo.cleanUp() }
        try repo.write("ai/v2.yaml", "apiVersion: govcheck/v2\nkind: Deployment\nmetadata: {name: v2}\n")
        try repo.write("ai/lost.yaml", "# the apiVersion line was deleted\nkind: Deployment\nmetadata: {name: lost}\n")
        try repo.write("ai/other.yaml", "a: 1\n")
        let r = try repo.run(["check"] + asOf + ["ai"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("ai/v2.yaml:1:13: error: unsupported apiVersion 'govcheck/v2' [descriptor.api-version]"), "\(r.stdout)")
        #expect(r.stderr.contains("ai/lost.yaml:2:1: error: missing 'apiVersion' [descriptor.missing-api-version]"))
        #expect(r.stdout.contains("skipped 1 file that is not a govcheck descriptor"))
        let none = try repo.run(["check"] + asOf + ["deploy", "docs"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("deploy:1:1: error: no govcheck descriptors in this folder: 2 YAML files were read"), "\(none.stdout)")
        #expect(none.stderr.contains("docs:1:1: error: no govcheck descriptors in this folder: 1 YAML file was read"))
        #expect(none.stdout.contains("Summary: 0 descriptors checked, 2 input errors"))
    }
}
