import Foundation
import Testing
import TestSupport

/// Whether pre-commit can be run as `python3 -m pre_commit`; `.ci/run` installs it and sets
/// GOVCHECK_REQUIRE_PRECOMMIT=1, so in CI a missing pre-commit is a failure, not a skipped test.
let preCommitInstalled: Bool = {
    guard let r = try? runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", "import pre_commit"]) else { return false }
    return r.status == 0
}()
let preCommitRequired = ProcessInfo.processInfo.environment["GOVCHECK_REQUIRE_PRECOMMIT"] == "1"

/// The shipped `.pre-commit-hooks.yaml` run by the real pre-commit in a scratch repository, with
/// the built govcheck on PATH: a commit with a failing descriptor fails, a clean one passes, and
/// the other YAML files pre-commit hands over (workflows, its own config) do not break the run.
@Suite("pre-commit: the shipped hook gates a repository")
struct PreCommitTests {
    /// A `repo: local` config whose hook is the shipped one, line for line, so the two cannot drift.
    static func localConfig() throws -> String {
        let shipped = try String(contentsOf: TestPaths.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let hook = shipped.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { "      " + $0 }
        return "repos:\n  - repo: local\n    hooks:\n" + hook.joined(separator: "\n") + "\n"
    }

    @Test("the shipped hook checks descriptors and skips other YAML", .enabled(if: preCommitInstalled || preCommitRequired))
    func gates() throws {
        guard preCommitInstalled else {
            Issue.record("GOVCHECK_REQUIRE_PRECOMMIT=1 but pre-commit is not installed; install it with python3 -m pip install pre-commit")
            return
        }
        let shipped = try String(contentsOf: TestPaths.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(shipped.contains("- id: govcheck\n") && shipped.contains("entry: govcheck check"))
        #expect(shipped.contains("pass_filenames: true"))

        let top = try temporaryFolder("pre-commit")
        defer { removeTemporaryFolder(top) }
        let repo = top.appendingPathComponent("repo")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".github/workflows"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("deploy"), withIntermediateDirectories: true)
        try Self.localConfig().write(to: repo.appendingPathComponent(".pre-commit-config.yaml"), atomically: true, encoding: .utf8)
        try "name: ci\non: push\njobs: {}\n".write(to: repo.appendingPathComponent(".github/workflows/ci.yml"), atomically: true, encoding: .utf8)
        // Not an AI system (Art. 3(1)): clean on any date, so the run does not depend on today.
        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("Samples/eu-rule-based-eligibility-calculator.yaml"),
                                         to: repo.appendingPathComponent("deploy/clean.yaml"))

        let path = govcheckBinary().deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let env = ["PATH": path, "PRE_COMMIT_HOME": top.appendingPathComponent("cache").path, "HOME": top.path,
                   "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_COLOR": "never"]
        func git(_ args: [String]) throws {
            let r = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["git"] + args, environment: env, in: repo)
            #expect(r.status == 0, "git \(args.joined(separator: " ")): \(r.stderr)")
        }
        func preCommit() throws -> CLIResult {
            try runProcess(URL(fileURLWithPath: "/usr/bin/timeout"),
                           ["-s", "KILL", "300", "python3", "-m", "pre_commit", "run", "--all-files", "--verbose"], environment: env, in: repo)
        }
        try git(["init", "-q"])
        try git(["add", "-A"])

        let clean = try preCommit()
        #expect(clean.status == 0, "pre-commit failed on a clean descriptor:\n\(clean.stdout)\n\(clean.stderr)")
        #expect(clean.stdout.contains("Passed"))
        // govcheck really ran on the descriptor, and counted the two other YAML files it was given.
        #expect(clean.stdout.contains("1 descriptor checked, 0 input errors"), "\(clean.stdout)")
        #expect(clean.stdout.contains("skipped 2 files that are not govcheck descriptors"), "\(clean.stdout)")

        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("Samples/eu-emotion-recognition-workplace.yaml"),
                                         to: repo.appendingPathComponent("deploy/prohibited.yaml"))
        try git(["add", "-A"])
        let failing = try preCommit()
        #expect(failing.status == 1, "pre-commit did not fail on a prohibited system:\n\(failing.stdout)\n\(failing.stderr)")
        #expect(failing.stdout.contains("Failed"))
        #expect(failing.stdout.contains("deploy/prohibited.yaml"))
        #expect(failing.stdout.contains("tier: prohibited"))
    }
}
