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
    /// The message and help in Chinese, for `--lang zh`; nil for the many diagnostics that are
    /// written in English only (see `DiagnosticChinese`).
    public let zh: Translation?

    /// A diagnostic's message and help in another language.
    public struct Translation: Sendable, Hashable {
        public let message: String
        /// Nil: the English help, if any, is shown.
        public let help: String?
        public init(_ message: String, help: String? = nil) {
            self.message = DisplayText.capped(message)
            self.help = help.map { DisplayText.capped($0) }
        }
    }

    /// A secondary place with a short message.
    public struct Note: Sendable, Hashable {
        public let message: String
        public let span: SourceSpan
        public init(message: String, span: SourceSpan) {
            self.message = DisplayText.capped(message)
            self.span = span
        }
    }

    /// Message, help and path pass through `DisplayText`, so whatever input text they quote, no
    /// reporter can print a control character from it.
    public init(_ severity: Severity, _ code: String, _ message: String, at span: SourceSpan?, path: String? = nil,
                help: String? = nil, notes: [Note] = [], zh: Translation? = nil) {
        self.code = code
        self.severity = severity
        self.message = DisplayText.capped(message)
        self.help = help.map { DisplayText.capped($0) }
        self.span = span
        self.path = DisplayText.escaped(span?.file.path ?? path ?? "<unknown>")
        self.notes = notes
        self.zh = zh
    }

    /// The same problem, read from a YAML error.
    public init(_ error: YAMLError) {
        let span = SourceSpan(file: error.file, start: error.mark, end: error.mark)
        var notes: [Note] = []
        if let related = error.related {
            notes.append(Note(message: related.message, span: SourceSpan(file: error.file, start: related.mark, end: related.mark)))
        }
        self.init(.error, error.code.rawValue, error.message, at: span, help: error.help, notes: notes,
                  zh: error.zhMessage.map { Translation($0, help: error.zhHelp) })
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

    func error(_ code: String, _ message: String, at span: SourceSpan?, help: String? = nil, notes: [Diagnostic.Note] = [],
               zh: Diagnostic.Translation? = nil) {
        items.append(Diagnostic(.error, code, message, at: span, help: help, notes: notes, zh: zh))
    }

    func warning(_ code: String, _ message: String, at span: SourceSpan?, help: String? = nil, zh: Diagnostic.Translation? = nil) {
        items.append(Diagnostic(.warning, code, message, at: span, help: help, zh: zh))
    }

    func append(_ d: Diagnostic) { items.append(d) }
    func append(contentsOf ds: [Diagnostic]) { items.append(contentsOf: ds) }

    var hasErrors: Bool { items.contains { $0.severity == .error } }
}

/// Suggests the closest known name for a misspelt one, by edit distance. The work is bounded
/// whatever the input: a word longer than `maxWordLength` gets no suggestion, a candidate whose
/// length alone rules it out is skipped, and each distance stops once it passes the limit.
public enum Suggest {
    /// Longer words (a pasted paragraph, a megabyte key) get no "did you mean".
    public static let maxWordLength = 64

    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        guard let w = scalars(word) else { return nil }
        let limit = threshold(w.count)
        var best: (word: String, distance: Int)?
        for c in candidates {
            guard c.utf8.count <= 4 * (w.count + limit) else { continue }
            let cs = Array(c.unicodeScalars)
            consider(w, c, cs, limit: limit, best: &best)
        }
        return best?.word
    }

    /// The edit distance of two words when it is at most `limit`, else nil (see `bounded`).
    static func distance(_ a: [Character], _ b: [Character], within limit: Int) -> Int? {
        bounded(a.flatMap(\.unicodeScalars), b.flatMap(\.unicodeScalars), limit: limit)
    }

    public static func help(_ word: String, _ candidates: some Sequence<String>) -> String? {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// The plain edit distance (insertions, deletions, substitutions).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        return bounded(a, b, limit: max(a.count, b.count)) ?? max(a.count, b.count)
    }

    /// The word as scalars, or nil when it is too long to get a suggestion.
    static func scalars(_ word: String) -> [Unicode.Scalar]? {
        guard word.utf8.count <= 4 * maxWordLength else { return nil }
        let w = Array(word.unicodeScalars)
        return w.count <= maxWordLength ? w : nil
    }

    /// How many edits still count as a misspelling of a word of this length.
    static func threshold(_ count: Int) -> Int { max(2, count / 3) }

    static func consider(_ w: [Unicode.Scalar], _ c: String, _ cs: [Unicode.Scalar], limit: Int,
                         best: inout (word: String, distance: Int)?) {
        let cutoff = min(limit, best?.distance ?? limit)
        guard abs(cs.count - w.count) <= cutoff, let d = bounded(w, cs, limit: cutoff) else { return }
        if best == nil || d < best!.distance || (d == best!.distance && c < best!.word) { best = (c, d) }
    }

    /// The edit distance when it is at most `limit`, else nil; only a band of width 2·limit+1 is
    /// computed, and the computation stops as soon as every entry of a row passes the limit.
    static func bounded(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let big = limit + 1
        var prev = [Int](repeating: big, count: b.count + 1)
        var cur = [Int](repeating: big, count: b.count + 1)
        for j in 0...min(b.count, limit) { prev[j] = j }
        for i in 1...a.count {
            let lo = max(1, i - limit), hi = min(b.count, i + limit)
            for j in 0...b.count { cur[j] = big }
            if i <= limit { cur[0] = i }
            var rowMin = cur[0]
            if lo <= hi {
                for j in lo...hi {
                    let v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    cur[j] = min(v, big)
                    rowMin = min(rowMin, cur[j])
                }
            }
            if rowMin > limit { return nil }
            swap(&prev, &cur)
        }
        return prev[b.count] <= limit ? prev[b.count] : nil
    }
}

/// Candidate names prepared once (as scalars, bucketed by length), so that suggesting for many
/// unknown fields of many descriptors does no per-field sorting or conversion.
public final class SuggestionIndex: Sendable {
    private let buckets: [Int: [(word: String, scalars: [Unicode.Scalar])]]

    public init(_ words: some Sequence<String>) {
        var b: [Int: [(word: String, scalars: [Unicode.Scalar])]] = [:]
        for w in Set(words).sorted() {
            let s = Array(w.unicodeScalars)
            b[s.count, default: []].append((w, s))
        }
        buckets = b
    }

    public func closest(to word: String) -> String? {
        guard let w = Suggest.scalars(word) else { return nil }
        let limit = Suggest.threshold(w.count)
        var best: (word: String, distance: Int)?
        for length in max(0, w.count - limit)...(w.count + limit) {
            for c in buckets[length] ?? [] { Suggest.consider(w, c.word, c.scalars, limit: limit, best: &best) }
        }
        return best?.word
    }

    public func help(_ word: String) -> String? { closest(to: word).map { "did you mean '\($0)'?" } }
}
