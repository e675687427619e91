/// A regular expression of a small, documented subset (docs/rule-packs.md, "Patterns"), matched
/// by simulating its Thompson automaton: time is at most proportional to the pattern's size times
/// the input's length, whatever the pattern, with no backtracking and no step limit, so a match
/// is never abandoned half-way and reported as "no match".
///
/// The subset: literals, `.` (any character but a line break), classes `[a-z0-9_]` and `[^…]`,
/// `\d \w \s` (Unicode, as ICU reads them) and their negations, escaped punctuation, `\t \n \r \f \v`,
/// `\uXXXX`, anchors `^` (start of the value) and `$` (end of the value), the quantifiers
/// `* + ? {m} {m,} {m,n}` (m, n ≤ 1000), alternation `|`, and groups `(…)` / `(?:…)`.
/// Everything else (back-references, look-around, lazy or possessive quantifiers, `\b`, flags,
/// Unicode properties, nested classes) is a load error naming its place in the pattern.
struct LinearRegex: Sendable {
    /// Why a pattern is outside the subset, and where (0-based, in Unicode scalars).
    struct SyntaxError: Error, Sendable {
        let message: String
        let offset: Int
    }

    /// Largest repetition count in `{m,n}`.
    static let maxRepeat = 1_000
    /// Largest compiled program (instructions), counted after repetitions are expanded.
    static let maxProgram = 5_000

    /// The classes `\d`, `\w`, `\s`, with ICU's Unicode meaning (so `\w` matches `é`).
    enum NamedClass: Sendable {
        case digit, word, space

