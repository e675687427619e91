import YAMLTree

/// A problem with an input (pack, vocabulary, descriptor, test file), with a stable code and the
/// place to fix it. Findings about the law are results, not diagnostics.
public struct Diagnostic: Sendable, Hashable, Comparable {
    /// Errors stop an input from being evaluated; warnings and notes do not.
    public enum Severity: String, Sendable, Codable, Comparable {
        case error, warning, note
        public static func < (a: Severity, b: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .note]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    /// A stable, dotted code such as `pack.unknown-key` or `condition.type-mismatch`.
    public let code: String
    public let severity: Severity
    /// Lowercase, one sentence, user values quoted.
    public let message: String
    /// What to do about it, including a "did you mean" where one is known.
    public let help: String?
    /// The file the problem is in (always set, also when there is no position).
    public let path: String
    /// The place, when known.
    public let span: SourceSpan?
    /// Other places that matter, e.g. the first definition of a duplicate.
    public let notes: [Note]

    /// A secondary place with a short message.
    public struct Note: Sendable, Hashable {
        public let message: String
        public let span: SourceSpan
        public init(message: String, span: SourceSpan) {
            self.message = message
            self.span = span
        }
    }

    public init(_ severity: Severity, _ code: String, _ message: String, at span: SourceSpan?, path: String? = nil,
                help: String? = nil, notes: [Note] = []) {
        self.code = code
        self.severity = severity
        self.message = message
        self.help = help
        self.span = span
        self.path = span?.file.path ?? path ?? "<unknown>"
        self.notes = notes
    }

    /// The same problem, read from a YAML error.
    public init(_ error: YAMLError) {
        let span = SourceSpan(file: error.file, start: error.mark, end: error.mark)
        var notes: [Note] = []
        if let related = error.related {
            notes.append(Note(message: related.message, span: SourceSpan(file: error.file, start: related.mark, end: related.mark)))
        }
        self.init(.error, error.code.rawValue, error.message, at: span, help: error.help, notes: notes)
    }

    public var line: Int { span?.start.line ?? 1 }
    public var column: Int { span?.start.column ?? 1 }

    /// Sorted by file, position, severity, then code, so output is the same on every run.
    public static func < (a: Diagnostic, b: Diagnostic) -> Bool {
        (a.path, a.line, a.column, a.severity.rawValue, a.code, a.message)
            < (b.path, b.line, b.column, b.severity.rawValue, b.code, b.message)
    }

    public static func == (a: Diagnostic, b: Diagnostic) -> Bool {
        a.code == b.code && a.message == b.message && a.path == b.path && a.line == b.line && a.column == b.column
    }

    public func hash(into h: inout Hasher) {
        h.combine(code); h.combine(message); h.combine(path); h.combine(line); h.combine(column)
    }
}

/// Collects diagnostics while reading, so one pass reports every problem instead of the first.
final class DiagnosticSink {
    private(set) var items: [Diagnostic] = []

    func error(_ code: String, _ message: String, at span: SourceSpan?, help: String? = nil, notes: [Diagnostic.Note] = []) {
        items.append(Diagnostic(.error, code, message, at: span, help: help, notes: notes))
    }

    func warning(_ code: String, _ message: String, at span: SourceSpan?, help: String? = nil) {
        items.append(Diagnostic(.warning, code, message, at: span, help: help))
    }

    func append(_ d: Diagnostic) { items.append(d) }
    func append(contentsOf ds: [Diagnostic]) { items.append(contentsOf: ds) }

    var hasErrors: Bool { items.contains { $0.severity == .error } }
}

/// Suggests the closest known name for a misspelt one, by edit distance.
public enum Suggest {
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        var best: (String, Int)?
        let w = Array(word)
        let limit = max(2, w.count / 3)
        for c in candidates {
            // Only distances up to the best so far can change the answer, so each is bounded by it:
            // a file with thousands of unknown names stays fast (found by fuzzing).
            guard let d = distance(w, Array(c), within: best?.1 ?? limit) else { continue }
            if best == nil || d < best!.1 || (d == best!.1 && c < best!.0) { best = (c, d) }
        }
        return best?.0
    }

    /// The edit distance when it is at most `limit`, else nil. Only the band of cells within
    /// `limit` of the diagonal is computed, and the work stops once a whole row exceeds it.
    static func distance(_ a: [Character], _ b: [Character], within limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let over = limit + 1
        var prev = (0...b.count).map { $0 <= limit ? $0 : over }
        var cur = [Int](repeating: over, count: b.count + 1)
        for i in 1...a.count {
            let lo = max(1, i - limit), hi = min(b.count, i + limit)
            cur[0] = i <= limit ? i : over
            if lo > 1 { cur[lo - 1] = over }
            var rowMin = cur[0]
            for j in lo...hi {
                let v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                cur[j] = min(v, over)
                rowMin = min(rowMin, cur[j])
            }
            if hi < b.count { cur[hi + 1] = over }
            if rowMin > limit { return nil }
            swap(&prev, &cur)
        }
        return prev[b.count] <= limit ? prev[b.count] : nil
    }

    public static func help(_ word: String, _ candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
