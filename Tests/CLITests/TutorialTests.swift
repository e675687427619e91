import Foundation
import Testing
import TestSupport

/// Runs docs/writing-rule-packs.md as written: writes each `<!-- file: PATH -->` block, runs each
/// command of each `sh` block in a fresh folder, and checks the `text` block that follows. A
/// diagnostic the prose quotes comes after a `<!-- mistake: … -->` step that makes the mistake in a
/// copy of the folder and runs the command, so every quoted place and message is what the tool prints.
@Suite("The rule-author tutorial works as written")
struct TutorialTests {
    enum Step {
        case file(String, String)
        case commands([(args: [String], exit: Int32)], expected: String?)
        /// Replace `old` with `new` in `file` (in a copy of the folder), run `args`, find `quoted` in the output.
        case mistake(file: String, old: String, new: String, args: [String], quoted: [String])
    }

    /// A backticked quote of a diagnostic line or its help, as the tool prints them.
    static func isDiagnostic(_ quote: String) -> Bool {
        quote.range(of: #"^\S+:\d+:\d+: (error|warning|note): "#, options: .regularExpression) != nil || quote.hasPrefix("help: ")
    }

    static func quotes(_ text: String) -> [String] {
        text.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
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
            if line.hasPrefix("<!-- mistake: ") {
                let pattern = #"^<!-- mistake: in (\S+) replace "(.*)" with "(.*)", then run: govcheck (.*) -->$"#
                let regex = try NSRegularExpression(pattern: pattern)
                let m = try #require(regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), "malformed: \(line)")
                func group(_ k: Int) -> String { String(line[Range(m.range(at: k), in: line)!]) }
                var paragraph: [String] = []
                i += 1
                while i < lines.count && !lines[i].isEmpty { paragraph.append(lines[i]); i += 1 }
                let quoted = TutorialTests.quotes(paragraph.joined(separator: " ")).filter(TutorialTests.isDiagnostic)
                steps.append(.mistake(file: group(1), old: group(2), new: group(3),
                                      args: group(4).split(separator: " ").map(String.init), quoted: quoted))
            } else if line.hasPrefix("<!-- file: ") {
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
        #expect(all.filter { if case .file = $0 { return true }; return false }.count == 4)
        var ran = 0
        var verifiedQuotes = 0
        for step in all {
            switch step {
            case .mistake(let file, let old, let new, let args, let quoted):
                let copy = dir.deletingLastPathComponent().appendingPathComponent(dir.lastPathComponent + "-mistake-\(verifiedQuotes)")
                try FileManager.default.copyItem(at: dir, to: copy)
                defer { try? FileManager.default.removeItem(at: copy) }
                let url = copy.appendingPathComponent(file)
                let text = try String(contentsOf: url, encoding: .utf8)
                #expect(text.contains(old), "the mistake's text '\(old)' is not in \(file)")
                try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: url)
                let r = try runGovcheck(args, in: copy)
                #expect(!quoted.isEmpty)
                for q in quoted {
                    #expect((r.stdout + r.stderr).contains(q), "the tutorial quotes\n\(q)\nbut govcheck \(args.joined(separator: " ")) prints\n\(r.stdout)\(r.stderr)")
                    verifiedQuotes += 1
                }
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
        // No diagnostic is quoted in the prose without a mistake step that reproduces it.
        let doc = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/writing-rule-packs.md"), encoding: .utf8)
        let prose = doc.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined()
        #expect(TutorialTests.quotes(prose).filter(TutorialTests.isDiagnostic).count == verifiedQuotes)
        #expect(verifiedQuotes == 2)
    }
}