        func contains(_ u: Unicode.Scalar) -> Bool {
            let p = u.properties
            switch self {
            case .digit: return p.numericType == .decimal
            case .space: return p.isWhitespace
            case .word:
                switch p.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark, .connectorPunctuation: return true
                default: return p.isAlphabetic || p.numericType == .decimal || u.value == 0x200C || u.value == 0x200D
                }
            }
        }
    }

    /// A set of Unicode scalars: sorted, disjoint ranges, plus named classes (each possibly
    /// negated, as `\W`), the whole possibly negated (as `[^…]`).
    struct CharSet: Sendable {
        var ranges: [ClosedRange<UInt32>] = []
        var classes: [(NamedClass, negated: Bool)] = []
        var negated = false

        func contains(_ u: Unicode.Scalar) -> Bool {
            let v = u.value
            var found = false
            var lo = 0, hi = ranges.count - 1
            while lo <= hi {
                let mid = (lo + hi) / 2
                if v < ranges[mid].lowerBound { hi = mid - 1 } else if v > ranges[mid].upperBound { lo = mid + 1 } else { found = true; break }
            }
            if !found { found = classes.contains { $0.0.contains(u) != $0.negated } }
            return found != negated
        }

        /// A single scalar, when the set is exactly one (for class ranges such as `\u00E0-\u00FF`).
        var single: UInt32? {
            classes.isEmpty && !negated && ranges.count == 1 && ranges[0].count == 1 ? ranges[0].lowerBound : nil
        }

        static func of(_ rs: [ClosedRange<UInt32>]) -> CharSet {
            let sorted = rs.sorted { $0.lowerBound < $1.lowerBound }
            var out: [ClosedRange<UInt32>] = []
            for r in sorted {
                if let last = out.last, r.lowerBound <= last.upperBound &+ 1 {
                    out[out.count - 1] = last.lowerBound...max(last.upperBound, r.upperBound)
                } else {
                    out.append(r)
                }
            }
            return CharSet(ranges: out)
        }

        static func named(_ c: NamedClass, negated: Bool = false) -> CharSet { CharSet(classes: [(c, negated)]) }

        /// What `.` matches: everything but the line breaks libyaml and ICU know.
        static let dot = CharSet(ranges: CharSet.of([10...10, 13...13, 0x85...0x85, 0x2028...0x2029]).ranges, negated: true)
    }

    indirect enum AST {
        case set(CharSet)
        case start, end
        case concat([AST])
        case alternation([AST])
        case repetition(AST, min: Int, max: Int?)
    }

    enum Inst: Sendable {
        case char(CharSet)
        case split(Int, Int)
        case jump(Int)
        case assertStart, assertEnd
        case match
    }

    /// The program flattened for the matching loop: an opcode per step, with its operands (the
    /// targets of a split or jump, or the index of a character set), so stepping copies nothing.
    enum Op: UInt8, Sendable { case char, split, jump, assertStart, assertEnd, match }
    let ops: [Op]
    let first: [Int32]
    let second: [Int32]
    let sets: [CharSet]
    /// True when the pattern starts with `^` outside any alternation: no match can begin later.
    let anchoredAtStart: Bool

    init(_ pattern: String) throws(SyntaxError) {
        var parser = Parser(Array(pattern.unicodeScalars))
        let ast = try parser.parse()
        var compiler = Compiler()
        try compiler.emit(ast)
        compiler.program.append(.match)
        var ops: [Op] = [], first: [Int32] = [], second: [Int32] = [], sets: [CharSet] = []
        for inst in compiler.program {
            switch inst {
            case .char(let set): ops.append(.char); first.append(Int32(sets.count)); second.append(0); sets.append(set)
            case .split(let x, let y): ops.append(.split); first.append(Int32(x)); second.append(Int32(y))
            case .jump(let x): ops.append(.jump); first.append(Int32(x)); second.append(0)
            case .assertStart: ops.append(.assertStart); first.append(0); second.append(0)
            case .assertEnd: ops.append(.assertEnd); first.append(0); second.append(0)
            case .match: ops.append(.match); first.append(0); second.append(0)
            }
        }
        self.ops = ops
        self.first = first
        self.second = second
        self.sets = sets
        anchoredAtStart = ops[0] == .assertStart
    }

    /// True when the pattern matches somewhere in `s` (anchors pin it to the start or end).
    func matches(_ s: String) -> Bool {
        var current = SparseSet(ops.count)
        var next = SparseSet(ops.count)
        var stack = [Int](repeating: 0, count: 2 * ops.count + 2)
        var it = s.unicodeScalars.makeIterator()
        var c = it.next()
        if add(0, to: &current, atStart: true, atEnd: c == nil, stack: &stack) { return true }
        while let ch = c {
            let following = it.next()
            let atEnd = following == nil
            next.clear()
            for k in 0..<current.count {
                let pc = current.members[k]
                if ops[pc] == .char, sets[Int(first[pc])].contains(ch),
                   add(pc + 1, to: &next, atStart: false, atEnd: atEnd, stack: &stack) { return true }
            }
            if !anchoredAtStart, add(0, to: &next, atStart: false, atEnd: atEnd, stack: &stack) { return true }
            if next.count == 0 && anchoredAtStart { return false }
            swap(&current, &next)
            c = following
        }
        return false
    }

    /// Adds the threads reachable from `pc` without consuming input; true when one reaches `match`.
    /// The work stack is a preallocated buffer (each step pushes at most two entries, and each
    /// step is expanded once per position), so no allocation happens per character.
    private func add(_ pc: Int, to set: inout SparseSet, atStart: Bool, atEnd: Bool, stack: inout [Int]) -> Bool {
        var top = 0
        stack[top] = pc
        top += 1
        while top > 0 {
            top -= 1
            let p = stack[top]
            guard set.insert(p) else { continue }
            switch ops[p] {
            case .match: return true
            case .jump: stack[top] = Int(first[p]); top += 1
            case .split:
                stack[top] = Int(second[p])
                stack[top + 1] = Int(first[p])
                top += 2
            case .assertStart: if atStart { stack[top] = p + 1; top += 1 }
            case .assertEnd: if atEnd { stack[top] = p + 1; top += 1 }
            case .char: break
            }
        }
        return false
    }

    /// A set of program counters with O(1) insert, membership and clear.
    struct SparseSet {
        var members: [Int]
        var index: [Int]
        var count = 0

        init(_ capacity: Int) {
            members = [Int](repeating: 0, count: capacity)
            index = [Int](repeating: 0, count: capacity)
        }

        mutating func insert(_ x: Int) -> Bool {
            let i = index[x]
            if i < count, members[i] == x { return false }
            index[x] = count
            members[count] = x
            count += 1
            return true
        }

        mutating func clear() { count = 0 }
    }

    /// Recursive descent over the pattern; nesting is bounded by the pattern's length, which the
    /// YAML limits bound in turn, and groups deeper than `maxNesting` are refused.
    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        var depth = 0
        static let maxNesting = 32

        init(_ s: [Unicode.Scalar]) { self.s = s }

        func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
            SyntaxError(message: message, offset: offset ?? i)
        }

        var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

        mutating func parse() throws(SyntaxError) -> AST {
            let ast = try alternation()
            if i < s.count { throw error("unmatched ')'") }
            return ast
        }

        mutating func alternation() throws(SyntaxError) -> AST {
            var options = [try concatenation()]
            while peek == "|" {
                i += 1
                options.append(try concatenation())
            }
            return options.count == 1 ? options[0] : .alternation(options)
        }

        mutating func concatenation() throws(SyntaxError) -> AST {
            var items: [AST] = []
            while let c = peek, c != "|", c != ")" {
                items.append(try repetition())
            }
            return .concat(items)
        }

        mutating func repetition() throws(SyntaxError) -> AST {
            let atomStart = i
            var atom = try self.atom()
            guard let q = try quantifier() else { return atom }
            if case .start = atom { throw error("nothing to repeat: a quantifier cannot follow '^'", at: atomStart) }
            if case .end = atom { throw error("nothing to repeat: a quantifier cannot follow '$'", at: atomStart) }
            atom = .repetition(atom, min: q.min, max: q.max)
            if let c = peek, c == "*" || c == "+" || c == "?" || c == "{" {
                throw error(c == "?" ? "lazy quantifiers ('*?', '+?', '??') are not supported"
                                     : (c == "+" ? "possessive quantifiers ('*+', '++') are not supported" : "a quantifier cannot follow another; group the repeated part"))
            }
            return atom
        }

        mutating func quantifier() throws(SyntaxError) -> (min: Int, max: Int?)? {
            guard let c = peek else { return nil }
            switch c {
            case "*": i += 1; return (0, nil)
            case "+": i += 1; return (1, nil)
            case "?": i += 1; return (0, 1)
            case "{":
                let start = i
                i += 1
                func number() -> Int? {
                    var v = 0, n = 0
                    while let d = peek, ("0"..."9").contains(d) {
                        v = min(v * 10 + Int(d.value - 48), LinearRegex.maxRepeat + 1)
                        i += 1
                        n += 1
                    }
                    return n > 0 ? v : nil
                }
                guard let lo = number() else { throw error("'{' must start a repetition such as {2} or {1,3}; write '\\{' for a brace", at: start) }
                var hi: Int? = lo
                if peek == "," {
                    i += 1
                    hi = number()
                }
                guard peek == "}" else { throw error("'{' must start a repetition such as {2} or {1,3}; write '\\{' for a brace", at: start) }
                i += 1
                if lo > LinearRegex.maxRepeat || (hi ?? 0) > LinearRegex.maxRepeat {
                    throw error("repetition counts above \(LinearRegex.maxRepeat) are not supported", at: start)
                }
                if let hi, hi < lo { throw error("in {\(lo),\(hi)} the maximum is below the minimum", at: start) }
                return (lo, hi)
            default: return nil
            }
        }

        mutating func atom() throws(SyntaxError) -> AST {
            let c = s[i]
            switch c {
            case "(":
                let open = i
                i += 1
                if peek == "?" {
                    if i + 1 < s.count, s[i + 1] == ":" {
                        i += 2
                    } else {
                        throw error("'(?' constructs other than '(?:' (look-around, named groups, flags) are not supported", at: open)
                    }
                }
                depth += 1
                if depth > Parser.maxNesting { throw error("groups are nested more than \(Parser.maxNesting) deep", at: open) }
                let inner = try alternation()
                depth -= 1
                guard peek == ")" else { throw error("'(' is not closed", at: open) }
                i += 1
                return inner
            case ")": throw error("unmatched ')'")
            case "[": return .set(try charClass())
            case ".": i += 1; return .set(.dot)
            case "^": i += 1; return .start
            case "$": i += 1; return .end
            case "*", "+", "?": throw error("nothing to repeat before '\(c)'")
            case "{": throw error("nothing to repeat before '{'; write '\\{' for a brace")
            case "\\":
                let r = try escape()
                return .set(r)
            default:
                i += 1
                return .set(CharSet(ranges: [c.value...c.value]))
            }
        }

        /// An escape after `\`: a class (`\d`, `\W`, …) or a single character; the same inside a class.
        mutating func escape() throws(SyntaxError) -> CharSet {
            let start = i
            i += 1
            guard let c = peek else { throw error("the pattern ends with a lone '\\'", at: start) }
            i += 1
            func single(_ v: UInt32) -> CharSet { CharSet(ranges: [v...v]) }
            switch c {
            case "d": return .named(.digit)
            case "D": return .named(.digit, negated: true)
            case "w": return .named(.word)
            case "W": return .named(.word, negated: true)
            case "s": return .named(.space)
            case "S": return .named(.space, negated: true)
            case "t": return single(9)
            case "n": return single(10)
            case "v": return single(11)
            case "f": return single(12)
            case "r": return single(13)
            case "u":
                var v: UInt32 = 0
                for _ in 0..<4 {
                    guard let h = peek, let d = UInt32(String(h), radix: 16) else {
                        throw error("'\\u' takes exactly four hex digits, e.g. \\u00E9", at: start)
                    }
                    v = v * 16 + d
                    i += 1
                }
                return single(v)
            default:
                if c.isASCII, !c.properties.isAlphabetic, !("0"..."9").contains(c) { return single(c.value) }
                throw error("'\\\(c)' is not supported (back-references, \\b, \\p{…}, \\A, \\z and the like are outside the subset)", at: start)
            }
        }

        mutating func charClass() throws(SyntaxError) -> CharSet {
            let open = i
            i += 1
            var negated = false
            if peek == "^" { negated = true; i += 1 }
            var ranges: [ClosedRange<UInt32>] = []
            var classes: [(NamedClass, negated: Bool)] = []
            var first = true
            while true {
                guard let c = peek else { throw error("'[' is not closed", at: open) }
                if c == "]" && !first { i += 1; break }
                first = false
                if c == "[" { throw error("nested classes and POSIX classes such as [:alpha:] are not supported; write '\\[' for a bracket") }
                if c == "&", i + 1 < s.count, s[i + 1] == "&" { throw error("class intersection '&&' is not supported") }
                let itemStart = i
                let lo: UInt32
                if c == "\\" {
                    let set = try escape()
                    guard let v = set.single else {
                        classes.append(contentsOf: set.classes)
                        continue
                    }
                    lo = v
                } else {
                    lo = c.value
                    i += 1
                }
                if peek == "-", i + 1 < s.count, s[i + 1] != "]" {
                    i += 1
                    let hiChar = s[i]
                    let hi: UInt32
                    if hiChar == "\\" {
                        guard let v = try escape().single else {
                            throw error("a range cannot end in a class such as \\d", at: itemStart)
                        }
                        hi = v
                    } else {
                        if hiChar == "[" { throw error("nested classes are not supported") }
                        hi = hiChar.value
                        i += 1
                    }
                    guard lo <= hi else { throw error("the range is reversed (its end comes before its start)", at: itemStart) }
                    ranges.append(lo...hi)
                } else {
                    ranges.append(lo...lo)
                }
            }
            var set = CharSet.of(ranges)
            set.classes = classes
            set.negated = negated
            return set
        }
    }

    /// Thompson's construction, with repetitions expanded and the program size bounded.
    struct Compiler {
        var program: [Inst] = []

        mutating func check() throws(SyntaxError) {
            if program.count > LinearRegex.maxProgram {
                throw SyntaxError(message: "the pattern is too large once its repetitions are expanded (more than \(LinearRegex.maxProgram) steps)", offset: 0)
            }
        }

        mutating func emit(_ ast: AST) throws(SyntaxError) {
            switch ast {
            case .set(let set): program.append(.char(set))
            case .start: program.append(.assertStart)
            case .end: program.append(.assertEnd)
            case .concat(let items): for a in items { try emit(a) }
            case .alternation(let options):
                var jumps: [Int] = []
                for (k, option) in options.enumerated() {
                    if k < options.count - 1 {
                        let split = program.count
                        program.append(.split(split + 1, -1))
                        try emit(option)
                        jumps.append(program.count)
                        program.append(.jump(-1))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(option)
                    }
                    try check()
                }
                for j in jumps { program[j] = .jump(program.count) }
            case .repetition(let a, let lo, let hi):
                for _ in 0..<lo { try emit(a); try check() }
                if let hi {
                    var splits: [Int] = []
                    for _ in lo..<hi {
                        splits.append(program.count)
                        program.append(.split(program.count + 1, -1))
                        try emit(a)
                        try check()
                    }
                    for sp in splits { program[sp] = .split(sp + 1, program.count) }
                } else {
                    let loop = program.count
                    program.append(.split(loop + 1, -1))
                    try emit(a)
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                    try check()
                }
            }
            try check()
        }
    }
}
