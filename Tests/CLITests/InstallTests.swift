import Foundation
import Testing
import TestSupport

/// Runs the repository's Makefile, from the checkout, with `make` found on the usual paths.
func runMake(_ args: [String]) throws -> CLIResult {
    let make = try #require(["/usr/bin/make", "/usr/local/bin/make", "/bin/make"].first { FileManager.default.isExecutableFile(atPath: $0) },
                            "no make installed (apt-get install -y make)")
    return try runProcess(URL(fileURLWithPath: make), ["-C", TestPaths.root.path] + args)
}

/// Every regular file under a folder, as paths relative to it, sorted.
func filesUnder(_ dir: URL) -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    if let e = fm.enumerator(atPath: dir.path) {
        while let rel = e.nextObject() as? String {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: dir.appendingPathComponent(rel).path, isDirectory: &isDir), !isDir.boolValue { out.append(rel) }
        }
    }
    return out.sorted()
}

/// `make install-files` (the install step without its release build) puts the binary the suite
/// built under a PREFIX with the shipped packs, completions and a man page; the installed binary
/// then works from another folder, through PATH, and after the whole PREFIX is moved, reading the
/// packs installed with it rather than this checkout's Rules/.
@Suite("make install: the installed govcheck works on its own")
struct InstallTests {
    @Test("install-files lays out binary, packs, completions and man page; the binary reads its own packs; uninstall removes them")
    func installsAndRuns() throws {
        let top = try temporaryFolder("install")
        defer { removeTemporaryFolder(top) }
        let prefix = top.resolvingSymlinksInPath().appendingPathComponent("prefix")
        let r = try runMake(["install-files", "PREFIX=\(prefix.path)", "BINARY=\(govcheckBinary().path)"])
        #expect(r.status == 0, "make install-files failed:\n\(r.stdout)\n\(r.stderr)")

        // The packs: every file of every folder under Rules/ (packs with their tests, questions,
        // vocabulary), byte for byte; the Swift source that locates them is not data.
        let rules = TestPaths.root.appendingPathComponent("Rules")
        let installedRules = prefix.appendingPathComponent("share/govcheck/Rules")
        let shipped = filesUnder(rules).filter { $0 != "ShippedRules.swift" }
        #expect(filesUnder(installedRules) == shipped)
        #expect(shipped.contains { $0.hasPrefix("vocabulary/") })
        #expect(shipped.contains { $0.hasPrefix("questions/") })
        for rel in shipped {
            #expect(FileManager.default.contentsEqual(atPath: rules.appendingPathComponent(rel).path,
                                                      andPath: installedRules.appendingPathComponent(rel).path), "\(rel) differs")
        }

        // Completions and the man page, each what its shell or man(1) expects.
        let bash = try String(contentsOf: prefix.appendingPathComponent("share/bash-completion/completions/govcheck"), encoding: .utf8)
        #expect(bash.contains("\ncomplete -o filenames -F _govcheck govcheck\n"))
        let zsh = try String(contentsOf: prefix.appendingPathComponent("share/zsh/site-functions/_govcheck"), encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef govcheck"))
        let fish = try String(contentsOf: prefix.appendingPathComponent("share/fish/vendor_completions.d/govcheck.fish"), encoding: .utf8)
        #expect(fish.contains("\ncomplete -c 'govcheck' "))
        let manPath = prefix.appendingPathComponent("share/man/man1/govcheck.1")
        let man = try String(contentsOf: manPath, encoding: .utf8)
        #expect(man.contains(".TH GOVCHECK 1"))
        #expect(man.contains("\\fB\\-\\-fail\\-on\\fR"), "the man page documents check's options")
        // One section per subcommand the binary has, so the page cannot fall behind the CLI.
        let dump = try runProcess(prefix.appendingPathComponent("bin/govcheck"), ["--experimental-dump-help"])
        let tool = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let subcommands = try #require((tool["command"] as? [String: Any])?["subcommands"] as? [[String: Any]])
        let names = subcommands.compactMap { $0["commandName"] as? String }.filter { $0 != "help" }
        #expect(names.count >= 10)
        for name in names { #expect(man.contains("\n.SS \(name)\n"), "no section for \(name)") }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/groff") {
            let g = try runProcess(URL(fileURLWithPath: "/usr/bin/groff"), ["-man", "-Tutf8", "-ww", "-z", manPath.path])
            #expect(g.status == 0 && g.stderr.isEmpty, "groff warns about the man page:\n\(g.stderr)")
        }

        // From another folder, on a copy of a sample, with no GOVCHECK_RULES (empty counts as unset).
        let work = top.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestPaths.root.appendingPathComponent("Samples/eu-emotion-recognition-workplace.yaml"),
                                         to: work.appendingPathComponent("system.yaml"))
        let noEnv = ["GOVCHECK_RULES": ""]
        func installed(_ bin: URL, _ args: [String]) throws -> CLIResult {
            try runProcess(bin, args, environment: noEnv, in: work)
        }
        var bin = prefix.appendingPathComponent("bin/govcheck")
        let list = try installed(bin, ["packs", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        let packIDs = list.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        let packFolders = try FileManager.default.contentsOfDirectory(atPath: rules.path)
            .filter { FileManager.default.fileExists(atPath: rules.appendingPathComponent("\($0)/pack.yaml").path) }.sorted()
        #expect(packIDs == packFolders)
        #expect(packIDs.count == 8)
        #expect(list.stdout == (try runGovcheck(["packs", "list"])).stdout, "the installed packs list as the checkout's do")

        let show = try installed(bin, ["packs", "show", "eu-ai-act"])
        #expect(show.stdout.contains("file \(installedRules.path)/eu-ai-act/pack.yaml"), "reads \(show.stdout.prefix(300))")
        let check = try installed(bin, ["check", "--as-of", "2026-11-22", "--pack", "eu-ai-act", "system.yaml"])
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("tier: prohibited — Prohibited AI practice"))
        #expect(check.stdout.contains("because art5-1f-emotion-recognition-work-education"))
        #expect(check.stdout.contains("1 descriptor checked, 0 input errors"))

        // Started through PATH by its bare name, as pre-commit and shells start it.
        let path = prefix.appendingPathComponent("bin").path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let viaPath = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["govcheck", "packs", "show", "eu-ai-act"],
                                     environment: ["GOVCHECK_RULES": "", "PATH": path], in: work)
        #expect(viaPath.stdout.contains("file \(installedRules.path)/eu-ai-act/pack.yaml"), "\(viaPath.stderr)")

        // The PREFIX is relocatable: moved whole, the binary reads the packs at the new place.
        let moved = top.appendingPathComponent("moved")
        try FileManager.default.moveItem(at: prefix, to: moved)
        bin = moved.appendingPathComponent("bin/govcheck")
        let showMoved = try installed(bin, ["packs", "show", "eu-ai-act"])
        #expect(showMoved.stdout.contains("file \(moved.path)/share/govcheck/Rules/eu-ai-act/pack.yaml"), "\(showMoved.stdout.prefix(300))")

        // uninstall removes everything install put there, and nothing else.
        let keep = moved.appendingPathComponent("share/man/man1/other.1")
        try "keep\n".write(to: keep, atomically: true, encoding: .utf8)
        let u = try runMake(["uninstall", "PREFIX=\(moved.path)"])
        #expect(u.status == 0, "\(u.stderr)")
        #expect(filesUnder(moved) == ["share/man/man1/other.1"])
    }

    @Test("install-files without a built binary fails, says what to do, and installs nothing")
    func refusesWithoutBinary() throws {
        let top = try temporaryFolder("install-nobin")
        defer { removeTemporaryFolder(top) }
        let r = try runMake(["install-files", "PREFIX=\(top.path)/prefix", "BINARY=\(top.path)/missing/govcheck"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("no govcheck binary at \(top.path)/missing/govcheck"), "\(r.stderr)")
        #expect(r.stderr.contains("run 'make install'"))
        #expect(!FileManager.default.fileExists(atPath: "\(top.path)/prefix"))
    }
}

/// `GOVCHECK_RULES` pointing at a folder without packs is an error, never a quiet fall-back to the
/// packs of another place.
@Suite("GOVCHECK_RULES")
struct RulesEnvironmentTests {
    @Test("a GOVCHECK_RULES without packs stops with exit 2; pointing it at Rules/ works")
    func wrongFolder() throws {
        let dir = try temporaryFolder("rules-env")
        defer { removeTemporaryFolder(dir) }
        let r = try runGovcheck(["check", "Samples/eu-cv-screening-deployer.yaml"], environment: ["GOVCHECK_RULES": dir.path])
        #expect(r.status == 2, "\(r.stdout)\(r.stderr)")
        #expect(r.stderr.contains("GOVCHECK_RULES is '\(dir.path)', which holds no rule packs"), "\(r.stderr)")
        #expect(r.stdout.isEmpty, "nothing evaluated, nothing reported")
        let ok = try runGovcheck(["check", "--fail-on", "none", "Samples/eu-cv-screening-deployer.yaml"],
                                 environment: ["GOVCHECK_RULES": TestPaths.root.appendingPathComponent("Rules").path])
        #expect(ok.status == 0, "\(ok.stderr)")
    }
}
