import Foundation
import Testing
import TestSupport

/// `govcheck init` on the real binary: plain prompts, answers files, resuming, errors, and the
/// terminal interface driven through a pseudo-terminal (tmux).
@Suite("govcheck init")
struct InitCommandTests {
    @Test("plain prompts: answers typed line by line, skips left unknown, a valid descriptor with legal-basis comments")
    func plainPrompts() throws {
        let dir = try temporaryFolder("init-plain")
        defer { removeTemporaryFolder(dir) }
        let out = dir.appendingPathComponent("d.yaml").path
        // The first question is whether it is an AI system; "2" answers No, which settles the AI Act
        // pack. Chapter V binds model providers whether or not they run an AI system, so the GPAI
        // pack still asks for the roles: "0" answers none.
        let r = try runGovcheck(["init", "--jurisdiction", "EU", "--name", "rules-engine", "--as-of", "2026-11-22", "--output", out],
                                stdin: "?\n2\n0\n")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Question 1 · Scope · eu.system.is_ai_system"))
        #expect(r.stdout.contains("Legal basis: Art. 3(1) AI Act"), "? shows the legal basis")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("is_ai_system: false  # Art. 3(1) AI Act"))
        #expect(r.stdout.contains("eu-ai-act"))
        let check = try runGovcheck(["check", "--as-of", "2026-11-22", "--pack", "eu-ai-act", "--format", "json", out])
        #expect(check.stderr.isEmpty, "the written descriptor is valid: \(check.stderr)")
        #expect(check.stdout.contains("\"tier\": \"out-of-scope\""))
    }

