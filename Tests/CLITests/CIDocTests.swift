import Foundation
import Testing
import TestSupport

/// Runs every `govcheck check` command of docs/ci.md's examples (GitHub Actions and GitLab CI
/// YAML, shell blocks) as a shell would, with the real binary on the PATH, in a folder whose
/// `deployments/` holds the shipped samples, and checks that each report it writes is produced
/// and valid, and that every report a workflow uploads is one a command of it writes.
@Suite("docs/ci.md: every example works as written")
struct CIDocTests {
    struct Block {
        let language: String
        let lines: [String]
    }

    static func blocks() throws -> [Block] {
        let text = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/ci.md"), encoding: .utf8)
        var out: [Block] = []
        var current: (String, [String])?
        for line in text.components(separatedBy: "\n") {
            if let c = current {
                if line == "```" { out.append(Block(language: c.0, lines: c.1)); current = nil } else { current = (c.0, c.1 + [line]) }
            } else if line.hasPrefix("```") {
                current = (String(line.dropFirst(3)), [])
            }
        }
        return out
    }

    /// The shell command of a line that runs govcheck: without the YAML list marker or `run:`.
    static func command(_ line: String) -> String? {
        var s = Substring(line.trimmingCharacters(in: .whitespaces))
        for prefix in ["- name: ", "- ", "run: "] where s.hasPrefix(prefix) { s = s.dropFirst(prefix.count) }
        let cmd = String(s)
        guard cmd.contains("govcheck check ") && !cmd.hasPrefix("name:") && !cmd.hasPrefix("#") else { return nil }
        return cmd.hasPrefix("govcheck ") || cmd.hasPrefix("cat ") ? cmd : nil
    }

    /// The `--format FORMAT=FILE` pairs of a command.
    static func reports(_ cmd: String) -> [(format: String, file: String)] {
        let words = cmd.split(separator: " ").map(String.init)
        return zip(words, words.dropFirst()).compactMap { a, b in
            guard a == "--format", let eq = b.firstIndex(of: "=") else { return nil }
            return (String(b[..<eq]), String(b[b.index(after: eq)...]))
        }
    }

    @Test("each command runs on the samples and writes valid reports; each uploaded report is written")
    func examples() throws {
        let dir = try temporaryFolder("ci-doc")
        defer { removeTemporaryFolder(dir) }
        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("Samples"), to: dir.appendingPathComponent("deployments"))
        // The waivers file the examples name is the example of docs/waivers.md.
        let waiversDoc = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/waivers.md"), encoding: .utf8)
        let waivers = try #require(waiversDoc.components(separatedBy: "<!-- waivers-example -->\n```yaml\n").dropFirst().first?
            .components(separatedBy: "\n```").first)
        try writeFile(dir, ".govcheck/waivers.yaml", waivers + "\n")
        let binDir = govcheckBinary().deletingLastPathComponent().path
        let path = binDir + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        var ran = 0
        var uploadsChecked = 0
        for (b, block) in try Self.blocks().enumerated() where ["yaml", "sh"].contains(block.language) {
            var written = Set<String>()
            for line in block.lines {
                guard let cmd = Self.command(line) else { continue }
                let summary = dir.appendingPathComponent("summary-\(b)-\(ran).md").path
                FileManager.default.createFile(atPath: summary, contents: nil)
                let r = try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", cmd], environment: ["PATH": path, "GITHUB_STEP_SUMMARY": summary], in: dir)
                ran += 1
                #expect(r.status == 0 || r.status == 1, "\(cmd)\nexited \(r.status)\n\(r.stderr)")
                #expect(!r.stderr.contains("error:"), "\(cmd)\n\(r.stderr)")
                #expect(!r.stdout.isEmpty, "\(cmd) printed nothing")
                if cmd.contains("--format github") {
                    for l in r.stdout.split(separator: "\n") {
                        #expect(l.hasPrefix("::error ") || l.hasPrefix("::warning ") || l.hasPrefix("::notice "), "not an annotation: \(l)")
                    }
                    #expect(try String(contentsOfFile: summary, encoding: .utf8).hasPrefix("## govcheck\n"), "\(cmd): no job summary")
                }
                for (format, file) in Self.reports(cmd) {
                    let full = dir.appendingPathComponent(file).path
                    #expect(FileManager.default.fileExists(atPath: full), "\(cmd) did not write \(file)")
                    written.insert(file)
                    let kind = ["sarif": "sarif", "junit": "junit", "junit-gitlab": "gitlab-junit", "gitlab": "codequality"][format]
                    if let kind {
                        let v = try validateReports(kind, [full])
                        #expect(v.status == 0, "\(file): \(v.stdout)\(v.stderr)")
                    } else if format == "text" {
                        #expect(try String(contentsOfFile: full, encoding: .utf8).contains("Summary: "))
                    }
                }
            }
            // Every report the workflow uploads is one its commands write.
            for line in block.lines {
                let t = line.trimmingCharacters(in: .whitespaces)
                for key in ["sarif_file: ", "junit: ", "codequality: "] where t.hasPrefix(key) {
                    let file = String(t.dropFirst(key.count))
                    #expect(written.contains(file), "the workflow uploads \(file), which no command of it writes")
                    uploadsChecked += 1
                }
            }
        }
        #expect(ran == 5, "the examples' commands: \(ran)")
        #expect(uploadsChecked == 3)
    }
}
