import Foundation
import GovCheckEngine
import YAMLTree

/// A deterministic generator of varied descriptors: the shipped samples and every descriptor of
/// the shipped packs' tests (so every tier of every pack is represented), each copy renamed and,
/// for some, one fact changed or dropped by a seeded random choice. The same N gives the same files.
struct Corpus {
    /// A base descriptor: its root mapping and a name stem.
    struct Base {
        let name: String
        let root: Node
    }

    let bases: [Base]
    let vocabulary: Vocabulary

    init(root: URL, vocabulary: Vocabulary) throws {
        self.vocabulary = vocabulary
        var bases: [Base] = []
        let samples = root.appendingPathComponent("Samples")
        for f in try FileManager.default.contentsOfDirectory(atPath: samples.path).filter({ $0.hasSuffix(".yaml") }).sorted() {
            for doc in try YAMLReader.read(path: samples.appendingPathComponent(f).path) {
                bases.append(Base(name: String(f.dropLast(5)), root: doc.root))
            }
        }
        // Pack-test descriptors, with the jurisdiction of the pack they test.
        let rules = root.appendingPathComponent("Rules")
        for pack in try FileManager.default.contentsOfDirectory(atPath: rules.path).sorted() {
            let tests = rules.appendingPathComponent(pack).appendingPathComponent("tests")
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: tests.path) else { continue }
            let jurisdiction = pack.hasPrefix("cn-") ? "CN" : "EU"
            for f in files.filter({ $0.hasSuffix(".yaml") }).sorted() {
                for doc in try YAMLReader.read(path: tests.appendingPathComponent(f).path) {
                    for (i, c) in (doc.root["cases"]?.sequence ?? []).enumerated() {
                        guard let d = c["descriptor"], d.mapping != nil else { continue }
                        bases.append(Base(name: "\(pack)-\(f.dropLast(5))-\(i)", root: Corpus.withJurisdiction(d, jurisdiction)))
                    }
                }
            }
        }
        self.bases = bases
    }

    /// The descriptor with `metadata.jurisdictions: [j]` (kept when it already names some).
    static func withJurisdiction(_ root: Node, _ j: String) -> Node {
        guard let pairs = root.mapping else { return root }
        let out = pairs.map { p -> Pair in
            guard p.key == "metadata", let m = p.value.mapping, !m.contains(where: { $0.key == "jurisdictions" }) else { return p }
            let list = Node(.sequence([Node(.scalar(Scalar(text: j, style: .plain)), span: p.value.span)]), span: p.value.span)
            return Pair(key: p.key, keySpan: p.keySpan, value: Node(.mapping(m + [Pair(key: "jurisdictions", keySpan: p.keySpan, value: list)]), span: p.value.span))
        }
        return Node(.mapping(out), span: root.span)
    }

    /// Writes `count` descriptor files into `dir` (created), named d000000.yaml …; returns total bytes.
    func write(_ count: Int, to dir: URL) throws -> Int {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var total = 0
        for i in 0..<count {
            var rng = SplitMix64(seed: UInt64(i) &* 0x9E37_79B9 &+ 17)
            let base = bases[i % bases.count]
            var node = renamed(base.root, "\(base.name)-\(i)")
            if rng.next() % 10 < 3 { node = mutated(node, &rng) }
            let text = YAMLWriter.document(node)
            total += text.utf8.count
            try Data(text.utf8).write(to: dir.appendingPathComponent(String(format: "d%06d.yaml", i)))
        }
        return total
    }

    func renamed(_ root: Node, _ name: String) -> Node {
        guard let pairs = root.mapping else { return root }
        let out = pairs.map { p -> Pair in
            guard p.key == "metadata", let m = p.value.mapping else { return p }
            let named = m.map { q -> Pair in
                q.key == "name" ? Pair(key: "name", keySpan: q.keySpan, value: Node(.scalar(Scalar(text: name, style: .doubleQuoted)), span: q.value.span)) : q
            }
            return Pair(key: p.key, keySpan: p.keySpan, value: Node(.mapping(named), span: p.value.span))
        }
        return Node(.mapping(out), span: root.span)
    }

    /// One leaf fact changed (a boolean flipped, another enum value, a list shortened) or dropped.
    func mutated(_ root: Node, _ rng: inout SplitMix64) -> Node {
        var leaves: [[String]] = []
        func collect(_ n: Node, _ path: [String]) {
            guard let pairs = n.mapping else { if path.count > 1 && !["metadata", "apiVersion", "kind"].contains(path[0]) { leaves.append(path) }; return }
            for p in pairs { collect(p.value, path + [p.key]) }
        }
        collect(root, [])
        guard !leaves.isEmpty else { return root }
        let target = leaves[Int(rng.next() % UInt64(leaves.count))]
        let drop = rng.next() % 4 == 0
        let choice = rng.next()
        func edit(_ n: Node, _ rest: ArraySlice<String>, _ path: String) -> Node? {
            guard let key = rest.first, let pairs = n.mapping else { return n }
            var out: [Pair] = []
            for p in pairs {
                guard p.key == key else { out.append(p); continue }
                let full = path.isEmpty ? key : path + "." + key
                if rest.count == 1 {
                    if drop { continue }
                    out.append(Pair(key: p.key, keySpan: p.keySpan, value: changed(p.value, fact: vocabulary[full], choice)))
                } else if let v = edit(p.value, rest.dropFirst(), full) {
                    out.append(Pair(key: p.key, keySpan: p.keySpan, value: v))
                }
            }
            return Node(.mapping(out), span: n.span)
        }
        return edit(root, target[...], "") ?? root
    }

    func changed(_ n: Node, fact: FactDeclaration?, _ choice: UInt64) -> Node {
        if case .bool(let b)? = n.scalar?.value {
            return Node(.scalar(Scalar(text: b ? "false" : "true", style: .plain)), span: n.span)
        }
        if let values = fact?.type.allowedValues, !values.isEmpty {
            if case .enumeration = fact?.type {
                return Node(.scalar(Scalar(text: values[Int(choice % UInt64(values.count))], style: .doubleQuoted)), span: n.span)
            }
            let v = values[Int(choice % UInt64(values.count))]
            return Node(.sequence([Node(.scalar(Scalar(text: v, style: .doubleQuoted)), span: n.span)]), span: n.span)
        }
        if let items = n.sequence, !items.isEmpty { return Node(.sequence(Array(items.dropLast())), span: n.span) }
        return n
    }
}

