import GovCheckEngine

/// Builds JSON text with keys in the order written, so reports are byte-identical run to run and
/// no encoder walks a fleet's worth of values reflectively. Empty optional fields are left out.
struct JSONWriter {
    var out = ""
    private var first: [Bool] = []
    let pretty: Bool

    init(pretty: Bool = true) { self.pretty = pretty }

    /// A writer for members of an object (or items of an array) already open at `depth`, so a
    /// document can be written in pieces; `continuing` puts a comma before the first member.
    init(depth: Int, continuing: Bool) {
        pretty = true
        first = Array(repeating: false, count: max(0, depth - 1)) + [!continuing]
    }

    private mutating func separator() {
        if let f = first.last {
            if !f { out += "," }
            first[first.count - 1] = false
            if pretty { out += "\n" + String(repeating: "  ", count: first.count) }
        }
    }

    private mutating func key(_ k: String?) {
        separator()
        if let k {
            JSONWriter.escape(k, into: &out)
            out += pretty ? ": " : ":"
        }
    }

    mutating func object(_ k: String? = nil, _ body: (inout JSONWriter) -> Void) {
        key(k)
        out += "{"
        first.append(true)
        body(&self)
        let empty = first.removeLast()
        if pretty && !empty { out += "\n" + String(repeating: "  ", count: first.count) }
        out += "}"
    }

    mutating func array(_ k: String? = nil, _ body: (inout JSONWriter) -> Void) {
        key(k)
        out += "["
        first.append(true)
        body(&self)
        let empty = first.removeLast()
        if pretty && !empty { out += "\n" + String(repeating: "  ", count: first.count) }
        out += "]"
    }

    mutating func string(_ k: String?, _ v: String?) {
        guard let v else { return }
        key(k)
        JSONWriter.escape(v, into: &out)
    }

    mutating func int(_ k: String?, _ v: Int?) {
        guard let v else { return }
        key(k)
        out += String(v)
    }

    mutating func bool(_ k: String?, _ v: Bool?) {
        guard let v else { return }
        key(k)
        out += v ? "true" : "false"
    }

    /// A list of strings; left out when empty unless `always`.
    mutating func strings(_ k: String, _ vs: [String], always: Bool = false) {
        guard always || !vs.isEmpty else { return }
        array(k) { w in for v in vs { w.string(nil, v) } }
    }

    /// Text in several languages: `{"en": …, "zh": …}`.
    mutating func text(_ k: String, _ t: LocalizedText?) {
        guard let t else { return }
        object(k) { w in
            w.string("en", t.en)
            w.string("zh", t.zh)
        }
    }

    /// Inserts already-written JSON (a value) under a key.
    mutating func raw(_ k: String?, _ json: String) {
        key(k)
        out += json
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        var plain = true
        for u in s.utf8 where u < 0x20 || u == 0x22 || u == 0x5C { plain = false; break }
        if plain {
            out += s
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if u.value < 0x20 {
                        let hex = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
        }
        out += "\""
    }
}
