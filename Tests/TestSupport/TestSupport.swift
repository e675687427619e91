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

    /// Standard output as running text (see `flowed`), for phrases the text report may fold.
    public var flowedStdout: String { flowed(stdout) }
}

/// Text with every run of spaces and line breaks made one space: the text report folds its lines
/// at 100 columns and pads its columns, so a test looks for a phrase this way wherever it wrapped.
public func flowed(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
}

/// Runs the built `govcheck` executable, as a user would, from the repository root.
public func runGovcheck(_ args: [String], stdin: String? = nil, environment: [String: String] = [:],
                        in directory: URL = TestPaths.root) throws -> CLIResult {
    try runProcess(govcheckBinary(), args, stdin: stdin, environment: environment, in: directory)
}

/// Runs an executable with NO_COLOR set, feeding `stdin` and collecting both output streams.
///
/// Started with posix_spawn rather than Foundation's `Process`: many tests start processes at
/// once, and `Process` on Linux was seen to corrupt the test process's heap and to make reads fail
/// with EINTR under that load. Pipes are created close-on-exec, so a child started by one test
/// never holds another test's pipe open.
public func runProcess(_ executable: URL, _ args: [String], stdin: String? = nil, environment: [String: String] = [:],
                in directory: URL = TestPaths.root) throws -> CLIResult {
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    // English unless a test asks otherwise: the language follows the locale when --lang is not given.
    env["LC_ALL"] = nil
    env["LC_MESSAGES"] = nil
    env["LANG"] = "C.UTF-8"
    for (k, v) in environment { env[k] = v }
    let (pid, inFD, outFD, errFD) = try spawnChild(executable, args, env: env, in: directory)
    // Write standard input and read both pipes concurrently, so neither side can stall the other.
    let group = DispatchGroup()
    let bytes = Array((stdin ?? "").utf8)
    group.enter()
    DispatchQueue.global().async {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(inFD, $0.baseAddress, $0.count) }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { break }
        }
        close(inFD)
        group.leave()
    }
    nonisolated(unsafe) var errData: [UInt8] = []
    group.enter()
    DispatchQueue.global().async {
        errData = readAll(errFD)
        group.leave()
    }
    let outData = readAll(outFD)
    group.wait()
    close(outFD)
    close(errFD)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // Exit status, or 128 + the signal for a child killed by one (as a shell reports it).
    let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return CLIResult(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                     status: code)
}

/// Held while pipes are made and a child is started (see `runProcess`).
private let spawnLock = NSLock()

/// Starts the program with three new pipes as its standard streams; returns the child's pid and
/// the parent's ends (stdin to write, stdout and stderr to read). Pipes are made and marked
/// close-on-exec under one lock with the spawn, so no other test's child can inherit them.
private func spawnChild(_ executable: URL, _ args: [String], env: [String: String], in directory: URL) throws
    -> (pid_t, Int32, Int32, Int32) {
    spawnLock.lock()
    defer { spawnLock.unlock() }
    var fds: [[Int32]] = []
    for _ in 0..<3 {
        var pair: [Int32] = [-1, -1]
        guard pipe(&pair) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        for fd in pair { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        fds.append(pair)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[0][0], 0)
    posix_spawn_file_actions_adddup2(&actions, fds[1][1], 1)
    posix_spawn_file_actions_adddup2(&actions, fds[2][1], 2)
    // `env -C` starts the program in the folder (posix_spawn has no portable chdir action).
    let launcher = "/usr/bin/env"
    let argv: [UnsafeMutablePointer<CChar>?] = ([launcher, "-C", directory.path, executable.path] + args).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    // A child that stops reading standard input early (it may refuse an oversized one) must not
    // kill the test process with SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    var pid: pid_t = 0
    let started = posix_spawn(&pid, launcher, &actions, nil, argv, envp)
    close(fds[0][0])
    close(fds[1][1])
    close(fds[2][1])
    guard started == 0 else {
        close(fds[0][1]); close(fds[1][0]); close(fds[2][0])
        throw POSIXError(POSIXErrorCode(rawValue: started) ?? .EIO)
    }
    return (pid, fds[0][1], fds[1][0], fds[2][0])
}

/// Everything a pipe delivers until its writer closes it, retrying reads a signal interrupts.
private func readAll(_ fd: Int32) -> [UInt8] {
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 { out.append(contentsOf: buffer[0..<n]) } else if n < 0 && errno == EINTR { continue } else { return out }
    }
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
