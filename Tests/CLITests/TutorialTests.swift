import Foundation
import Testing
import TestSupport

/// Runs docs/writing-rule-packs.md as written: writes each `<!-- file: PATH -->` block, runs each
/// command of each `sh` block in a fresh folder, and checks the `text` block that follows.
@Suite("The rule-author tutorial works as written")
struct TutorialTests {
    enum Step {
        case file(String, String)
        case commands([(args: [String], exit: Int32)], expected: String?)
    }

    func steps() throws -> [Step] {
        let text = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/writing-rule-packs.md"), encoding: .utf8)
        var steps: [Step] = []
        let lines = text.components(separatedBy: "\n")
        var i = 0
        var pendingFile: String?
        func block(from start: Int) -> (String, Int) {
            var j = start + 1
            var body: [String] = []
            while j < lines.count && lines[j] != "```" { body.append(lines[j]); j += 1 }
            return (body.joined(separator: "\n") + "\n", j + 1)
        }
        while i < lines.count {
            let line = lines[i]
            if line.hasPrefix("<!-- file: ") {
                pendingFile = String(line.dropFirst("<!-- file: ".count).dropLast(" -->".count))
                i += 1
            } else if line == "```yaml", let f = pendingFile {
                let (body, next) = block(from: i)
                steps.append(.file(f, body))
                pendingFile = nil
                i = next
            } else if line == "```sh" {
                let (body, next) = block(from: i)
                var commands: [(args: [String], exit: Int32)] = []
                for cmd in body.split(separator: "\n") where cmd.hasPrefix("govcheck ") {
                    var exit: Int32 = 0
                    var words = cmd.split(separator: "#", maxSplits: 1)
                    if words.count == 2, let n = Int32(words[1].split(separator: " ").last ?? "") { exit = n }
                    words = words[0].split(separator: " ")
                    commands.append((Array(words.dropFirst()).map(String.init), exit))
                }
                i = next
                var expected: String?
                while i < lines.count && lines[i].isEmpty { i += 1 }
                if i < lines.count && lines[i] == "```text" {
                    let (t, n) = block(from: i)
                    expected = t.trimmingCharacters(in: .newlines)
                    i = n
                }
                steps.append(.commands(commands, expected: expected))
            } else {
                i += 1
            }
        }
        return steps
    }

    @Test("every file and command of the tutorial")
    func tutorial() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-tutorial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let all = try steps()
        #expect(all.filter { if case .file = $0 { return true }; return false }.count == 3)
        var ran = 0
        for step in all {
            switch step {
            case .file(let path, let body):
                let url = dir.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(body.utf8).write(to: url)
            case .commands(let commands, let expected):
                var output = ""
                for c in commands {
                    let r = try runGovcheck(c.args, in: dir)
                    #expect(r.status == c.exit, "govcheck \(c.args.joined(separator: " ")) exited \(r.status)\n\(r.stdout)\(r.stderr)")
                    output += r.stdout
                    ran += 1
                }
                if let expected {
                    #expect(output.contains(expected), "expected output\n\(expected)\nnot found in\n\(output)")
                }
            }
        }
        #expect(ran == 7)
    }
}
