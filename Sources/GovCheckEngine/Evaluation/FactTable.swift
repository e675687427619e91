import Foundation
import YAMLTree

/// Every fact path of a pack set numbered once, with the value codes predicates compare against:
/// enum values by their position, and the strings predicates name for free-text facts. A
/// descriptor is turned into a `FactTable` over these numbers once, and every pack's compiled
/// predicates read it by index, without hashing a path or copying a string.
final class FactIndex: @unchecked Sendable {
    /// Slot → path, declaration (implied groups get an `object` declaration).
    let paths: [String]
    let decls: [FactDeclaration]
    let slotOf: [String: Int32]
    /// Per slot: the code of each string a value may hold (enum values, or the strings predicates
    /// mention for free text and free-text lists); other strings get code -1.
    let codes: [[String: Int32]]

    init(vocabulary: Vocabulary, predicates: [Predicate]) {
        var paths = vocabulary.sortedPaths
        var decls = paths.map { vocabulary[$0]! }
        for prefix in vocabulary.prefixes.sorted() {
            paths.append(prefix)
            decls.append(FactDeclaration(path: prefix, type: .object, description: LocalizedText(en: "group of facts"),
                                         defaultValue: nil, informational: true, span: decls.first?.span ?? SourceSpan.none))
        }
        var slotOf: [String: Int32] = [:]
        for (i, p) in paths.enumerated() { slotOf[p] = Int32(i) }
        // Predicates may name facts of another vocabulary (a pack loaded on its own): add them.
        for p in predicates where slotOf[p.path] == nil {
            slotOf[p.path] = Int32(paths.count)
            paths.append(p.path)
            decls.append(p.fact)
        }
        var codes = [[String: Int32]](repeating: [:], count: paths.count)
        for (i, d) in decls.enumerated() {
            if let allowed = d.type.allowedValues { for (k, v) in allowed.enumerated() { codes[i][v] = Int32(k) } }
        }
        for p in predicates {
            let slot = Int(slotOf[p.path]!)
            guard decls[slot].type.allowedValues == nil else { continue }
            var strings: [String] = []
            switch p.op {
            case .equals(.string(let s)): strings = [s]
            case .in(let vs): strings = vs.compactMap { if case .string(let s) = $0 { return s }; return nil }
            case .contains(let s): strings = [s]
            case .containsAny(let ss), .containsAll(let ss): strings = ss
            default: break
            }
            for s in strings where codes[slot][s] == nil { codes[slot][s] = Int32(codes[slot].count) }
        }
        self.paths = paths
        self.decls = decls
        self.slotOf = slotOf
        self.codes = codes
    }
}

extension SourceSpan {
    /// A placeholder span for declarations the engine makes up (implied groups of facts).
    static let none = SourceSpan(file: SourceFile(path: "<implied>", text: ""), start: Mark(line: 1, column: 1), end: Mark(line: 1, column: 1))
}

/// One fact of one descriptor, as plain values: whether it is stated, and its value as a code,
/// a bit set of codes (lists), a number, a day, or an index into the table's strings.
struct SlotValue {
    /// 0 not stated; 1 stated with a value; 2 stated as a mapping (a group, or an object fact).
    var state: UInt8 = 0
    /// Bool as 0/1; enum and string as a code (-1: a string no predicate names).
    var code: Int32 = -1
    /// Lists: the codes they contain (bit k for code k < 64).
    var bits: UInt64 = 0
    /// Lists holding items with codes past 63, or without a code: kept exactly in `listItems`.
    var overflow: Bool = false
    var number: Decimal = 0
    var day: Int32 = 0
    /// Index into `FactTable.strings` (strings) or `FactTable.lists` (lists with codes past 63).
    var text: Int32 = -1
}

/// A descriptor's facts over a `FactIndex`, built once per descriptor and shared by every pack.
struct FactTable {
    var slots: [SlotValue]
    var strings: [String] = []
    /// The item codes of lists that hold codes past 63.
    var lists: [[Int32]] = []

    /// A table with no slots, for encoding single values (vocabulary defaults).
    init(empty: Void) { slots = [] }

    init(_ d: Descriptor, _ index: FactIndex) {
        slots = [SlotValue](repeating: SlotValue(), count: index.paths.count)
        for (path, value) in d.values {
            guard let s = index.slotOf[path] else { continue }
            slots[Int(s)] = encode(value, slot: Int(s), index)
        }
        for path in d.spans.keys {
            guard let s = index.slotOf[path], slots[Int(s)].state == 0 else { continue }
            slots[Int(s)].state = 2
        }
    }

    /// A value as plain codes (also used for vocabulary defaults).
    mutating func encode(_ v: FactValue, slot: Int, _ index: FactIndex) -> SlotValue {
        var out = SlotValue()
        out.state = 1
        switch v {
        case .bool(let b): out.code = b ? 1 : 0
        case .number(let n): out.number = n
        case .date(let d): out.day = Int32(d.daysSinceEpoch)
        case .string(let s):
            out.code = index.codes[slot][s] ?? -1
            out.text = Int32(strings.count)
            strings.append(s)
        case .list(let items):
            // An item no predicate names cannot change any outcome; codes past 63 keep the list.
            var all: [Int32] = []
            for item in items {
                guard let c = index.codes[slot][item] else { continue }
                all.append(c)
                if c < 64 { out.bits |= 1 << UInt64(c) } else { out.overflow = true }
            }
            if out.overflow {
                out.text = Int32(lists.count)
                lists.append(all)
            }
        case .object: out.state = 2
        }
        return out
    }
}