    @Test("a skipped question leaves the fact unknown and the result needs review, naming it")
    func skipIsUnknown() throws {
        let dir = try temporaryFolder("init-skip")
        defer { removeTemporaryFolder(dir) }
        let out = dir.appendingPathComponent("d.yaml").path
        let r = try runGovcheck(["init", "--jurisdiction", "EU", "--name", "x", "--as-of", "2026-11-22", "--pack", "eu-ai-act",
                                 "--output", out], stdin: "skip\nquit\n")
        #expect(r.status == 1, "quit before every pack was decided: \(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Questions: 1 asked, 0 answered, 1 skipped; 0 facts answered, 1 left unknown."))
        #expect(r.stdout.contains("needs-review"))
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("#   eu.system.is_ai_system:"), "the unknown deciding fact is listed in the file")
    }

    @Test("back returns to the previous question; a wrong typed value is explained and asked again")
    func backAndRetry() throws {
        let dir = try temporaryFolder("init-back")
        defer { removeTemporaryFolder(dir) }
        let out = dir.appendingPathComponent("d.yaml").path
        let r = try runGovcheck(["init", "--jurisdiction", "EU", "--name", "x", "--as-of", "2026-11-22", "--pack", "eu-ai-act",
                                 "--output", out], stdin: "1\nback\nmaybe\n2\n")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("earlier answer: true"), "going back shows the earlier answer")
        #expect(r.stdout.contains("'maybe' is not a choice"))
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("is_ai_system: false"))
    }

    @Test("--resume asks only what the descriptor leaves undecided")
    func resume() throws {
        let dir = try temporaryFolder("init-resume")
        defer { removeTemporaryFolder(dir) }
        let path = dir.appendingPathComponent("chatbot.yaml").path
        var text = try String(contentsOf: TestPaths.root.appendingPathComponent("Samples/eu-customer-service-chatbot.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "    interaction_obvious: false\n", with: "")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let r = try runGovcheck(["init", "--resume", path, "--as-of", "2026-11-22", "--no-evidence"], stdin: "2\n")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("eu.capability.interaction_obvious"))
        #expect(r.stdout.contains("Questions: 1 asked, 1 answered, 0 skipped; 1 fact answered, 0 left unknown."))
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.contains("interaction_obvious: false  # Art. 50(1) AI Act"))
        #expect(written.contains("name: \"customer-service-chatbot\""))
        let check = try runGovcheck(["check", "--as-of", "2026-11-22", "--format", "json", "--fail-on", "none", path])
        #expect(check.stdout.contains("\"tier\": \"limited-risk\""), "\(check.stdout)")
    }

    @Test("answers in JSON with dotted paths; answers that were not needed are counted")
    func jsonAnswers() throws {
        let dir = try temporaryFolder("init-json")
        defer { removeTemporaryFolder(dir) }
        let answers = dir.appendingPathComponent("a.json")
        try #"{"eu.system.is_ai_system": false, "eu.operator.established_in_eu": true}"#.write(to: answers, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("d.yaml").path
        let r = try runGovcheck(["init", "--answers", answers.path, "--jurisdiction", "EU", "--name", "calc", "--pack", "eu-ai-act",
                                 "--as-of", "2026-11-22", "--output", out])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("Questions: 1 asked, 1 answered, 0 skipped; 1 fact answered, 0 left unknown."))
        #expect(r.stdout.contains("Answers file: 2 facts stated (informational ones not counted), 1 not needed for the result."))
    }

    @Test("bad input: a wrong type in the answers file is located; an existing output is not overwritten")
    func badInput() throws {
        let dir = try temporaryFolder("init-bad")
        defer { removeTemporaryFolder(dir) }
        let answers = dir.appendingPathComponent("a.yaml")
        try "eu:\n  system:\n    is_ai_system: yes\n".write(to: answers, atomically: true, encoding: .utf8)
        let r = try runGovcheck(["init", "--answers", answers.path, "--jurisdiction", "EU", "--name", "x",
                                 "--output", dir.appendingPathComponent("d.yaml").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("a.yaml:3:19"), "\(r.stderr)")
        #expect(r.stderr.contains("is_ai_system"))
        let existing = dir.appendingPathComponent("e.yaml")
        try "keep me\n".write(to: existing, atomically: true, encoding: .utf8)
        let r2 = try runGovcheck(["init", "--jurisdiction", "EU", "--name", "x", "--output", existing.path], stdin: "")
        #expect(r2.status == 2)
        #expect(r2.stderr.contains("exists"))
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me\n")
        let r3 = try runGovcheck(["init", "--jurisdiction", "XX", "--name", "x", "--output", dir.appendingPathComponent("f.yaml").path])
        #expect(r3.status == 2)
        #expect(r3.stderr.contains("no loaded pack covers jurisdiction 'XX'"))
    }

    @Test("Chinese questions with --lang zh")
    func chinese() throws {
        let dir = try temporaryFolder("init-zh")
        defer { removeTemporaryFolder(dir) }
        let out = dir.appendingPathComponent("d.yaml").path
        let r = try runGovcheck(["init", "--jurisdiction", "CN", "--name", "x", "--lang", "zh", "--as-of", "2026-11-22",
                                 "--output", out], stdin: "quit\n")
        #expect(r.stdout.contains("问题 1 · 适用范围"), "\(r.stdout)")
        #expect(r.stdout.contains("该服务是否面向中华人民共和国境内公众提供"))
    }
}

