import Foundation
import FuzzSupport
import GovCheckEngine
import YAMLTree

/// The shipped packs, loaded once: a broken pack set would make every input pass vacuously.
let shipped: PackSet = keptForTheRun {
    let set = PackLoader.load(shipped: [FuzzPaths.rules.path], extra: [])
    if set.hasErrors || set.packs.isEmpty {
        Invariants.fail("the shipped packs at \(FuzzPaths.rules.path) did not load: \(set.diagnostics.map(\.message))")
    }
    return set
}
/// As `govcheck check` does: a pack that another extends is evaluated through the extension only.
let packs: [RulePack] = {
    let extended = Set(shipped.packs.compactMap(\.extends))
    return shipped.packs.filter { !extended.contains($0.id) }
}()
let options = CheckOptions(asOf: Day(year: 2026, month: 12, day: 1))

@_cdecl("LLVMFuzzerInitialize")
public func fuzzCheckInitialize(_ argc: UnsafeMutablePointer<Int32>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    _ = packs
    return 0
}

/// libFuzzer entry: bytes as a descriptor file, typed against the shipped vocabulary and evaluated
/// against every shipped pack, as `govcheck check` does for one file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheck(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    let docs: [YAMLDocument]
    do {
        docs = try YAMLReader.read(bytes: bytes, path: "fuzz.yaml")
    } catch {
        Invariants.check(error, bytes: bytes)
        return 0
    }
    for doc in docs {
        let d = Descriptor(document: doc, path: "fuzz.yaml", vocabulary: shipped.vocabulary)
        Invariants.check(d.diagnostics)
        if d.hasErrors { continue }
        let result = Checker.evaluate(d, packs: packs, options: options)
        Invariants.check(result, descriptor: d, vocabulary: shipped.vocabulary)
    }
    return 0
}
