import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

/// The compiled predicates (fact slots, bit masks, interned strings) must mean what the plain
/// reading of the descriptor's dictionaries means. These tests judge every predicate of every
/// shipped pack both ways, on the samples and on generated descriptors built from the values the
/// predicates themselves test, so thresholds, list members and defaults are all hit.
@Suite("Compiled predicates agree with the plain reading")
struct CompiledPredicateTests {
    static let shipped = loadPacks([TestPaths.root.appendingPathComponent("Rules").path])

    /// Every predicate of every pack on one descriptor: the disagreements, described.
    static func disagreements(_ d: Descriptor, _ set: PackSet, _ name: String) -> [String] {
        var out: [String] = []
        for pack in set.packs {
            let e = Evaluator(pack: pack, descriptor: d, asOf: Day("2026-12-01")!, baseline: nil)
            for (k, p) in pack.program.predicates.enumerated() {
                let fast = e.predicateTruth(index: Int32(k))
                let plain = Evaluator.reference(p, d, nil)
                if fast != plain { out.append("\(name) \(pack.id) \(p.path) \(p.op.name): compiled \(fast), plain \(plain)") }
            }
        }
        return out
    }

    @Test("on every sample")
    func samples() throws {
        let set = Self.shipped
        let folder = TestPaths.root.appendingPathComponent("Samples")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 40)
        var bad: [String] = []
        var judged = 0
        for f in files {
            let text = try String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8)
            let d = try descriptor(text, set, path: f)
            bad += Self.disagreements(d, set, f)
            judged += set.packs.map(\.program.predicates.count).reduce(0, +)
        }
        #expect(judged > 10_000)
        #expect(bad.isEmpty, "\(bad.prefix(10).joined(separator: "\n"))")
    }

    @Test("on 300 generated descriptors stating the values the predicates test, and their neighbours")
    func generated() throws {
        let set = Self.shipped
        let candidates = Self.candidateValues(set)
        #expect(candidates.count > 200)
        var rng = SplitMix(seed: 20261201)
        var bad: [String] = []
        var stated = 0
        for i in 0..<300 {
            var facts: [String: FactValue] = [:]
            for (path, values) in candidates.sorted(by: { $0.key < $1.key }) where rng.next() % 3 != 0 {
                facts[path] = values[Int(rng.next() % UInt64(values.count))]
            }
            stated += facts.count
            // Written as `govcheck init` writes a partial descriptor: one dotted key per fact.
            let d = try descriptor(DescriptorText.plain(facts, name: "g\(i)"), set, path: "g\(i).yaml")
            #expect(!d.hasErrors, "g\(i): \(d.diagnostics.filter { $0.severity == .error }.prefix(3).map(\.message))")
            bad += Self.disagreements(d, set, "g\(i)")
        }
        #expect(stated > 300 * 100)
        #expect(bad.isEmpty, "\(bad.prefix(10).joined(separator: "\n"))")
    }

    /// Values for each fact the packs test: the type's own values, the constants of every
    /// predicate on it, and numbers and dates just either side of each threshold.
    static func candidateValues(_ set: PackSet) -> [String: [FactValue]] {
        var out: [String: Set<FactValue>] = [:]
        let vocabulary = set.vocabulary
        for pack in set.packs {
            for p in pack.program.predicates {
                guard let fact = vocabulary[p.path] else { continue }
                var vs = out[p.path] ?? []
                switch fact.type {
                case .bool: vs.formUnion([.bool(true), .bool(false)])
                case .enumeration(let values): vs.formUnion(values.map { .string($0) })
                case .list(.enumeration(let values)):
                    vs.formUnion([.list([]), .list(values)])
                    for v in values { vs.insert(.list([v])) }
                    if values.count > 1 { vs.insert(.list([values[0], values[values.count - 1]])) }
                case .list(.string):
                    vs.formUnion([.list([]), .list(["x"])])
                    for c in constants(p.op) { vs.formUnion([.list([c, "other"]), .list([c])]) }
                case .string:
                    vs.formUnion([.string(""), .string("x")])
                    for c in constants(p.op) { vs.insert(.string(c)) }
                case .number:
                    vs.formUnion([0, 1, -1, 0.5].map { .number(Decimal($0)) })
                    for n in numbers(p.op) { vs.formUnion([n, n + 1, n - 1, n * 10].map { .number($0) }) }
                case .date:
                    vs.formUnion(["2024-08-01", "2026-12-01", "2030-01-01"].map { .date(Day($0)!) })
                    for d in days(p.op) { vs.formUnion([d, d.adding(days: -1), d.adding(days: 1)].map { .date($0) }) }
                case .object: continue
                }
                out[p.path] = vs
            }
        }
        return out.mapValues { $0.sorted { DescriptorText.yaml($0) < DescriptorText.yaml($1) } }
    }

    static func constants(_ op: GovCheckEngine.Predicate.Operator) -> [String] {
        func str(_ v: FactValue) -> String? { if case .string(let s) = v { return s }; return nil }
        switch op {
        case .equals(let v): return str(v).map { [$0] } ?? []
        case .in(let vs): return vs.compactMap(str)
        case .contains(let s): return [s]
        case .containsAny(let ss), .containsAll(let ss): return ss
        default: return []
        }
    }

    static func numbers(_ op: GovCheckEngine.Predicate.Operator) -> [Decimal] {
        func num(_ v: FactValue) -> Decimal? { if case .number(let n) = v { return n }; return nil }
        switch op {
        case .equals(let v), .gt(let v), .gte(let v), .lt(let v), .lte(let v): return num(v).map { [$0] } ?? []
        case .in(let vs): return vs.compactMap(num)
        default: return []
        }
    }

    static func days(_ op: GovCheckEngine.Predicate.Operator) -> [Day] {
        func day(_ v: FactValue) -> Day? { if case .date(let d) = v { return d }; return nil }
        switch op {
        case .equals(let v), .gt(let v), .gte(let v), .lt(let v), .lte(let v): return day(v).map { [$0] } ?? []
        case .in(let vs): return vs.compactMap(day)
        default: return []
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failure names a descriptor that comes back.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
