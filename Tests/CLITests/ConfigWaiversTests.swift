import Foundation
import Testing
import TestSupport

/// `waivers:` in `.govcheck.yaml`: the waivers file a bare `govcheck check` applies, resolved
/// against the config's folder, shown by `--print-config`, overridden by `--waivers`, and an error
/// (never ignored) when it names no file.
@Suite(".govcheck.yaml waivers")
struct ConfigWaiversTests {
    /// A repository with the docs' waivers example in policy/ and the chatbot sample in deployments/.
    static func repository(_ name: String, config: String) throws -> URL {
        let repo = try temporaryFolder(name)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let doc = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/waivers.md"), encoding: .utf8)
        let waivers = try #require(doc.components(separatedBy: "<!-- waivers-example -->\n```yaml\n").dropFirst().first?
            .components(separatedBy: "\n```").first)
        _ = try writeFile(repo, "policy/waivers.yaml", waivers + "\n")
        try FileManager.default.createDirectory(at: repo.appendingPathComponent("deployments"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("Samples/eu-customer-service-chatbot.yaml"),
                                         to: repo.appendingPathComponent("deployments/chatbot.yaml"))
        _ = try writeFile(repo, ".govcheck.yaml", config)
        return repo
    }

    static func flat(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
    }

    @Test("the config's waivers file applies from a subfolder, --print-config shows it, --waivers overrides it")
    func applies() throws {
        let repo = try Self.repository("cfg-waivers", config: "govcheck: 1\nkind: Config\nwaivers: policy/waivers.yaml\nasOf: 2026-11-22\n")
        defer { removeTemporaryFolder(repo) }
        let sub = repo.appendingPathComponent("deployments")

        let printed = try runGovcheck(["check", "--print-config"], in: sub)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(Self.flat(printed.stdout).contains("waivers ../policy/waivers.yaml ../.govcheck.yaml:3"), "\(printed.stdout)")

        let waived = try runGovcheck(["check", "chatbot.yaml"], in: sub)
        #expect(waived.status == 0, "\(waived.stdout)\(waived.stderr)")
        #expect(waived.flowedStdout.contains("waived high art50-1-disclose-ai-interaction Art. 50(1) Regulation (EU) 2024/1689 (CELEX 32024R1689)"),
                "\(waived.stdout)")
        #expect(waived.stdout.contains("waived by WVR-2026-014 until 2027-02-28"))
        #expect(waived.stdout.contains("waivers (../policy/waivers.yaml): 1 finding waived"))

        // Without the config the same duty is missing and fails the default gate.
        let bare = try runGovcheck(["check", "--no-config", "--as-of", "2026-11-22", "chatbot.yaml"], in: sub)
        #expect(bare.status == 1, "\(bare.stdout)\(bare.stderr)")
        #expect(bare.flowedStdout.contains("missing high art50-1-disclose-ai-interaction Art. 50(1) Regulation (EU) 2024/1689 (CELEX 32024R1689)"))

        // The flag wins, whole: an empty waivers file from the command line waives nothing.
        _ = try writeFile(repo, "none.yaml", "govcheck: 1\nkind: Waivers\nwaivers: []\n")
        let flagged = try runGovcheck(["check", "--print-config", "--waivers", "../none.yaml"], in: sub)
        #expect(Self.flat(flagged.stdout).contains("waivers ../none.yaml --waivers"), "\(flagged.stdout)")
        let overridden = try runGovcheck(["check", "--waivers", "../none.yaml", "chatbot.yaml"], in: sub)
        #expect(overridden.status == 1, "\(overridden.stdout)\(overridden.stderr)")
        #expect(!overridden.stdout.contains("WVR-2026-014"))

        let none = try runGovcheck(["check", "--print-config", "--no-config"], in: sub)
        #expect(Self.flat(none.stdout).contains("waivers (none) default"), "\(none.stdout)")
    }

    @Test("a waivers key naming no file, or an empty one, is a located error and nothing is checked")
    func missingFile() throws {
        let repo = try Self.repository("cfg-waivers-missing", config: "govcheck: 1\nkind: Config\nwaivers: policy/typo.yaml\n")
        defer { removeTemporaryFolder(repo) }
        let r = try runGovcheck(["check", "deployments"], in: repo)
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains(".govcheck.yaml:3:"), "\(r.stderr)")
        #expect(r.stderr.contains("the waivers file 'policy/typo.yaml' does not exist"), "\(r.stderr)")
        #expect(!r.stdout.contains("chatbot"), "nothing is checked: \(r.stdout)")

        _ = try writeFile(repo, ".govcheck.yaml", "govcheck: 1\nkind: Config\nwaivers: ''\n")
        let empty = try runGovcheck(["check", "deployments"], in: repo)
        #expect(empty.status == 2, "\(empty.stdout)\(empty.stderr)")
        #expect(empty.stderr.contains(".govcheck.yaml:3:10: error: 'waivers' is empty"), "\(empty.stderr)")

        _ = try writeFile(repo, ".govcheck.yaml", "govcheck: 1\nkind: Config\nwaiver: policy/waivers.yaml\n")
        let typo = try runGovcheck(["check", "deployments"], in: repo)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("waivers"), "a did-you-mean names the key: \(typo.stderr)")
    }
}