/// The terminal interface through a real pseudo-terminal: tmux runs init, keys are sent, the
/// screen is read back, and the descriptor it saves is checked.
@Suite("govcheck init on a terminal", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")))
struct InitTerminalTests {
    let session = "govcheck-init-\(UUID().uuidString.prefix(8))"

    func tmux(_ args: [String]) throws -> String {
        try runProcess(URL(fileURLWithPath: "/usr/bin/tmux"), args).stdout
    }

    /// Waits (bounded) until the screen shows `text`; returns the screen.
    func waitFor(_ text: String, seconds: Double = 120) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try tmux(["capture-pane", "-p", "-t", session])
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.2)
        }
        Issue.record("the screen never showed '\(text)':\n\(screen)")
        return screen
    }

    /// Starts `init` for the AI Act pack in a tmux session; returns the descriptor path and the file
    /// its exit status is written to once it ends.
    func start(in dir: URL) throws -> (out: String, done: String) {
        let out = dir.appendingPathComponent("d.yaml").path
        let done = dir.appendingPathComponent("done").path
        // `\$?` reaches the inner shell as `$?`: tmux runs the line through a shell of its own, which would expand it first.
        let command = "'\(govcheckBinary().path)' init --jurisdiction EU --name tty --pack eu-ai-act --as-of 2026-11-22 --output '\(out)'; echo \\$? > '\(done).part' && mv '\(done).part' '\(done)'"
        _ = try tmux(["new-session", "-d", "-s", session, "-x", "110", "-y", "50", "-c", TestPaths.root.path, "env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 NO_COLOR=1 sh -c \"\(command.replacingOccurrences(of: "\"", with: "\\\""))\""])
        return (out, done)
    }

    @Test("arrow keys, ?, back, skip and quit-and-save")
    func keys() throws {
        let dir = try temporaryFolder("init-tty")
        defer { removeTemporaryFolder(dir); _ = try? tmux(["kill-session", "-t", session]) }
        let (out, done) = try start(in: dir)
        var screen = try waitFor("eu.system.is_ai_system")
        #expect(screen.contains("1) Yes, it infers its outputs"))
        _ = try tmux(["send-keys", "-t", session, "?"])
        screen = try waitFor("Legal basis: Art. 3(1) AI Act")
        // Down then Enter: "No" for the first question is enough to decide the pack.
        _ = try tmux(["send-keys", "-t", session, "Down"])
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        // Out of scope: nothing is open, so init writes the file and exits.
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: done) { Thread.sleep(forTimeInterval: 0.2) }
        #expect(try String(contentsOfFile: done, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("is_ai_system: false"))
    }

    @Test("skip then back, then q saves the partial descriptor")
    func skipBackQuit() throws {
        let dir = try temporaryFolder("init-tty2")
        defer { removeTemporaryFolder(dir); _ = try? tmux(["kill-session", "-t", session]) }
        let (out, done) = try start(in: dir)
        _ = try waitFor("Question 1 ·")
        _ = try tmux(["send-keys", "-t", session, "1"])
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("Question 2 ·")
        _ = try tmux(["send-keys", "-t", session, "s"])
        // Question 3 is a form (the organisation and the system's stage): Left on its first field goes back.
        _ = try waitFor("Question 3 ·")
        _ = try tmux(["send-keys", "-t", session, "Left"])
        let back = try waitFor("Question 2 ·")
        #expect(!back.contains("Question 3"))
        _ = try tmux(["send-keys", "-t", session, "q"])
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: done) { Thread.sleep(forTimeInterval: 0.2) }
        let status = try String(contentsOfFile: done, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let screen = try tmux(["capture-pane", "-p", "-t", session])
        #expect(status == "1", "quit before decided exits 1, not \(status): \(screen)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("is_ai_system: true"))
        #expect(text.contains("# Not answered, so unknown"))
    }
    @Test("a checklist: space cycles [x], [?] and [ ]; a form takes its fields one after another")
    func checklistOnTerminal() throws {
        let dir = try temporaryFolder("init-tty3")
        defer { removeTemporaryFolder(dir); _ = try? tmux(["kill-session", "-t", session]) }
        let (out, done) = try start(in: dir)
        _ = try waitFor("Question 1 ·")
        _ = try tmux(["send-keys", "-t", session, "1"])
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("space cycles")
        _ = try tmux(["send-keys", "-t", session, "Space"])
        _ = try tmux(["send-keys", "-t", session, "Down"])
        _ = try tmux(["send-keys", "-t", session, "Space"])
        _ = try tmux(["send-keys", "-t", session, "Space"])
        let marked = try waitFor("[?] 2)")
        #expect(marked.contains("[x] 1)"), "\(marked)")
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("What kind of organisation")
        _ = try tmux(["send-keys", "-t", session, "1"])
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("= private")
        _ = try tmux(["send-keys", "-t", session, "Enter"])
        _ = try waitFor("Question 4 ·")
        _ = try tmux(["send-keys", "-t", session, "q"])
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: done) { Thread.sleep(forTimeInterval: 0.2) }
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let stated = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("#") }
        #expect(stated.contains { $0.hasPrefix("established_in_eu: true") }, "\(text)")
        #expect(!stated.contains { $0.hasPrefix("placed_on_eu_market:") }, "[?] stays unknown: \(text)")
        #expect(stated.contains { $0.hasPrefix("put_into_service_in_eu: false") }, "[ ] is No: \(text)")
        #expect(stated.contains { $0.hasPrefix("org_type: private") }, "\(text)")
        #expect(!stated.contains { $0.hasPrefix("lifecycle_stage:") }, "an empty field stays unknown: \(text)")
    }
}

