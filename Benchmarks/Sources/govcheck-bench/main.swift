import Dispatch
import Foundation
import GovCheckEngine
import YAMLTree
import Yams

// Measures, in one run and on the same files, ratios that stay meaningful on any machine:
//   1. reading: govcheck's libyaml event reader vs Yams' node composer (the baseline);
//   2. evaluation: a full `check` (read, type, evaluate every shipped pack) vs reading alone;
//   3. linearity: `check` on 2N files vs N files (about 2.0 when work is linear).
// Each figure is the median of several repetitions.

let args = CommandLine.arguments
let files = args.firstIndex(of: "--files").flatMap { Int(args[$0 + 1]) } ?? 2000
let reps = args.firstIndex(of: "--reps").flatMap { Int(args[$0 + 1]) } ?? 5

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
let samples = root.appendingPathComponent("Samples")
let sampleFiles = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".yaml") }.sorted()
let bodies = try sampleFiles.map { try Data(contentsOf: samples.appendingPathComponent($0)) }

/// Writes `count` descriptor files (the samples, repeated) to a fresh folder.
func corpus(_ count: Int) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("govcheck-bench-\(count)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for i in 0..<count {
        try bodies[i % bodies.count].write(to: dir.appendingPathComponent(String(format: "d%06d.yaml", i)))
    }
    return dir
}

func median(_ f: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<reps {
        let start = DispatchTime.now().uptimeNanoseconds
        try f()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[times.count / 2]
}

// A folder over the per-run file limit is refused whole: the measurement would be of nothing.
precondition(files * 2 <= InputPaths.maxFiles, "--files \(files): the larger corpus would pass the limit of \(InputPaths.maxFiles) files per run")
let small = try corpus(files)
let large = try corpus(files * 2)
defer {
    try? FileManager.default.removeItem(at: small)
    try? FileManager.default.removeItem(at: large)
}
let texts = try FileManager.default.contentsOfDirectory(atPath: small.path).sorted()
    .map { try String(contentsOf: small.appendingPathComponent($0), encoding: .utf8) }

let loadStart = DispatchTime.now().uptimeNanoseconds
let packs = PackLoader.load(shipped: [root.appendingPathComponent("Rules").path], extra: [])
let loadTime = Double(DispatchTime.now().uptimeNanoseconds - loadStart) / 1e9
precondition(!packs.hasErrors, "the shipped packs do not load")

let ours = try median { for t in texts { _ = try YAMLReader.read(bytes: Array(t.utf8), path: "x.yaml") } }
let yams = try median { for t in texts { _ = try Yams.compose_all(yaml: t).map { $0 } } }
let options = CheckOptions(asOf: Day("2026-11-22")!)
var checked = 0
let checkN = median { checked = Checker.run(paths: [small.path], packSet: packs, options: options).results.count }
let check2N = median { _ = Checker.run(paths: [large.path], packSet: packs, options: options) }
let serial = median {
    for f in texts {
        let docs = try! YAMLReader.read(bytes: Array(f.utf8), path: "x.yaml")
        for d in docs { _ = Checker.evaluate(Descriptor(document: d, path: "x.yaml", vocabulary: packs.vocabulary), packs: packs.packs, options: options) }
    }
}

func fmt(_ x: Double) -> String { String(format: "%.3f", x) }
print("govcheck benchmark: \(files) descriptor files (\(sampleFiles.count) samples repeated), \(packs.packs.count) packs, median of \(reps), \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("  load and compile packs (once per run)     \(fmt(loadTime)) s")
print("  read YAML, govcheck (libyaml events)      \(fmt(ours)) s")
print("  read YAML, Yams compose (baseline)        \(fmt(yams)) s   ratio Yams/govcheck = \(fmt(yams / ours))")
print("  check N files (parallel)                  \(fmt(checkN)) s   \(Int(Double(checked) / checkN)) descriptors/s")
print("  check N, serial in-process                \(fmt(serial)) s   ratio check/read = \(fmt(serial / ours))")
print("  check 2N files (parallel)                 \(fmt(check2N)) s   ratio 2N/N = \(fmt(check2N / checkN)) (linear ≈ 2.0)")
