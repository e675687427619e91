import Foundation
import GovCheckEngine
import YAMLTree

/// Paths and helpers shared by every test target, so fixtures and the CLI runner are written once.
public enum TestPaths {
    /// The repository root (this file is Tests/TestSupport/TestSupport.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let fixtures = root.appendingPathComponent("Tests/Fixtures")

    public static func fixture(_ rel: String) -> String { fixtures.appendingPathComponent(rel).path }
}

/// Reads YAML text in memory, for tests that exercise the reader.
public func readYAML(_ text: String, path: String = "test.yaml") throws(YAMLError) -> [YAMLDocument] {
    try YAMLReader.read(bytes: Array(text.utf8), path: path)
}

/// Loads packs from folders, failing the caller with the rendered diagnostics when any has errors.
public func loadPacks(_ roots: [String]) -> PackSet {
    PackLoader.load(shipped: [], extra: roots)
}

/// Types a descriptor written inline against a pack set's vocabulary.
public func descriptor(_ text: String, _ set: PackSet, path: String = "d.yaml") throws -> Descriptor {
    let docs = try readYAML(text, path: path)
    return Descriptor(document: docs[0], path: path, vocabulary: set.vocabulary)
}

/// The output of one run of the real `govcheck` binary.
public struct CLIResult: Sendable {
    public let stdout: String
    public let stderr: String
    public let status: Int32
}

/// Runs the built `govcheck` executable, as a user would, from the repository root.
public func runGovcheck(_ args: [String], stdin: String? = nil, environment: [String: String] = [:],
                        in directory: URL = TestPaths.root) throws -> CLIResult {
    try runProcess(govcheckBinary(), args, stdin: stdin, environment: environment, in: directory)
}

/// Runs an executable with NO_COLOR set, feeding `stdin` and collecting both output streams.
public func runProcess(_ executable: URL, _ args: [String], stdin: String? = nil, environment: [String: String] = [:],
                in directory: URL = TestPaths.root) throws -> CLIResult {
    let p = Process()
    p.executableURL = executable
    p.arguments = args
    p.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    // A child that stops reading standard input early (it may refuse an oversized one) must not
    // kill the test process with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    try p.run()
    // Write standard input and read both pipes concurrently, so neither side can stall the other.
    let group = DispatchGroup()
    let writer = input.fileHandleForWriting
    group.enter()
    DispatchQueue.global().async {
        if let stdin { try? writer.write(contentsOf: Data(stdin.utf8)) }
        try? writer.close()
        group.leave()
    }
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return CLIResult(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                     status: p.terminationStatus)
}

/// Checks report files with Tests/Fixtures/schemas/validate.py (`sarif`, `junit`, `gitlab-junit`,
/// `codequality`): the official SARIF 2.1.0 schema with format checking, the Jenkins junit-10.xsd,
/// and what GitLab's readers need. Status 0 is valid, 1 lists problems, 3 is a missing Python
/// package (install them as .ci/run does).
public func validateReports(_ kind: String, _ files: [String]) throws -> CLIResult {
    try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", TestPaths.fixture("schemas/validate.py"), kind] + files)
}

/// The built binary: next to the test bundle, or in the default build folder.
public func govcheckBinary() -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("govcheck"),
        Bundle.main.bundleURL.appendingPathComponent("govcheck"),
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("govcheck"),
        TestPaths.root.appendingPathComponent(".build/debug/govcheck"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
}

/// Runs the built `govcheck` under a cap on virtual memory and a hang guard, so a test of hostile
/// input fails (instead of taking the machine down or never ending) when a bound does not hold.
/// A run killed by the guard exits 124; one that runs out of memory crashes or exits non-2.
/// The guard is not a timing assertion: it is minutes, far above any honest run.
public func runGovcheckBounded(_ args: [String], memoryMB: Int = 2048, seconds: Int = 300, stdin: String? = nil,
                               in directory: URL = TestPaths.root) throws -> CLIResult {
    // A sanitizer build reserves terabytes of address space for its shadow memory, so it cannot run
    // under a cap on virtual memory: scripts/tsan.sh sets GOVCHECK_NO_MEMORY_CAP (the hang guard stays).
    let cap = ProcessInfo.processInfo.environment["GOVCHECK_NO_MEMORY_CAP"] == nil ? "ulimit -v \(memoryMB * 1024) && " : ""
    let script = cap + "exec timeout -s KILL \(seconds) \"$0\" \"$@\""
    return try runProcess(URL(fileURLWithPath: "/bin/sh"), ["-c", script, govcheckBinary().path] + args, stdin: stdin, in: directory)
}

/// A fresh, empty folder under the system's temporary directory.
public func temporaryFolder(_ name: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Removes a folder made by `temporaryFolder`, restoring permissions a test took away first.
public func removeTemporaryFolder(_ dir: URL) {
    let fm = FileManager.default
    // Only real folders get their permissions back; links (to devices, say) are never followed.
    _ = chmod(dir.path, 0o755)
    if let e = fm.enumerator(atPath: dir.path) {
        while let rel = e.nextObject() as? String {
            let path = dir.appendingPathComponent(rel).path
            var st = stat()
            if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR { _ = chmod(path, 0o755) }
        }
    }
    try? fm.removeItem(at: dir)
}