/// Related facts asked as one question: a checklist of yes/no facts (ticked true, unticked false,
/// `?N` unknown) and a form of typed fields (empty stays unknown), on the real binary.
@Suite("govcheck init: checklists and forms")
struct InitGroupTests {
    @Test("a checklist records ticked as true, unticked as false and ?N as unknown; a form takes choices by number")
    func checklistAndForm() throws {
        let dir = try temporaryFolder("init-groups")
        defer { removeTemporaryFolder(dir) }
        let out = dir.appendingPathComponent("d.yaml").path
        // 1: an AI system. Then the scope checklist: 1 (established in the EU) ticked, 2 (placed on
        // the market) unknown, the rest No. Then the organisation form: 1 (private), lifecycle left empty.
        let r = try runGovcheck(["init", "--jurisdiction", "EU", "--name", "groups", "--pack", "eu-ai-act", "--as-of", "2026-11-22",
                                 "--output", out], stdin: "1\n1,?2\n1\n\nquit\n")
        #expect(r.stdout.contains("Question 2 · Scope\n"), "\(r.stdout)")
        #expect(r.stdout.contains("8 statements"), "the checklist lists the scope facts that still decide")
        #expect(r.stdout.contains("Question 3 · Scope\n") && r.stdout.contains("2 fields"), "\(r.stdout)")
        #expect(r.stdout.contains("Questions: 3 asked, 3 answered, 0 skipped; 9 facts answered, 2 left unknown."), "\(r.stdout)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("established_in_eu: true"))
        #expect(text.contains("output_used_in_eu: false"), "an unticked statement is recorded as No")
        #expect(text.contains("org_type: private"))
        let stated = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.hasPrefix("#") }
        #expect(!stated.contains { $0.hasPrefix("placed_on_eu_market:") }, "a statement marked ? stays unknown")
        #expect(text.contains("#   eu.market.placed_on_eu_market:"), "and is listed with the facts left unknown")
        #expect(!stated.contains { $0.hasPrefix("lifecycle_stage:") }, "an empty form field stays unknown")
        let check = try runGovcheck(["check", "--as-of", "2026-11-22", "--pack", "eu-ai-act", "--format", "json", "--fail-on", "none", out])
        #expect(check.status == 0 && check.stderr.isEmpty, "the written descriptor is valid: \(check.stderr)")
    }

    @Test("a wrong checklist answer is explained and asked again; back undoes the whole checklist")
    func checklistRetryAndBack() throws {
        let dir = try temporaryFolder("init-groups-back")
        defer { removeTemporaryFolder(dir) }
        let out = dir.appendingPathComponent("d.yaml").path
        let r = try runGovcheck(["init", "--jurisdiction", "EU", "--name", "groups", "--pack", "eu-ai-act", "--as-of", "2026-11-22",
                                 "--output", out], stdin: "1\n9\n1,2\nback\nback\n2\n")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("'9' is not a choice"), "\(r.stdout)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("is_ai_system: false"))
        #expect(!text.contains("established_in_eu"), "going back over the checklist forgets its answers")
    }
}
