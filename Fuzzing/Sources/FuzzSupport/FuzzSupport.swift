import Foundation
import GovCheckEngine
import GovCheckReporters
import YAMLTree

/// Where the fuzz targets find the checkout's Rules/ and fixtures: `GOVCHECK_ROOT`, else the
/// checkout this file was compiled from.
public enum FuzzPaths {
    public static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["GOVCHECK_ROOT"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        // Fuzzing/Sources/FuzzSupport/FuzzSupport.swift → the checkout.
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }()
    public static var rules: URL { root.appendingPathComponent("Rules") }
    public static func path(_ rel: String) -> String { root.appendingPathComponent(rel).path }
}

@_silgen_name("__lsan_disable") private func lsanDisable()
@_silgen_name("__lsan_enable") private func lsanEnable()

/// Builds what a target keeps for the whole run (the shipped packs, parsed descriptors) with leak
/// detection paused: LeakSanitizer cannot follow Swift's enum payload pointers, whose spare bits
/// carry the case tag, so a live tree of `indirect enum` nodes held by a global reads as leaked.
/// Memory allocated while an input runs is still checked.
public func keptForTheRun<T>(_ build: () -> T) -> T {
    lsanDisable()
    defer { lsanEnable() }
    return build()
}

/// Copies libFuzzer's input into an array (libFuzzer may pass a null pointer for an empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Properties every answer must have whatever the input; a violation aborts, so libFuzzer saves
/// the input as a crash. They encode the project's rules for bad input: a clear, located error,
/// never a crash, and unknown facts named rather than guessed.
public enum Invariants {
    public static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("govcheck-fuzz: invariant violated: \(message)\n".utf8))
        abort()
    }

    /// The last line a mark may name: line breaks as libyaml counts them (LF, CR, CRLF, NEL, LS, PS),
    /// plus the line libyaml adds at the end of a file that does not end in a break.
    public static func lineCount(_ bytes: [UInt8]) -> Int {
        var lines = 1, i = 0, endsInBreak = false
        while i < bytes.count {
            let b = bytes[i]
            endsInBreak = true
            if b == 0x0D { lines += 1; if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 } }
            else if b == 0x0A { lines += 1 }
            else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x85 { lines += 1; i += 1 }
            else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { lines += 1; i += 2 }
            else { endsInBreak = false }
            i += 1
        }
        return endsInBreak || bytes.isEmpty ? lines : lines + 1
    }

    /// A mark lies inside the file (1-based, at most one line past the last break).
    public static func check(_ mark: Mark, lines: Int, _ what: String) {
        if mark.line < 1 || mark.column < 1 || mark.line > lines {
            fail("\(what) at \(mark.line):\(mark.column) is outside a file of \(lines) line(s)")
        }
    }

    /// Documents read without error: indices 1...n, spans ordered and inside the file, and no more
    /// nodes than the bytes and the alias budget allow (aliases shared, never copied without bound).
    public static func check(_ docs: [YAMLDocument], bytes: [UInt8], limits: YAMLLimits = .default) {
        if docs.isEmpty { fail("read succeeded with no document") }
        let lines = lineCount(bytes)
        for (i, d) in docs.enumerated() {
            if d.index != i + 1 { fail("document \(i + 1) has index \(d.index)") }
            var nodes = 0
            walk(d.root, depth: 0, lines: lines, nodes: &nodes, limits: limits)
            let bound = 4 * bytes.count + limits.maxAliasExpansion + 16
            if nodes > bound { fail("document \(d.index) expands to \(nodes) nodes, over \(bound)") }
        }
    }

    private static func walk(_ n: Node, depth: Int, lines: Int, nodes: inout Int, limits: YAMLLimits) {
        nodes += 1
        if depth > limits.maxDepth + 1 { fail("node nested \(depth) deep, over the limit \(limits.maxDepth)") }
        check(n.span.start, lines: lines, "node start")
        check(n.span.end, lines: lines, "node end")
        if n.span.end < n.span.start { fail("node ends (\(n.span.end)) before it starts (\(n.span.start))") }
        switch n.content {
        case .scalar: break
        case .sequence(let items): for c in items { walk(c, depth: depth + 1, lines: lines, nodes: &nodes, limits: limits) }
        case .mapping(let pairs):
            var seen = Set<String>()
            for p in pairs {
                if !seen.insert(p.key).inserted { fail("duplicate key '\(p.key)' accepted") }
                check(p.keySpan.start, lines: lines, "key start")
                walk(p.value, depth: depth + 1, lines: lines, nodes: &nodes, limits: limits)
            }
        }
    }

    /// A YAML error names a place inside the file and renders as a compiler-style message.
    public static func check(_ error: YAMLError, bytes: [UInt8]) {
        let lines = lineCount(bytes)
        check(error.mark, lines: lines, "error '\(error.message)'")
        if let r = error.related { check(r.mark, lines: lines, "related note of '\(error.message)'") }
        if error.message.isEmpty { fail("YAML error \(error.code.rawValue) without a message") }
        _ = error.description
        check([Diagnostic(error)])
    }

    /// Diagnostics have a code, a message and a 1-based place, and render without trapping.
    public static func check(_ diagnostics: [Diagnostic]) {
        for d in diagnostics {
            if d.code.isEmpty || d.message.isEmpty { fail("diagnostic without code or message: \(d)") }
            if d.line < 1 || d.column < 1 { fail("diagnostic \(d.code) at \(d.line):\(d.column)") }
        }
        _ = DiagnosticRenderer.render(diagnostics)
    }

    /// What a result says about unknown facts: needs-review and undetermined name the deciding facts,
    /// every fact named is one the vocabulary declares, and a deciding fact is one the descriptor
    /// leaves unstated (naming a stated fact would send the user to the wrong place).
    public static func check(_ result: DescriptorResult, descriptor: Descriptor, vocabulary: Vocabulary) {
        /// Stated, not NaN. A stated `.nan` is a known issue of descriptor typing (docs/robustness.md,
        /// FuzzRegressionTests.nanIsNotAnUnstatedFact); exempt so the target can find anything else.
        func stated(_ f: String) -> FactValue? {
            guard let v = descriptor.values[f] else { return nil }
            if case .number(let n) = v, n.isNaN { return nil }
            return v
        }
        for e in result.evaluations {
            let where_ = "\(result.name) under \(e.pack)"
            switch e.tier.status {
            case .needsReview:
                if e.tier.decidingFacts.isEmpty { fail("\(where_): needs-review without deciding facts") }
                if e.tier.possible.isEmpty { fail("\(where_): needs-review without possible tiers") }
            case .decided:
                if e.tier.tier == nil { fail("\(where_): decided without a tier") }
            case .unclassified: break
            }
            for f in e.tier.decidingFacts {
                if !vocabulary.knows(f) { fail("\(where_): deciding fact '\(f)' is not declared") }
                if let v = stated(f) { fail("\(where_): deciding fact '\(f)' is stated (\(v))") }
            }
            for o in e.obligations {
                if o.status == .undetermined && o.decidingFacts.isEmpty {
                    fail("\(where_): obligation \(o.id) undetermined without deciding facts")
                }
                for f in o.decidingFacts + o.missingEvidence where !vocabulary.knows(f) {
                    fail("\(where_): obligation \(o.id) names undeclared fact '\(f)'")
                }
                for f in o.decidingFacts { if let v = stated(f) {
                    fail("\(where_): obligation \(o.id) gives stated fact '\(f)' (\(v)) as deciding")
                } }
                if o.line < 1 || o.column < 1 { fail("\(where_): obligation \(o.id) at \(o.line):\(o.column)") }
            }
        }
        _ = JSONReporter.encode(result)
    }
}
