import Foundation
import Testing
import TestSupport

/// `.govcheck.yaml`: found by walking up to the repository root, read strictly, overridden by flags,
/// and shown setting by setting with `--print-config`.
@Suite("check reads a repository's .govcheck.yaml")
struct ConfigCommandTests {
    static let config = """
        govcheck: 1
        kind: Config
        paths: [services, deploy, docs]
        exclude: [tools, "**/k8s/**"]
        failOn: [tier:critical, missing:medium]
        output: {json: govcheck.json}
        asOf: 2026-11-22

        """

    @Test("found from a subfolder, it sets paths (relative to its folder), excludes, fail-on, outputs and date; flags win")
    func foundAndApplied() throws {
        let repo = try FleetRepository("config")
        defer { repo.cleanUp() }
        try repo.write(".govcheck.yaml", Self.config)
        // The config's paths are checked as given: 'deploy' (all excluded) and 'docs' (no descriptor) are errors.
        let r = try repo.run(["check"], in: "services/chat")
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("note: settings from ../../.govcheck.yaml (govcheck check --print-config shows them)"), "\(r.stderr)")
        #expect(r.stderr.contains("../../deploy:1:1: error: no .yaml or .yml files in this folder; 1 hidden or excluded path was not searched [io.no-descriptors]"), "\(r.stdout)")
        #expect(r.stderr.contains("../../docs:1:1: error: no govcheck descriptors in this folder: 1 YAML file was read"))
        #expect(r.flowedStdout.contains("descriptor: ../../services/chat/govcheck.yaml (customer-service-chatbot)"), "\(r.stdout)")
        #expect(r.stdout.contains("as of 2026-11-22"))
        #expect(r.stdout.contains("fail-on tier:critical,missing:medium: 1 descriptor fail"), "\(r.stdout)")
        let json = try #require(repo.read("govcheck.json"))
        #expect(json.contains("\"asOf\": \"2026-11-22\""), "\(json.prefix(400))")

        try repo.write(".govcheck.yaml", Self.config.replacingOccurrences(of: "paths: [services, deploy, docs]", with: "paths: [services]")
            .replacingOccurrences(of: "exclude: [tools, \"**/k8s/**\"]", with: "exclude: [\"**/drafts/**\"]"))
        try repo.write("services/chat/drafts/wip.yaml", "metadata: [\n")
        repo.remove("govcheck.json")
        let ok = try repo.run(["check"], in: "services/chat")
        #expect(ok.status == 1, "findings at missing:medium, and the broken draft excluded: \(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("Summary: 2 descriptors checked, 0 input errors, as of 2026-11-22"))
        #expect(repo.read("govcheck.json") != nil)

