import Foundation
import FuzzSupport
import GovCheckEngine
import YAMLTree

/// A scratch folder laid out like Rules/: `vocabulary/` is the shipped one (so `../vocabulary/eu.yaml`
/// resolves), and the input is written to `fuzz/pack.yaml`, beside the mini fixture's vocabulary.
/// The mini fixture pack is loaded as the shipped set, so `extends: mini` has a base.
struct Workspace {
    let root: URL
    let packFile: URL
    let packDir: String
    let base: String

    init() {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("govcheck-fuzz-pack-\(getpid())")
        try? fm.removeItem(at: root)
        let dir = root.appendingPathComponent("fuzz")
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
            try fm.createSymbolicLink(at: root.appendingPathComponent("vocabulary"), withDestinationURL: FuzzPaths.rules.appendingPathComponent("vocabulary"))
            try fm.createSymbolicLink(at: dir.appendingPathComponent("vocabulary.yaml"),
                                      withDestinationURL: URL(fileURLWithPath: FuzzPaths.path("Tests/Fixtures/mini/vocabulary.yaml")))
        } catch {
            Invariants.fail("cannot lay out \(root.path): \(error)")
        }
        packFile = dir.appendingPathComponent("pack.yaml")
        packDir = dir.path
        base = FuzzPaths.path("Tests/Fixtures/mini")
    }
}

let workspace = Workspace()
let asOf = Day(year: 2026, month: 12, day: 1)
/// Descriptors each loaded pack is evaluated against (EU, CN, and the mini fixture's), read once.
let descriptors: [(String, YAMLDocument)] = keptForTheRun {
    ["Samples/both-customer-chatbot.yaml", "Samples/cn-face-swap-app.yaml", "Tests/Fixtures/descriptors/chat-eu.yaml"]
        .flatMap { rel -> [(String, YAMLDocument)] in
            do { return try YAMLReader.read(path: FuzzPaths.path(rel)).map { (rel, $0) } } catch {
                Invariants.fail("cannot read \(rel): \(error)")
            }
        }
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzPackInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = workspace
    _ = descriptors
    let baseOnly = PackLoader.load(shipped: [workspace.base], extra: [])
    if baseOnly.hasErrors { Invariants.fail("the mini fixture pack did not load: \(baseOnly.diagnostics.map(\.message))") }
    return 0
}

/// libFuzzer entry: bytes as a pack.yaml loaded with the shipped vocabularies; a pack that loads is
/// then evaluated against a few real descriptors, so fuzzed conditions run too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPack(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    do {
        try Data(bytes).write(to: workspace.packFile)
    } catch {
        Invariants.fail("cannot write \(workspace.packFile.path): \(error)")
    }
    let set = PackLoader.load(shipped: [workspace.base], extra: [workspace.packDir])
    Invariants.check(set.diagnostics)
    // A pack whose own file has errors is left out, never loaded half-compiled. (A clash between
    // two packs' vocabularies is found after both compiled: both stay, and the set as a whole has
    // errors, which every command refuses to run with.)
    if set.packs.contains(where: { $0.path.hasSuffix("fuzz/pack.yaml") }),
       let e = set.diagnostics.first(where: { $0.severity == .error && $0.path.hasSuffix("fuzz/pack.yaml") && $0.code != "vocabulary.conflict" }) {
        Invariants.fail("a pack with load errors was loaded: \(e.code) \(e.message)")
    }
    for pack in set.packs {
        for (rel, doc) in descriptors {
            let d = Descriptor(document: doc, path: rel, vocabulary: set.vocabulary)
            if d.hasErrors { continue }
            let result = Checker.evaluate(d, packs: [pack], options: CheckOptions(asOf: asOf))
            Invariants.check(result, descriptor: d, vocabulary: set.vocabulary)
        }
    }
    return 0
}
