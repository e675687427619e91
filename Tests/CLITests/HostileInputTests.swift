import Foundation
import Testing
import TestSupport

/// Hostile and broken descriptor inputs, each run through the real binary in a batch with one good
/// sample whose result must still be printed: a clear error at its place, exit 2, and a run that
/// stays under a memory cap (and a hang guard). Large inputs are generated here, at run time.
@Suite("Hostile descriptor input never hurts the batch")
struct HostileInputTests {
    static let good = "Samples/eu-cv-screening-deployer.yaml"
    static let goodLine = "  descriptor:   Samples/eu-cv-screening-deployer.yaml (cv-screening-deployer)\n"
    static var goodText: String {
        (try? String(contentsOf: TestPaths.root.appendingPathComponent(good), encoding: .utf8)) ?? ""
    }

    /// The first line after the good sample, where text appended to it starts.
    static var end: Int { goodText.filter { $0 == "\n" }.count + (goodText.hasSuffix("\n") ? 1 : 2) }

    /// "line:column" in the good sample of the text just after `needle` (where its value starts),
    /// so the tests follow the sample when the packs' authors edit it.
    static func at(_ needle: String) -> String {
        let text = goodText
        guard let r = text.range(of: needle) else { return "?" }
        let before = text[..<r.upperBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        return "\(line):\(text[lineStart..<r.upperBound].unicodeScalars.count + 1)"
    }

    /// `check` of `paths` with the good sample last, under the memory cap and the hang guard.
    func check(_ paths: [String], extra: [String] = [], stdin: String? = nil, memoryMB: Int = 2048) throws -> CLIResult {
        try runGovcheckBounded(["check", "--as-of", "2026-11-22", "--fail-on", "none"] + extra + paths + [Self.good],
                               memoryMB: memoryMB, stdin: stdin)
    }

    /// The batch went on past the bad inputs: the good sample's result is printed, and the run exits 2.
    func expectBatchContinued(_ r: CLIResult, checked: Int = 1, errors: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 2, "exit \(r.status)\n\(r.stderr.suffix(2000))", sourceLocation: sourceLocation)
        #expect(r.stdout.contains(Self.goodLine) && r.stdout.contains("tier: minimal-risk"),
                "the good sample's result is missing:\n\(r.stdout.suffix(3000))\n\(r.stderr.suffix(2000))", sourceLocation: sourceLocation)
        #expect(r.stdout.contains("Summary: \(checked) descriptor\(checked == 1 ? "" : "s") checked, \(errors) input error"),
                "\(r.stdout.suffix(800))", sourceLocation: sourceLocation)
    }

    @discardableResult
    func write(_ dir: URL, _ name: String, _ text: String) throws -> String {
        try write(dir, name, Data(text.utf8))
    }

    @discardableResult
    func write(_ dir: URL, _ name: String, _ data: Data) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    @Test("30,000 tiny documents and 10,000 documents in one file are refused whole, at the first document over the limit")
    func tinyDocuments() throws {
        let dir = try temporaryFolder("docs")
        defer { removeTemporaryFolder(dir) }
        var big = ""
        for i in 0..<30_000 { big += "---\n{apiVersion: govcheck/v1, kind: Deployment, metadata: {name: d\(i)}}\n" }
        #expect(big.utf8.count > 2_000_000)
        let many = try write(dir, "many.yaml", big)
        var small = ""
        for i in 0..<10_000 { small += "---\na: \(i)\n" }
        let tenK = try write(dir, "ten-thousand.yaml", small)
        let r = try check([many, tenK])
        #expect(r.stderr.contains("\(many):2001:1: error: file holds more than 1000 YAML documents; none of them were checked [yaml.too-many-documents]"))
        #expect(r.stderr.contains("\(tenK):2001:1: error: file holds more than 1000 YAML documents"))
        #expect(r.stderr.contains("help: split it into files of at most 1000 documents each"))
        expectBatchContinued(r, errors: 2)
    }

    @Test("an alias expansion bomb stops at the alias budget, at the alias that passes it")
    func aliasBomb() throws {
        let dir = try temporaryFolder("alias")
        defer { removeTemporaryFolder(dir) }
        let bomb = try write(dir, "bomb.yaml", """
            a: &a [x, x, x, x, x, x, x, x, x]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
            e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
            f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]

            """)
        let r = try check([bomb], memoryMB: 1024)
        #expect(r.stderr.contains("\(bomb):5:8: error: aliases expand to more than 10000 nodes [yaml.alias-budget]"), "\(r.stderr)")
        expectBatchContinued(r, errors: 1)
    }

    @Test("nesting 100,000 deep, flow and block, is refused at the level past the limit, without overflowing the stack")
    func deepNesting() throws {
        let dir = try temporaryFolder("deep")
        defer { removeTemporaryFolder(dir) }
        let n = 100_000
        let flowSeq = try write(dir, "flow-seq.yaml", String(repeating: "[", count: n) + String(repeating: "]", count: n) + "\n")
        let flowMap = try write(dir, "flow-map.yaml", String(repeating: "{a: ", count: n) + "1" + String(repeating: "}", count: n) + "\n")
        let blockSeq = try write(dir, "block-seq.yaml", String(repeating: "- ", count: n) + "x\n")
        var indented = ""
        for i in 0..<2_000 { indented += String(repeating: " ", count: i) + "a:\n" }
        let blockMap = try write(dir, "block-map.yaml", indented + String(repeating: " ", count: 2_000) + "b: 1\n")
        let r = try check([flowSeq, flowMap, blockSeq, blockMap], memoryMB: 1024)
        #expect(r.stderr.contains("\(flowSeq):1:66: error: nesting is deeper than the limit of 64 levels [yaml.too-deep]"), "\(r.stderr)")
        #expect(r.stderr.contains("\(flowMap):1:258: error: nesting is deeper than the limit of 64 levels [yaml.too-deep]"))
        #expect(r.stderr.contains("\(blockSeq):1:131: error: nesting is deeper than the limit of 64 levels [yaml.too-deep]"))
        #expect(r.stderr.contains("\(blockMap):65:65: error: nesting is deeper than the limit of 64 levels [yaml.too-deep]"))
        #expect(r.stderr.contains("help: flatten the structure"))
        expectBatchContinued(r, errors: 4)
    }

    @Test("a 50 MB scalar, a 10 MB key and sparse 200 MB and 4 GB files are refused by their size, unread")
    func oversizedFiles() throws {
        let dir = try temporaryFolder("size")
        defer { removeTemporaryFolder(dir) }
        let scalar = try write(dir, "scalar.yaml", "a: \"" + String(repeating: "x", count: 50 << 20) + "\"\n")
        let key = try write(dir, "key.yaml", String(repeating: "k", count: 10 << 20) + ": 1\n")
        func sparse(_ name: String, _ size: UInt64) throws -> String {
            let url = dir.appendingPathComponent(name)
            FileManager.default.createFile(atPath: url.path, contents: nil)
            let h = try FileHandle(forWritingTo: url)
            try h.truncate(atOffset: size)
            try h.close()
            return url.path
        }
        let sparse200 = try sparse("sparse-200mb.yaml", 200 << 20)
        let sparse4g = try sparse("sparse-4gb.yaml", 4 << 30)
        // 1 GB of address space: a 4 GB file read into memory could not fit.
        let r = try check([scalar, key, sparse200, sparse4g], memoryMB: 1024)
        #expect(r.stderr.contains("\(scalar):1:1: error: file is 52428806 bytes (50.0 MiB), more than the limit of 8388608 bytes (8 MiB); it was not read [yaml.too-large]"), "\(r.stderr)")
        #expect(r.stderr.contains("\(key):1:1: error: file is 10485764 bytes (10.0 MiB), more than the limit"))
        #expect(r.stderr.contains("\(sparse200):1:1: error: file is 209715200 bytes (200 MiB), more than the limit"))
        #expect(r.stderr.contains("\(sparse4g):1:1: error: file is 4294967296 bytes (4096 MiB), more than the limit"))
        expectBatchContinued(r, errors: 4)
    }

    @Test("megabyte keys and lines: the message quotes a cut key, snippets are cut around the column")
    func longKeysAndLines() throws {
        let dir = try temporaryFolder("long")
        defer { removeTemporaryFolder(dir) }
        let megabyteKey = String(repeating: "k", count: 1 << 20)
        let explicit = try write(dir, "explicit-key.yaml", Self.goodText + "? \(megabyteKey)\n: 1\n")
        let implicit = try write(dir, "implicit-key.yaml", "\(megabyteKey): 1\n")
        let items = 400_000
        let longLine = try write(dir, "long-line.yaml", "a: [" + String(repeating: "x, ", count: items) + "x}\n")
        let r = try check([explicit, implicit, longLine], memoryMB: 1024)
        #expect(r.stderr.contains("\(explicit):\(Self.end):3: warning: unknown field 'kkkkkkkk"))
        #expect(r.stderr.contains("…' (1048576 characters) [descriptor.unknown-field]"))
        #expect(r.stderr.contains("\(implicit):1:1: error: a key longer than 1024 characters must be written as an explicit key ('? key') [yaml.syntax]"), "\(r.stderr.prefix(3000))")
        #expect(r.stderr.contains("\(longLine):1:\(3 * items + 6): error:"), "\(r.stderr.prefix(3000))")
        // The 1 MB key and the 1.2 MB line are never echoed whole: no output line carries more
        // than a short window of either (the report's own lines, such as rationales, can be long).
        let lines = r.stdout.split(separator: "\n")
        #expect(!lines.contains { $0.contains(String(repeating: "k", count: 300)) || $0.contains(String(repeating: "x, ", count: 100)) })
        let longest = lines.map(\.utf8.count).max() ?? 0
        #expect(longest < 2_000, "an output line of \(longest) bytes")
        expectBatchContinued(r, checked: 2, errors: 2)
    }

    @Test("invalid UTF-8, UTF-16 and UTF-32 with and without a byte-order mark, and NUL bytes are named as such")
    func encodings() throws {
        let dir = try temporaryFolder("enc")
        defer { removeTemporaryFolder(dir) }
        let text = Self.goodText
        let badUTF8 = try write(dir, "bad-utf8.yaml", Data(text.utf8) + Data([0x78, 0x3A, 0x20, 0x22, 0xC3, 0x28, 0x22, 0x0A]))
        let utf16 = try write(dir, "utf16-bom.yaml", text.data(using: .utf16)!)
        let utf16be = try write(dir, "utf16be.yaml", text.data(using: .utf16BigEndian)!)
        let utf16le = try write(dir, "utf16le.yaml", text.data(using: .utf16LittleEndian)!)
        let utf32 = try write(dir, "utf32le.yaml", text.data(using: .utf32LittleEndian)!)
        let nul = try write(dir, "nul.yaml", Data(text.utf8) + Data([0x61, 0x3A, 0x20, 0x00, 0x0A]))
        let r = try check([badUTF8, utf16, utf16be, utf16le, utf32, nul])
        #expect(r.stderr.contains("\(badUTF8):\(Self.end):5: error: invalid UTF-8 byte 0xC3 [yaml.invalid-utf8]"), "\(r.stderr)")
        #expect(r.stderr.contains("\(utf16):1:1: error: file is UTF-16 (") && r.stderr.contains("with a byte-order mark); govcheck reads UTF-8 only [yaml.encoding]"))
        #expect(r.stderr.contains("\(utf16be):1:1: error: file is UTF-16 (big-endian, without a byte-order mark); govcheck reads UTF-8 only"))
        #expect(r.stderr.contains("\(utf16le):1:1: error: file is UTF-16 (little-endian, without a byte-order mark); govcheck reads UTF-8 only"))
        #expect(r.stderr.contains("\(utf32):1:1: error: file is UTF-32 (little-endian, without a byte-order mark)"))
        #expect(r.stderr.contains("help: save it as UTF-8"))
        #expect(r.stderr.contains("\(nul):\(Self.end):4: error: file contains a NUL byte; it looks binary, not YAML text [yaml.binary]"))
        expectBatchContinued(r, errors: 6)
    }

    @Test("tab indentation is named, with the place of the tab")
    func tabs() throws {
        let dir = try temporaryFolder("tab")
        defer { removeTemporaryFolder(dir) }
        let tab = try write(dir, "tab.yaml", "apiVersion: govcheck/v1\nkind: Deployment\nmetadata:\n\tname: x\n")
        let r = try check([tab])
        #expect(r.stderr.contains("\(tab):4:1: error: tab characters are not allowed for indentation; use spaces [yaml.syntax]"), "\(r.stderr)")
        expectBatchContinued(r, errors: 1)
    }

    @Test("1e999, .nan, -.inf and a 400-digit integer for a number fact, and 2026-02-30 for a date, are errors naming the problem")
    func numbersAndDates() throws {
        let dir = try temporaryFolder("num")
        defer { removeTemporaryFolder(dir) }
        func number(_ name: String, _ v: String) throws -> String {
            try write(dir, name, Self.goodText.replacingOccurrences(of: "deployer_logs_months: 12", with: "deployer_logs_months: \(v)"))
        }
        let huge = try number("huge.yaml", "1e999")
        let nan = try number("nan.yaml", ".nan")
        let inf = try number("inf.yaml", "-.inf")
        let digits = try number("digits.yaml", String(repeating: "9", count: 400))
        let date = try write(dir, "date.yaml", Self.goodText.replacingOccurrences(of: "last_delivered: 2026-05-10", with: "last_delivered: 2026-02-30"))
        let r = try check([huge, nan, inf, digits, date])
        let fact = "'eu.evidence.retention_policy.deployer_logs_months'"
        let logs = Self.at("deployer_logs_months: "), delivered = Self.at("last_delivered: ")
        #expect(r.stderr.contains("\(huge):\(logs): error: \(fact): '1e999' is out of range"), "\(r.stderr)")
        #expect(r.stderr.contains("\(nan):\(logs): error: \(fact): '.nan' is not a finite number [descriptor.type-mismatch]"))
        #expect(r.stderr.contains("\(inf):\(logs): error: \(fact): '-.inf' is not a finite number [descriptor.type-mismatch]"))
        #expect(r.stderr.contains("\(digits):\(logs): error: \(fact): '999") && r.stderr.contains("has 400 digits; govcheck compares at most 38 significant digits exactly"))
        #expect(r.stderr.contains("\(date):\(delivered): error: 'eu.evidence.ai_literacy.last_delivered': '2026-02-30' is not a valid date: February 2026 has 28 days [descriptor.type-mismatch]"))
        #expect(!r.stderr.contains("found a string"))
        expectBatchContinued(r, errors: 5)
    }

    @Test("a folder scan reports every path it does not read: dangling and looping links, devices, a pipe, a linked-back folder; YAML that is not a descriptor is skipped and counted")
    func folderScan() throws {
        let dir = try temporaryFolder("scan")
        defer { removeTemporaryFolder(dir) }
        let d = dir.appendingPathComponent("d")
        let fm = FileManager.default
        try fm.createDirectory(at: d.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try fm.createDirectory(at: d.appendingPathComponent("empty.yaml"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: d.appendingPathComponent("dangling.yaml").path, withDestinationPath: "nowhere.yaml")
        try fm.createSymbolicLink(atPath: d.appendingPathComponent("loop1.yaml").path, withDestinationPath: "loop2.yaml")
        try fm.createSymbolicLink(atPath: d.appendingPathComponent("loop2.yaml").path, withDestinationPath: "loop1.yaml")
        try fm.createSymbolicLink(atPath: d.appendingPathComponent("zero.yaml").path, withDestinationPath: "/dev/zero")
        try fm.createSymbolicLink(atPath: d.appendingPathComponent("random.yaml").path, withDestinationPath: "/dev/urandom")
        try fm.createSymbolicLink(atPath: d.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        try write(dir, "other/scalar.yaml", "just a string\n")
        try fm.createSymbolicLink(atPath: d.appendingPathComponent("linked").path, withDestinationPath: "../other")
        #expect(mkfifo(d.appendingPathComponent("pipe.yaml").path, 0o644) == 0)
        try write(d, "zero-bytes.yaml", "")
        try write(d, "list.yaml", "- a\n- b\n")
        let base = d.path
        // A folder named like a YAML file is a folder: searched, and here empty.
        let folderNamedYAML = try write(dir, "x.yaml/readme.txt", "not yaml\n")
        let r = try check([base, (folderNamedYAML as NSString).deletingLastPathComponent], extra: ["--verbose"])
        let out = r.stderr
        #expect(out.contains("\(base)/dangling.yaml:1:1: error: this is a symbolic link to 'nowhere.yaml', which does not exist; it was not read [io.not-found]"), "\(out)")
        #expect(out.contains("\(base)/loop1.yaml:1:1: error: symbolic links loop here; the path leads nowhere and was not read [io.symlink-loop]"))
        #expect(out.contains("\(base)/loop2.yaml:1:1: error: symbolic links loop here"))
        #expect(out.contains("\(base)/zero.yaml:1:1: error: this is a character device, not a regular file; it was not read [io.not-regular-file]"))
        #expect(out.contains("\(base)/random.yaml:1:1: error: this is a character device, not a regular file; it was not read"))
        #expect(out.contains("\(base)/pipe.yaml:1:1: error: this is a named pipe (FIFO), not a regular file; it was not read [io.not-regular-file]"))
        #expect(out.contains("\(base)/sub/up:1:1: error: this symbolic link leads to a folder this scan already reads (as '\(base)'); it is not read twice [io.symlink-loop]"))
        // A string, a list and an empty file in a folder are not descriptors: skipped, counted and,
        // with --verbose, listed with what their first document is. The linked folder was read.
        #expect(r.stdout.contains("skipped 3 files that are not govcheck descriptors (--verbose lists them)"), "\(r.stdout)")
        #expect(r.stderr.contains("skipped, not a govcheck descriptor (its first document is a string, not a mapping): \(base)/linked/scalar.yaml"), "\(r.stderr)")
        #expect(r.stderr.contains("skipped, not a govcheck descriptor (it holds no YAML document): \(base)/zero-bytes.yaml"))
        #expect(r.stderr.contains("skipped, not a govcheck descriptor (its first document is a sequence, not a mapping): \(base)/list.yaml"))
        #expect(!out.contains("linked/scalar.yaml:1:1: error") && !out.contains("list.yaml:1:1: error") && !out.contains("zero-bytes.yaml:1:1: error"))
        // The device links and the pipe cannot be read far enough to tell what they are: errors, with a note.
        #expect(r.stderr.contains("note: 3 YAML files in the folders given could not be read far enough to tell whether they are govcheck descriptors (errors above)"))
        #expect(out.contains("\(dir.path)/x.yaml:1:1: error: no .yaml or .yml files in this folder [io.no-descriptors]"))
        expectBatchContinued(r, errors: 8)
    }

    @Test("an unreadable file and folder are errors (where permissions bind: as root they do not)")
    func unreadable() throws {
        let dir = try temporaryFolder("perm")
        defer { removeTemporaryFolder(dir) }
        let file = try write(dir, "locked.yaml", Self.goodText)
        let folder = dir.appendingPathComponent("locked-folder")
        try write(folder, "inside.yaml", Self.goodText)
        #expect(chmod(file, 0) == 0 && chmod(folder.path, 0) == 0)
        defer { _ = chmod(folder.path, 0o755) }
        let r = try check([file, dir.path])
        if access(file, R_OK) != 0 {
            #expect(r.stderr.contains("\(file):1:1: error: permission denied: the file cannot be read [io.unreadable]"), "\(r.stderr)")
            #expect(r.stderr.contains("\(folder.path):1:1: error: cannot read this folder: permission denied; the files in it were not checked [io.unreadable]"))
            expectBatchContinued(r, errors: 3)
        } else {
            // Running with privileges that bypass permissions (root): both are read like any file.
            #expect(r.status == 0, "\(r.stdout)")
            #expect(r.flowedStdout.contains("descriptor: \(folder.path)/inside.yaml (cv-screening-deployer)"), "\(r.stdout)")
            #expect(r.stdout.contains("Summary: 4 descriptors checked, 0 input errors"))
        }
    }

    @Test("a FIFO given by name is refused without being opened (no hang), and so is a device")
    func fifoAndDevice() throws {
        let dir = try temporaryFolder("fifo")
        defer { removeTemporaryFolder(dir) }
        let fifo = dir.appendingPathComponent("pipe.yaml").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let r = try check([fifo, "/dev/zero"])
        #expect(r.stderr.contains("\(fifo):1:1: error: this is a named pipe (FIFO), not a regular file; it was not read [io.not-regular-file]"), "\(r.stderr)")
        #expect(r.stderr.contains("help: pass a regular YAML file; to pipe a descriptor in, give '-' and use standard input"))
        #expect(r.stderr.contains("/dev/zero:1:1: error: this is a character device, not a regular file; it was not read"))
        expectBatchContinued(r, errors: 2)
    }

    @Test("20,000 files in one folder are all read, in bounded memory (reports stream), with the rest of the batch")
    func manyFiles() throws {
        let dir = try temporaryFolder("many")
        defer { removeTemporaryFolder(dir) }
        let folder = dir.appendingPathComponent("descriptors")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Half are not descriptors (skipped after reading their first line); half are descriptors
        // without a 'kind', each read whole and reported.
        let other = "a: 1\n", broken = "apiVersion: govcheck/v1\nmetadata: {name: d}\n"
        for i in 0..<20_000 {
            let fd = open(folder.appendingPathComponent("d\(i).yaml").path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
            #expect(fd >= 0)
            let text = i % 2 == 0 ? other : broken
            _ = Foundation.write(fd, text, text.utf8.count)
            close(fd)
        }
        let r = try check([folder.path], memoryMB: 1024)
        #expect(r.stderr.contains("\(folder.path)/d19999.yaml:1:1: error: missing 'kind' [descriptor.missing-kind]"), "\(r.stderr.suffix(2000))")
        #expect(!r.stderr.contains("\(folder.path)/d19998.yaml"))
        #expect(r.stdout.contains("skipped 10000 files that are not govcheck descriptors"))
        expectBatchContinued(r, errors: 10_000)
        // A folder of 20,000 files none of which is a descriptor is an error, never an empty pass.
        for i in stride(from: 1, to: 20_000, by: 2) {
            let fd = open(folder.appendingPathComponent("d\(i).yaml").path, O_WRONLY | O_TRUNC)
            #expect(fd >= 0)
            _ = Foundation.write(fd, other, other.utf8.count)
            close(fd)
        }
        let none = try check([folder.path], memoryMB: 1024)
        #expect(none.stderr.contains("\(folder.path):1:1: error: no govcheck descriptors in this folder: 20000 YAML files were read, and none declares 'apiVersion: govcheck/v1' in its first document [io.no-descriptors]"), "\(none.stderr.suffix(2000))")
        #expect(none.stdout.contains("skipped 20000 files that are not govcheck descriptors"))
        expectBatchContinued(none, errors: 1)
    }

    @Test("100,000 unknown fields and 20,000 unknown metadata keys give 20 warnings each and one count, not a flood")
    func unknownFields() throws {
        let dir = try temporaryFolder("unknown")
        defer { removeTemporaryFolder(dir) }
        var fields = ""
        for i in 0..<100_000 { fields += "zz_unknown_\(i): 1\n" }
        let top = try write(dir, "fields.yaml", Self.goodText + fields)
        var meta = "metadata:\n  name: meta\n"
        for i in 0..<20_000 { meta += "  u\(i): 1\n" }
        let metadata = try write(dir, "metadata.yaml", Self.goodText.replacingOccurrences(
            of: "metadata: {name: \"cv-screening-deployer\", jurisdictions: [EU]}\n", with: meta + "  jurisdictions: [EU]\n"))
        let r = try runGovcheckBounded(["check", "--as-of", "2026-11-22", "--fail-on", "none", top, metadata, Self.good], memoryMB: 1024)
        #expect(r.status == 0, "\(r.stderr)")
        let warnings = r.stderr.components(separatedBy: "warning: unknown field 'zz_unknown_").count - 1
        #expect(warnings == 20)
        #expect(r.stderr.contains("\(top):\(Self.end + 20):1: warning: and 99980 more unknown fields from here on, not listed one by one [descriptor.unknown-field]"))
        #expect(r.stderr.components(separatedBy: "warning: unknown metadata field 'u").count - 1 == 20)
        #expect(r.stderr.contains("warning: and 19980 more unknown fields from here on"))
        #expect(r.stdout.contains(Self.goodLine))
        #expect(r.stdout.contains("Summary: 3 descriptors checked, 0 input errors"))
    }

    @Test("control characters in a name, a key and a file name cannot forge report lines or CI commands")
    func forgedLines() throws {
        let dir = try temporaryFolder("forge")
        defer { removeTemporaryFolder(dir) }
        let forged = Self.goodText
            .replacingOccurrences(of: "name: \"cv-screening-deployer\"", with: "name: \"x\\n::error file=a.yaml::forged\\e[31m\"")
            + "\"bad\\nkey\\u202E\": 1\n"
        let file = try write(dir, "forged.yaml", forged)
        let evil = try write(dir, "scan/evil\n::error::name.yaml", "a: 1\n")
        _ = evil
        let r = try check([file, dir.appendingPathComponent("scan").path])
        #expect(r.flowedStdout.contains("descriptor: \(file) (x\\n::error file=a.yaml::forged\\u{1B}[31m)"), "\(r.stdout)")
        #expect(r.stderr.contains("warning: unknown field 'bad\\nkey\\u{202E}'"))
        #expect(r.stderr.contains("scan/evil\\n::error::name.yaml:1:1: error: the name contains a control character; it was not read [io.bad-name]"))
        for line in (r.stdout + r.stderr).split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(!line.hasPrefix("::error"), "a forged line: \(line)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" || $0.value == 0x1B || $0.value == 0x202E })
        }
        expectBatchContinued(r, checked: 2, errors: 1)
        let json = try check([file], extra: ["--format", "json"])
        let obj = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let names = (obj["results"] as! [[String: Any]]).map { $0["name"] as! String }
        #expect(names.contains("x\\n::error file=a.yaml::forged\\u{1B}[31m"))
    }

    @Test("explain shows a traced value with its control characters escaped")
    func explainEscapes() throws {
        let dir = try temporaryFolder("explain")
        defer { removeTemporaryFolder(dir) }
        let file = try write(dir, "trace.yaml", """
            apiVersion: govcheck/v1
            kind: Deployment
            metadata: {name: trace}
            mini: {roles: [deployer], markets: [DE], ai_system: true, purpose: chat, compute_flop: 1e20, code: "BAN-1\\n::error::forged"}

            """)
        let r = try runGovcheckBounded(["explain", "--no-shipped-rules", "--rules", "Tests/Fixtures/mini", "--as-of", "2026-12-02",
                                        file, "--rule", "new-ban"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("<- BAN-1\\n::error::forged at \(file):4:"), "\(r.stdout)")
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("::error") })
    }

    @Test("check - - reads standard input once")
    func standardInputOnce() throws {
        let stdin = Self.goodText + "---\n" + Self.goodText.replacingOccurrences(of: "name: \"cv-screening-deployer\"", with: "name: \"second\"")
        let r = try runGovcheckBounded(["check", "--as-of", "2026-11-22", "--fail-on", "none", "-", "-", "-"], stdin: stdin)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.components(separatedBy: "  descriptor:   <stdin> (cv-screening-deployer)\n").count - 1 == 1, "\(r.stdout)")
        #expect(r.stdout.components(separatedBy: "  descriptor:   <stdin> (document 2) (second)\n").count - 1 == 1)
        #expect(r.stdout.contains("Summary: 2 descriptors checked, 0 input errors"))
        // Standard input over the size limit is refused after reading one byte past the limit.
        let flood = String(repeating: "# comment\n", count: 900_000)
        let big = try check(["-"], stdin: flood, memoryMB: 1024)
        #expect(big.stderr.contains("<stdin>:1:1: error: input is larger than the limit of 8388608 bytes (8 MiB); it was not read [yaml.too-large]"), "\(big.stderr.prefix(2000))")
        expectBatchContinued(big, errors: 1)
    }

    @Test("one fact, one place: a dotted key cannot silently override a nested value, in either order")
    func dottedKeys() throws {
        let dir = try temporaryFolder("dotted")
        defer { removeTemporaryFolder(dir) }
        let sample = try String(contentsOf: TestPaths.root.appendingPathComponent("Samples/eu-social-scoring-tenants.yaml"), encoding: .utf8)
        let nestedLine = sample.components(separatedBy: "\n").firstIndex { $0.contains("social_scoring_over_time: true") }! + 1
        let appended = try write(dir, "appended.yaml", sample + "eu.practice.social_scoring_over_time: false\n")
        let appendedLine = sample.components(separatedBy: "\n").count
        let first = try write(dir, "dotted-first.yaml", "eu.practice.social_scoring_over_time: false\n" + sample)
        let prefix = try write(dir, "prefix.yaml", sample + "eu.practice: {social_scoring_over_time: false}\n")
        let r = try check([appended, first, prefix])
        #expect(r.stderr.contains("\(appended):\(appendedLine):1: error: duplicate key 'eu.practice.social_scoring_over_time': this path is already written, spelt differently [yaml.duplicate-key]"), "\(r.stderr)")
        #expect(r.stderr.contains("note: \(appended):\(nestedLine):5: first defined here"))
        #expect(r.stderr.contains("\(first):\(nestedLine + 1):5: error: duplicate key 'eu.practice.social_scoring_over_time'"))
        #expect(r.stderr.contains("note: \(first):1:1: first defined here"))
        #expect(r.stderr.contains("\(prefix):\(appendedLine):1: error: duplicate key 'eu.practice'"))
        #expect(!r.stdout.contains("tenant-social-score"), "a descriptor with a duplicate must not be evaluated")
        expectBatchContinued(r, errors: 3)
        // Dotted keys that do not collide merge into the same paths: the same system stays prohibited.
        let moved = sample.replacingOccurrences(of: "    social_scoring_over_time: true\n", with: "") + "eu.practice.social_scoring_over_time: true\n"
        let ok = try runGovcheckBounded(["check", "--as-of", "2026-11-22", "--fail-on", "none", try write(dir, "moved.yaml", moved)])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.contains("tier: prohibited"))
        #expect(ok.stdout.contains("art5-1c-social-scoring"), "\(ok.stdout)")
    }

    @Test("--all keeps a space between the status and the severity")
    func allColumns() throws {
        let r = try runGovcheck(["check", "--as-of", "2026-11-22", "--all", "--fail-on", "none", Self.good])
        #expect(r.status == 0)
        #expect(r.stdout.contains("not-applicable "))
        #expect(!r.stdout.contains("not-applicablehigh") && !r.stdout.contains("not-applicablemedium") && !r.stdout.contains("not-applicablecritical"))
    }
}