        // Flags win, each replacing the config's value whole.
        let flags = try repo.run(["check", "--fail-on", "none", "--as-of", "2030-09-01", "--format", "text", "../hr"], in: "services/chat")
        #expect(flags.status == 0, "\(flags.stdout)\(flags.stderr)")
        #expect(flags.stdout.contains("Summary: 1 descriptor checked, 0 input errors, as of 2030-09-01"))
        #expect(flags.stdout.contains("fail-on none"))
        let noExclude = try repo.run(["check", "--exclude", "none-such", "--fail-on", "none"], in: "services/chat")
        #expect(noExclude.status == 2, "the command line's --exclude replaces the config's: the draft is read")
        #expect(noExclude.stderr.contains("../../services/chat/drafts/wip.yaml:2:1: error: while parsing a flow node at 2:1: did not find expected node content [yaml.syntax]"), "\(noExclude.stdout)")
        // --no-config: nothing from the file, so no path at all.
        let bare = try repo.run(["check", "--no-config"], in: "services/chat")
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("give at least one descriptor file or folder"), "\(bare.stderr)")
        let both = try repo.run(["check", "--no-config", "--config", "x.yaml", "."])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--config and --no-config cannot be used together"))
    }

    @Test("--print-config shows every setting with its source: file:line, flag or default")
    func printConfig() throws {
        let repo = try FleetRepository("print")
        defer { repo.cleanUp() }
        try repo.write(".govcheck.yaml", Self.config)
        let r = try repo.run(["check", "--print-config", "--lang", "zh"], in: "services")
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        for want in [
            "config: ../.govcheck.yaml (found from the working directory)",
            "paths ../services, ../deploy, ../docs ../.govcheck.yaml:3",
            "exclude tools, **/k8s/** ../.govcheck.yaml:4",
            "include-hidden false default",
            "fail-on tier:critical,missing:medium ../.govcheck.yaml:5",
            "packs (every loaded pack) default",
            "rules (shipped packs only) default",
            "baseline (none) default",
            "output json=../govcheck.json ../.govcheck.yaml:6",
            "as-of 2026-11-22 ../.govcheck.yaml:7",
            "lang zh --lang",
        ] {
            #expect(lines.contains(want), "missing '\(want)' in\n\(r.stdout)")
        }
        let flags = try repo.run(["check", "--print-config", "--fail-on", "none", "--exclude", "x", "--include-hidden", "a", "b"])
        let flat = flags.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(flat.contains("paths a, b command line"), "\(flags.stdout)")
        #expect(flat.contains("fail-on none --fail-on"))
        #expect(flat.contains("exclude x --exclude"))
        #expect(flat.contains("include-hidden true --include-hidden"))
        // Without a config, everything is a default and the search says where it stopped.
        let none = try repo.run(["check", "--print-config", "--no-config"])
        #expect(none.stdout.contains("config: none (--no-config)"))
        #expect(none.stdout.contains("fail-on         tier:critical,needs-review,missing:high"))
    }

    @Test("the search stops at the repository root: a .govcheck.yaml above the folder holding .git is not used")
    func stopsAtRepositoryRoot() throws {
        let outer = try temporaryFolder("outer")
        defer { removeTemporaryFolder(outer) }
        try Data(Self.config.utf8).write(to: outer.appendingPathComponent(".govcheck.yaml"))
        let repo = outer.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let inRepo = try runGovcheck(["check", "--print-config"], in: repo.appendingPathComponent("sub"))
        #expect(inRepo.stdout.contains("config: none (no .govcheck.yaml from the working directory up to the repository root \(repo.path))"), "\(inRepo.stdout)")
        // A worktree's .git is a file; it ends the search too.
        try FileManager.default.removeItem(at: repo.appendingPathComponent(".git"))
        try Data("gitdir: /elsewhere\n".utf8).write(to: repo.appendingPathComponent(".git"))
        let worktree = try runGovcheck(["check", "--print-config"], in: repo.appendingPathComponent("sub"))
        #expect(worktree.stdout.contains("config: none (no .govcheck.yaml from the working directory up to the repository root"), "\(worktree.stdout)")
        // Without a repository in between, the file above is found.
        try FileManager.default.removeItem(at: repo.appendingPathComponent(".git"))
        let found = try runGovcheck(["check", "--print-config"], in: repo.appendingPathComponent("sub"))
        #expect(found.stdout.contains("config: ../../.govcheck.yaml (found from the working directory)"), "\(found.stdout)")
        // --config names a file anywhere; its paths are relative to its folder.
        let explicit = try runGovcheck(["check", "--print-config", "--config", outer.appendingPathComponent(".govcheck.yaml").path], in: repo)
        #expect(explicit.stdout.contains("paths           \(outer.path)/services, \(outer.path)/deploy, \(outer.path)/docs"), "\(explicit.stdout)")
        let missing = try runGovcheck(["check", "--config", "nope.yaml", "."], in: repo)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("error: no such config file 'nope.yaml' (--config)"))
    }

    @Test("the file is read strictly: unknown keys with a did-you-mean, wrong types, unknown formats, languages, dates, packs and terms, each located")
    func strict() throws {
        let repo = try FleetRepository("strict")
        defer { repo.cleanUp() }
        try repo.write(".govcheck.yaml", """
            govcheck: 1
            kind: Config
            fail-on: none
            exclude: vendor
            lang: fr
            output: {sariff: govcheck.sarif}
            asOf: 2026-02-30
            includeHidden: yes

            """)
        let r = try repo.run(["check", "."])
        #expect(r.status == 2)
        let e = r.stderr
        #expect(e.contains(".govcheck.yaml:3:1: error: unknown key 'fail-on' in a govcheck config [config.unknown-key]"), "\(e)")
        #expect(e.contains("help: did you mean 'failOn'?"))
        #expect(e.contains(".govcheck.yaml:4:10: error: 'exclude' must be a list, found a string [config.type]"))
        #expect(e.contains(".govcheck.yaml:5:7: error: unknown language 'fr' [config.value]"))
        #expect(e.contains(".govcheck.yaml:6:10: error: unknown report format 'sariff' in 'output' [config.value]"))
        #expect(e.contains("did you mean 'sarif'?"))
        #expect(e.contains(".govcheck.yaml:7:7: error: 'asOf' must be a date as YYYY-MM-DD, found '2026-02-30': February 2026 has 28 days [config.value]"))
        #expect(e.contains(".govcheck.yaml:8:16: error: 'includeHidden' must be true or false, found a string [config.type]"))
        #expect(e.contains("error: the config file .govcheck.yaml has errors; fix them, or run with --no-config"))
        #expect(r.stdout.isEmpty, "nothing is checked with a broken config")

        // Values that need the loaded packs are checked against them, at their line.
        try repo.write(".govcheck.yaml", "govcheck: 1\nkind: Config\npacks: [eu-ai-actt]\n")
        let pack = try repo.run(["check", "services"])
        #expect(pack.status == 2)
        #expect(pack.stderr.contains(".govcheck.yaml:3:8: error: no pack 'eu-ai-actt'"), "\(pack.stderr)")
        #expect(pack.stderr.contains("did you mean 'eu-ai-act'?"))
        try repo.write(".govcheck.yaml", "govcheck: 1\nkind: Config\nfailOn: prohibitted\n")
        let term = try repo.run(["check", "services"])
        #expect(term.status == 2)
        #expect(term.stderr.contains(".govcheck.yaml:3:9: error: unknown --fail-on term 'prohibitted' [config.value]"), "\(term.stderr)")
        #expect(term.stderr.contains("did you mean 'prohibited'?"))
        try repo.write(".govcheck.yaml", "govcheck: 2\nkind: Settings\n")
        let envelope = try repo.run(["check", "services"])
        #expect(envelope.stderr.contains(".govcheck.yaml:1:11: error: unsupported format version '2'"), "\(envelope.stderr)")
        #expect(envelope.stderr.contains(".govcheck.yaml:2:7: error: this is not a Config: 'kind' is 'Settings'"))
    }
}