/// Writes a node tree back as block YAML (quoted strings, plain numbers and booleans), so the
/// generated files are ordinary descriptors.
enum YAMLWriter {
    static func document(_ root: Node) -> String {
        var out = ""
        write(root, indent: 0, into: &out)
        return out
    }

    static func write(_ n: Node, indent: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: indent)
        switch n.content {
        case .mapping(let pairs):
            for p in pairs {
                out += pad + key(p.key) + ":"
                switch p.value.content {
                case .scalar(let s): out += " " + scalar(s) + "\n"
                case .sequence(let items) where items.isEmpty: out += " []\n"
                case .mapping(let m) where m.isEmpty: out += " {}\n"
                case .sequence(let items) where items.allSatisfy({ $0.scalar != nil }):
                    out += " [" + items.map { scalar($0.scalar!) }.joined(separator: ", ") + "]\n"
                default:
                    out += "\n"
                    write(p.value, indent: indent + 1, into: &out)
                }
            }
        case .sequence(let items):
            for i in items {
                if let s = i.scalar { out += pad + "- " + scalar(s) + "\n"; continue }
                var inner = ""
                write(i, indent: indent + 1, into: &inner)
                let trimmed = inner.drop { $0 == " " }
                out += pad + "- " + trimmed
            }
        case .scalar(let s):
            out += pad + scalar(s) + "\n"
        }
    }

    static func key(_ k: String) -> String {
        k.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) && !k.isEmpty ? k : quote(k)
    }

    static func scalar(_ s: Scalar) -> String {
        switch s.value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number, .unrepresentableNumber: return s.style == .plain ? s.text : quote(s.text)
        case .string(let v): return s.style == .plain && Day(v) != nil ? v : quote(v)
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\x%02X", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// A small, fast, seedable random generator (SplitMix64), so the corpus is the same on every machine.
struct SplitMix64 {
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
