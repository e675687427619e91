import Foundation
import GovCheckEngine
import YAMLTree
#if canImport(Glibc)
import Glibc
#endif

// Measures govcheck against a baseline taken in the same run, so the ratios carry over between
// machines (these are shared and noisy): (a) libyaml parsing the same files with events discarded,
// through the project's own CLibYAML; (b) `govcheck check` with every shipped pack, one job, as a
// summary, as text and as JSON; (c) the same on all cores. Also peak memory, output bytes per
// descriptor, the single-file wall time (median of 20 process starts), scaling to a larger fleet,
// and a pack with ten times the obligations.
//
// Build the tool first (`swift build -c release` at the repository root), then from this folder:
//   swift run -c release govcheck-bench --files 10000 [--large 100000] [--reps 3]
//   swift run -c release govcheck-bench --generate N DIR     (only write the corpus)

let args = CommandLine.arguments
func option(_ name: String) -> String? { args.firstIndex(of: name).flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } }
let files = option("--files").flatMap(Int.init) ?? 10_000
let large = option("--large").flatMap(Int.init)
let reps = option("--reps").flatMap(Int.init) ?? 3
let asOf = option("--as-of") ?? "2026-11-22"
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let binary = option("--binary") ?? root.appendingPathComponent(".build/release/govcheck").path
guard FileManager.default.isExecutableFile(atPath: binary) else {
    FileHandle.standardError.write(Data("govcheck-bench: no binary at \(binary); run 'swift build -c release' at the repository root, or pass --binary\n".utf8))
    exit(2)
}

/// One run of a child process: wall time, peak resident memory, bytes written to stdout, status.
struct Run {
    let seconds: Double
    let maxRSSKiB: Int
    let outputBytes: Int
    let status: Int32
}

/// Starts `binary` with `arguments`, stdout to a file (its size is the output), and waits for it
/// with wait4 to read its peak memory.
func spawn(_ arguments: [String]) -> Run {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-bench-out-\(getpid())").path
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([binary] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { envp.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, binary, &actions, nil, argv, envp) == 0 else { fatalError("cannot start \(binary)") }
    var status: Int32 = 0
    var usage = rusage()
    _ = wait4(pid, &status, 0, &usage)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    posix_spawn_file_actions_destroy(&actions)
    let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
    try? FileManager.default.removeItem(atPath: out)
    return Run(seconds: seconds, maxRSSKiB: Int(usage.ru_maxrss), outputBytes: size, status: (status >> 8) & 0xFF)
}

/// The median of `n` runs by wall time.
func median(_ n: Int, _ f: () -> Run) -> Run {
    let runs = (0..<max(1, n)).map { _ in f() }.sorted { $0.seconds < $1.seconds }
    return runs[runs.count / 2]
}

/// Parse-only baseline: every file read and parsed by libyaml, events discarded.
func parseOnly(_ dir: URL) -> Double {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()) ?? []
    let start = DispatchTime.now().uptimeNanoseconds
    var events = 0
    for n in names {
        guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(n).path) else { continue }
        events += YAMLReader.countEvents(bytes: [UInt8](data)) ?? 0
    }
    precondition(events > 0)
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let packs = PackLoader.load(shipped: [root.appendingPathComponent("Rules").path], extra: [])
precondition(!packs.hasErrors, "the shipped packs do not load")
let corpus = try Corpus(root: root, vocabulary: packs.vocabulary)
// `--generate N DIR` only writes the corpus (for profiling and golden-output comparisons).
if let i = args.firstIndex(of: "--generate"), i + 2 < args.count, let n = Int(args[i + 1]) {
    let bytes = try corpus.write(n, to: URL(fileURLWithPath: args[i + 2]))
    print("wrote \(n) descriptors (\(bytes) bytes) to \(args[i + 2])")
    exit(0)
}
let work = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-bench-\(getpid())")
defer { try? FileManager.default.removeItem(at: work) }
let dir = work.appendingPathComponent("fleet-\(files)")
let bytes = try corpus.write(files, to: dir)
let cores = ProcessInfo.processInfo.activeProcessorCount

func fmt(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }
func mib(_ kib: Int) -> String { fmt(Double(kib) / 1024, 0) + " MiB" }

print("govcheck benchmark: \(files) descriptors from \(corpus.bases.count) bases (\(bytes / files) bytes each on average), \(packs.packs.count) packs, as of \(asOf), median of \(reps), \(cores) cores")
print("binary: \(binary)")
let baseline = (0..<max(1, reps)).map { _ in parseOnly(dir) }.sorted()[reps / 2]
print("")
print("| run | time | ratio to (a) | peak memory | output per descriptor |")
print("|---|---|---|---|---|")
print("| (a) libyaml parse only, events discarded | \(fmt(baseline, 3)) s | 1.00 | - | - |")
let common = ["check", dir.path, "--as-of", asOf, "--fail-on", "none"]
var results: [String: Run] = [:]
for (label, jobs, extra) in [("(b) check --jobs 1 --summary", "1", ["--summary"]), ("(b) check --jobs 1, text", "1", []),
                             ("(b) check --jobs 1, JSON", "1", ["--format", "json"]),
                             ("(c) check --jobs \(cores) --summary", "\(cores)", ["--summary"]),
                             ("(c) check --jobs \(cores), text", "\(cores)", []),
                             ("(c) check --jobs \(cores), JSON", "\(cores)", ["--format", "json"])] {
    let r = median(reps) { spawn(common + ["--jobs", jobs] + extra) }
    results[label] = r
    precondition(r.status == 0, "\(label) exited \(r.status)")
    print("| \(label) | \(fmt(r.seconds, 3)) s | \(fmt(r.seconds / baseline)) | \(mib(r.maxRSSKiB)) | \(r.outputBytes / files) bytes |")
}

let one = root.appendingPathComponent("Samples/eu-cv-screening-deployer.yaml").path
let single = median(20) { spawn(["check", one, "--as-of", asOf, "--fail-on", "none"]) }
print("")
print("single file, wall time (median of 20 process starts): \(fmt(single.seconds * 1000, 1)) ms, peak memory \(mib(single.maxRSSKiB))")

if let large {
    let big = work.appendingPathComponent("fleet-\(large)")
    _ = try corpus.write(large, to: big)
    let small = results["(b) check --jobs 1 --summary"]!
    let r = median(1) { spawn(["check", big.path, "--as-of", asOf, "--fail-on", "none", "--jobs", "1", "--summary"]) }
    print("\(large) descriptors, --jobs 1 --summary: \(fmt(r.seconds, 2)) s (\(fmt(r.seconds / small.seconds)) × the \(files)-file time for \(large / files)× the files), peak memory \(mib(r.maxRSSKiB)) (\(fmt(Double(r.maxRSSKiB) / Double(small.maxRSSKiB))) ×)")
    try? FileManager.default.removeItem(at: big)
}

// A pack with ten times the obligations: the EU pack's obligations copied under new ids.
let tenfold = try Scaling.packs(root: root, work: work)
let sample = work.appendingPathComponent("scaling")
_ = try corpus.write(min(files, 2000), to: sample)
var scale: [Double] = []
for p in [tenfold.single, tenfold.tenfold] {
    let r = median(reps) { spawn(["check", sample.path, "--as-of", asOf, "--fail-on", "none", "--no-shipped-rules", "--rules", p.path, "--jobs", "1", "--summary"]) }
    scale.append(r.seconds)
}
print("pack with 10× the obligations (\(tenfold.obligations) → \(tenfold.obligations * 10)), \(min(files, 2000)) descriptors, --jobs 1: \(fmt(scale[1] / scale[0])) × the time")
