/// An `--exclude` pattern, matched against a path relative to the folder being searched, in the
/// way `.gitignore` users expect: `*` and `?` stay within one path segment, `[a-z]` is a class,
/// `**` spans any number of segments (none included), a pattern without a `/` matches a name at
/// any depth, and one with a `/` is anchored at the folder given. Matching is linear in the path
/// for each pattern segment (no backtracking), so no pattern can make a scan slow.
public struct PathGlob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    /// True when the pattern ends in `/`: it matches folders only.
    public let foldersOnly: Bool
    let segments: [Segment]

    enum Segment: Sendable, Hashable {
        case anyDepth
        case name([Unicode.Scalar])
    }

    /// A pattern that cannot be used: empty, or an unclosed `[`.
    public struct Problem: Error, Sendable {
        public let message: String
    }

    public init(_ pattern: String) throws(Problem) {
        self.pattern = pattern
        var p = Substring(pattern)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        foldersOnly = p.hasSuffix("/")
        while p.hasSuffix("/") { p = p.dropLast() }
        let anchored = p.contains("/")
        while p.hasPrefix("/") { p = p.dropFirst() }
        guard !p.isEmpty else { throw Problem(message: "the pattern '\(pattern)' matches nothing; write a name or a path, e.g. 'vendor' or 'deploy/**'") }
        var segs: [Segment] = anchored ? [] : [.anyDepth]
        for part in p.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "**" {
                if segs.last != .anyDepth { segs.append(.anyDepth) }
                continue
            }
            let scalars = Array(part.unicodeScalars)
            if let problem = PathGlob.checkClasses(scalars) { throw Problem(message: "in the pattern '\(pattern)': \(problem)") }
            segs.append(.name(scalars))
        }
        segments = segs
    }

    public var description: String { pattern }

    /// True when the path (relative, `/`-separated) matches; `isFolder` tells whether it names a folder.
    public func matches(_ relativePath: String, isFolder: Bool) -> Bool {
        if foldersOnly && !isFolder { return false }
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true).map { Array($0.unicodeScalars) }
        // reach[i][j]: the first i pattern segments match the first j path segments.
        var reach = [Bool](repeating: false, count: parts.count + 1)
        reach[0] = true
        for seg in segments {
            var next = [Bool](repeating: false, count: parts.count + 1)
            switch seg {
            case .anyDepth:
                var any = false
                for j in 0...parts.count {
                    any = any || reach[j]
                    next[j] = any
                }
            case .name(let p):
                for j in 0..<parts.count where reach[j] && PathGlob.matchName(p, parts[j]) { next[j + 1] = true }
            }
            reach = next
        }
        return reach[parts.count]
    }

    static func checkClasses(_ p: [Unicode.Scalar]) -> String? {
        var i = 0
        while i < p.count {
            if p[i] == "[" {
                guard classEnd(p, i) != nil else { return "'[' at character \(i + 1) is not closed by ']'" }
            }
            i += 1
        }
        return nil
    }

    /// The index of the `]` closing the class that opens at `i`, if any.
    static func classEnd(_ p: [Unicode.Scalar], _ i: Int) -> Int? {
        var j = i + 1
        if j < p.count && (p[j] == "!" || p[j] == "^") { j += 1 }
        if j < p.count && p[j] == "]" { j += 1 }
        while j < p.count {
            if p[j] == "]" { return j }
            j += 1
        }
        return nil
    }

    /// One segment against one name: `*`, `?` and classes, by the set of pattern positions still
    /// alive after each character (no backtracking).
    static func matchName(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        var states = closure([0], p)
        for c in s {
            var next = Set<Int>()
            for i in states where i < p.count {
                switch p[i] {
                case "*": next.insert(i)
                case "?": next.insert(i + 1)
                case "[":
                    if let end = classEnd(p, i) {
                        if classMatches(p, i, end, c) { next.insert(end + 1) }
                    } else if c == "[" {
                        next.insert(i + 1)
                    }
                default: if p[i] == c { next.insert(i + 1) }
                }
            }
            states = closure(next, p)
            if states.isEmpty { return false }
        }
        return states.contains(p.count)
    }

    /// Adds the positions reachable without consuming a character (past any `*`).
    static func closure(_ states: Set<Int>, _ p: [Unicode.Scalar]) -> Set<Int> {
        var out = states
        var stack = Array(states)
        while let i = stack.popLast() {
            if i < p.count && p[i] == "*" && !out.contains(i + 1) {
                out.insert(i + 1)
                stack.append(i + 1)
            }
        }
        return out
    }

    static func classMatches(_ p: [Unicode.Scalar], _ open: Int, _ end: Int, _ c: Unicode.Scalar) -> Bool {
        var j = open + 1
        var negate = false
        if p[j] == "!" || p[j] == "^" { negate = true; j += 1 }
        var hit = false
        while j < end {
            let lo = p[j]
            if j + 2 < end, p[j + 1] == "-" {
                if lo.value <= c.value && c.value <= p[j + 2].value { hit = true }
                j += 3
            } else {
                if lo == c { hit = true }
                j += 1
            }
        }
        return hit != negate
    }
}
