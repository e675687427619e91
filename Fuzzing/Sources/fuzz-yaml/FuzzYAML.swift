import FuzzSupport
import YAMLTree

/// libFuzzer entry: any bytes through the YAML reader; it must return documents or a located error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    do {
        let docs = try YAMLReader.read(bytes: bytes, path: "fuzz.yaml")
        Invariants.check(docs, bytes: bytes)
    } catch {
        Invariants.check(error, bytes: bytes)
    }
    return 0
}
