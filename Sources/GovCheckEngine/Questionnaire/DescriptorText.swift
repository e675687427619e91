import Foundation

/// Writes answers as descriptor YAML: a plain form for evaluating a partial descriptor, and the
/// annotated file `govcheck init` saves, nested, with the reason each field matters beside it.
public enum DescriptorText {
    /// A minimal descriptor with one dotted key per fact, in path order.
    public static func plain(_ values: [String: FactValue], name: String) -> String {
        var out = "apiVersion: \(Descriptor.apiVersion)\nkind: \(Descriptor.kind)\nmetadata: {name: \(quoted(name))}\n"
        for path in values.keys.sorted() { out += "\(path): \(yaml(values[path]!))\n" }
        return out
    }

    /// The envelope of an annotated descriptor.
    public struct Envelope: Sendable {
        public var name: String
        public var jurisdictions: [String]
        public var description: String?
        public var owner: String?
        public var header: [String]

        public init(name: String, jurisdictions: [String], description: String? = nil, owner: String? = nil, header: [String] = []) {
            self.name = name
            self.jurisdictions = jurisdictions
            self.description = description
            self.owner = owner
            self.header = header
        }
    }

    /// The descriptor file: header comments, envelope, then the facts nested by path in the order
    /// of `order` (e.g. vocabulary order), each with its comment, then comment lines for the facts
    /// left unknown.
    public static func annotated(_ values: [String: FactValue], envelope: Envelope, order: [String], comments: [String: String],
                                 unknown: [(path: String, note: String)]) -> String {
        var out = ""
        for h in envelope.header { out += "# \(oneLine(h))\n" }
        out += "apiVersion: \(Descriptor.apiVersion)\nkind: \(Descriptor.kind)\nmetadata:\n  name: \(quoted(envelope.name))\n"
        if !envelope.jurisdictions.isEmpty { out += "  jurisdictions: [\(envelope.jurisdictions.map(scalar).joined(separator: ", "))]\n" }
        if let d = envelope.description { out += "  description: \(quoted(d))\n" }
        if let o = envelope.owner { out += "  owner: \(quoted(o))\n" }
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let paths = values.keys.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        // Nest: open the groups a path needs, closing those it leaves.
        var open: [String] = []
        // Groups are written once: a later path of an already-closed group reopens it as a dotted key.
        var closed = Set<String>()
        for path in paths {
            var parts = path.split(separator: ".").map(String.init)
            let leaf = parts.removeLast()
            var common = 0
            while common < open.count && common < parts.count && open[common] == parts[common] { common += 1 }
            for k in common..<open.count { closed.insert(open[..<(k + 1)].joined(separator: ".")) }
            open.removeLast(open.count - common)
            var key = leaf
            // A group already closed cannot be opened again (a duplicate key): use a dotted key below the open part.
            var rest = Array(parts[common...])
            while !rest.isEmpty {
                let g = (open + [rest[0]]).joined(separator: ".")
                if closed.contains(g) { key = (rest + [leaf]).joined(separator: "."); rest = []; break }
                out += String(repeating: "  ", count: open.count) + rest[0] + ":\n"
                open.append(rest.removeFirst())
            }
            let line = String(repeating: "  ", count: open.count) + "\(key): \(yaml(values[path]!))"
            if let c = comments[path], !c.isEmpty { out += line + "  # " + oneLine(c) + "\n" } else { out += line + "\n" }
        }
        if !unknown.isEmpty {
            out += "# Not answered, so unknown: the result names these facts where they would decide it.\n"
            for u in unknown { out += "#   \(u.path): \(oneLine(u.note))\n" }
        }
        return out
    }

    /// A fact value as YAML the descriptor reader types back to the same value.
    public static func yaml(_ v: FactValue) -> String {
        switch v {
        case .bool(let b): return b ? "true" : "false"
        case .number: return v.description
        case .date(let d): return d.description
        case .string(let s): return scalar(s)
        case .list(let items): return "[" + items.map(scalar).joined(separator: ", ") + "]"
        case .object: return "{}"
        }
    }

    /// A string plain when it cannot be read as anything else, quoted otherwise.
    static func scalar(_ s: String) -> String {
        let safe = !s.isEmpty && s.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || $0 == "_" || ($0 >= "0" && $0 <= "9") }
            && !(s.first!.isNumber) && !["true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"].contains(s.lowercased())
        return safe ? s : quoted(s)
    }

    /// A double-quoted YAML scalar (escapes as JSON does, which YAML reads the same).
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F || (u.value >= 0x80 && u.value < 0xA0) || u.value == 0x2028 || u.value == 0x2029 || u.value == 0xFEFF {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static func oneLine(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" ? " " : Character($0) })
    }
}
