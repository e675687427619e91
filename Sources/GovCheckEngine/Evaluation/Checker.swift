import Dispatch
import Foundation
import YAMLTree

/// Settings of one `check` run.
public struct CheckOptions: Sendable {
    public var asOf: Day
    /// Forces a baseline (by id) in every pack that declares it.
    public var baseline: String?
    /// Lists obligations that do not apply, too.
    public var includeNotApplicable: Bool
    /// Evaluates only these packs (all when empty).
    public var packs: [String]

    public init(asOf: Day, baseline: String? = nil, includeNotApplicable: Bool = false, packs: [String] = []) {
        self.asOf = asOf
        self.baseline = baseline
        self.includeNotApplicable = includeNotApplicable
        self.packs = packs
    }
}

/// An input that could not be evaluated, with the reasons.
public struct InputError: Sendable, Encodable {
    public let file: String
    public let document: Int?
    public let diagnostics: [DiagnosticRecord]
}

/// Everything one run produced, in input order: reporters only render this.
public struct CheckReport: Sendable {
    public let asOf: Day
    public let packs: [RulePack]
    public let results: [DescriptorResult]
    public let errors: [InputError]
}

/// Runs descriptors through the packs: expands paths, reads each file once, evaluates files in
/// parallel, and keeps the output in a stable order.
public enum Checker {
    /// `-` reads standard input (once, however often it is given); folders are searched
    /// recursively for `*.yaml` / `*.yml`, and every path not read is an error (`InputPaths`).
    public static func expand(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        InputPaths.expand(paths)
    }

    /// Evaluates every descriptor in `paths` against `packSet`.
    public static func run(paths: [String], packSet: PackSet, options: CheckOptions,
                           stdin: @Sendable () -> [UInt8] = { YAMLReader.standardInputBytes() }) -> CheckReport {
        let (files, expandErrors) = expand(paths)
        // A pack that another loaded pack extends is reported through the extension, not twice.
        let extended = Set(packSet.packs.compactMap(\.extends))
        let packs = options.packs.isEmpty ? packSet.packs.filter { !extended.contains($0.id) } : packSet.packs.filter { options.packs.contains($0.id) }
        let slots = ResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            slots.set(i, checkFile(files[i], packs: packs, vocabulary: packSet.vocabulary, options: options, stdin: stdin))
        }
        var results: [DescriptorResult] = []
        var errors = expandErrors
        for (r, e) in slots.values {
            results.append(contentsOf: r)
            errors.append(contentsOf: e)
        }
        errors.sort { ($0.file, $0.document ?? 0) < ($1.file, $1.document ?? 0) }
        return CheckReport(asOf: options.asOf, packs: packs, results: results, errors: errors)
    }

    /// Reads one file (once) and evaluates each of its documents. A file is stat-ed before it is
    /// read, so a pipe, a device or an oversized file is refused without hanging or filling memory.
    public static func checkFile(_ path: String, packs: [RulePack], vocabulary: Vocabulary, options: CheckOptions,
                                 stdin: () -> [UInt8]) -> ([DescriptorResult], [InputError]) {
        let docs: [YAMLDocument]
        let display = path == "-" ? "<stdin>" : path
        do {
            docs = path == "-" ? try YAMLReader.read(bytes: stdin(), path: display) : try YAMLReader.read(path: path)
        } catch {
            return ([], [InputError(file: display, document: nil, diagnostics: [DiagnosticRecord(Diagnostic(error))])])
        }
        var results: [DescriptorResult] = []
        var errors: [InputError] = []
        for doc in docs {
            let d = Descriptor(document: doc, path: display, vocabulary: vocabulary)
            if d.hasErrors {
                errors.append(InputError(file: display, document: doc.index, diagnostics: d.diagnostics.map(DiagnosticRecord.init)))
                continue
            }
            results.append(evaluate(d, packs: packs, options: options))
        }
        return (results, errors)
    }

    /// Evaluates one typed descriptor against each pack, in pack order.
    public static func evaluate(_ d: Descriptor, packs: [RulePack], options: CheckOptions) -> DescriptorResult {
        let selected = d.jurisdictions.map { j in packs.filter { j.contains($0.jurisdiction) } } ?? packs
        let evaluations = selected.map {
            Evaluator.evaluate(pack: $0, descriptor: d, asOf: options.asOf, baseline: options.baseline,
                               includeNotApplicable: options.includeNotApplicable)
        }
        var diagnostics = d.diagnostics
        if let j = d.jurisdictions {
            let known = Set(packs.map(\.jurisdiction))
            for name in j where !known.contains(name) {
                diagnostics.append(Diagnostic(.warning, "descriptor.unknown-jurisdiction",
                                              "no loaded pack covers jurisdiction '\(name)'", at: d.span,
                                              help: "loaded jurisdictions: \(known.sorted().joined(separator: ", "))"))
            }
        }
        return DescriptorResult(file: d.path, document: d.document, name: d.name, line: d.span.start.line,
                                column: d.span.start.column, diagnostics: diagnostics.map(DiagnosticRecord.init),
                                jurisdictions: d.jurisdictions, evaluations: evaluations)
    }
}

/// Fixed slots that parallel workers fill by index, so results keep input order without sorting.
final class ResultSlots: @unchecked Sendable {
    private var storage: [([DescriptorResult], [InputError])]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: ([], []), count: count) }

    func set(_ i: Int, _ v: ([DescriptorResult], [InputError])) {
        lock.lock()
        storage[i] = v
        lock.unlock()
    }

    var values: [([DescriptorResult], [InputError])] { storage }
}
