import YAMLTree

/// Puts dotted keys and nested mappings into one space of fact paths, so that every fact has one
/// place: `eu.practice.x: false` and `eu: {practice: {x: true}}` write the same path, and the one
/// written second is a duplicate-key error naming both places, whichever spelling comes first.
///
/// A path is written by the key that ends at it. The groups a dotted key passes through (`eu` and
/// `eu.practice` for `eu.practice.x`) are only implied: dotted keys that share a prefix merge, and
/// a mapping may add to an implied group, but no path is written twice.
struct FactKeys {
    /// Deepest fact path, counting the segments of dotted keys (the YAML nesting limit as well).
    static let maxDepth = 64

    private final class Entry {
        var keySpan: SourceSpan
        /// True when a key ends here; false for a group a dotted key only passes through.
        var written: Bool
        /// The value when the path was written with a scalar or a sequence.
        var value: Node?
        var mappingSpan: SourceSpan
        var children: [String: Entry] = [:]
        var order: [String] = []

        init(keySpan: SourceSpan, written: Bool, value: Node?, mappingSpan: SourceSpan) {
            self.keySpan = keySpan
            self.written = written
            self.value = value
            self.mappingSpan = mappingSpan
        }

        func add(_ segment: String, _ e: Entry) {
            children[segment] = e
            order.append(segment)
        }
    }

    private(set) var diagnostics: [Diagnostic] = []

    /// The pairs with dotted keys split into nested mappings, duplicates left out (and reported).
    mutating func merge(_ pairs: [Pair], span: SourceSpan) -> [Pair] {
        let root = Entry(keySpan: span, written: true, value: nil, mappingSpan: span)
        insert(pairs, into: root, prefix: [])
        return root.order.map { pair($0, root.children[$0]!) }
    }

    /// The segments of a key: split at dots when every segment is a name, else the key as is
    /// (`a..b` or `.a` is no path, and stays one unknown key).
    static func segments(_ key: String) -> [String] {
        guard key.utf8.contains(UInt8(ascii: ".")) else { return [key] }
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        return parts.contains(where: \.isEmpty) ? [key] : parts.map(String.init)
    }

    private mutating func insert(_ pairs: [Pair], into parent: Entry, prefix: [String]) {
        for pair in pairs {
            let segs = FactKeys.segments(pair.key)
            if prefix.count + segs.count > FactKeys.maxDepth {
                diagnostics.append(Diagnostic(.error, "yaml.too-deep",
                                              "the path \(DisplayText.quoted((prefix + segs).joined(separator: "."))) is deeper than the limit of \(FactKeys.maxDepth) levels",
                                              at: pair.keySpan, help: "flatten the structure"))
                continue
            }
            var node = parent
            var path = prefix
            var blocked = false
            for s in segs.dropLast() {
                path.append(s)
                if let c = node.children[s] {
                    if c.value != nil {
                        duplicate(path, written: c.keySpan, again: pair.keySpan,
                                  detail: "already written as a value, so it cannot also hold \(DisplayText.quoted((prefix + segs).joined(separator: ".")))")
                        blocked = true
                        break
                    }
                    node = c
                } else {
                    let c = Entry(keySpan: pair.keySpan, written: false, value: nil, mappingSpan: pair.keySpan)
                    node.add(s, c)
                    node = c
                }
            }
            if blocked { continue }
            let last = segs[segs.count - 1]
            path.append(last)
            let children = pair.value.mapping
            if let c = node.children[last] {
                if c.written {
                    duplicate(path, written: c.keySpan, again: pair.keySpan, detail: nil)
                } else if let children {
                    c.written = true
                    c.keySpan = pair.keySpan
                    c.mappingSpan = pair.value.span
                    insert(children, into: c, prefix: path)
                } else {
                    duplicate(path, written: c.keySpan, again: pair.keySpan, detail: "already a group of facts, implied by an earlier dotted key")
                }
                continue
            }
            let c = Entry(keySpan: pair.keySpan, written: true, value: children == nil ? pair.value : nil, mappingSpan: pair.value.span)
            node.add(last, c)
            if let children { insert(children, into: c, prefix: path) }
        }
    }

    private mutating func duplicate(_ path: [String], written first: SourceSpan, again: SourceSpan, detail: String?) {
        let p = DisplayText.quoted(path.joined(separator: "."))
        diagnostics.append(Diagnostic(
            .error, "yaml.duplicate-key",
            "duplicate key \(p)" + (detail.map { ": \($0)" } ?? ": this path is already written, spelt differently"),
            at: again,
            help: "keep one of the two; 'a.b: v' and 'a: {b: v}' write the same key, and a later value must not silently replace an earlier one",
            notes: [.init(message: "first defined here", span: first)]))
    }

    private func pair(_ segment: String, _ e: Entry) -> Pair {
        if let v = e.value { return Pair(key: segment, keySpan: e.keySpan, value: v) }
        let pairs = e.order.map { pair($0, e.children[$0]!) }
        return Pair(key: segment, keySpan: e.keySpan, value: Node(.mapping(pairs), span: e.mappingSpan))
    }
}
