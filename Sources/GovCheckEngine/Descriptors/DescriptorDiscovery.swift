import Dispatch
import Foundation
import YAMLTree

/// How `check` finds descriptors in the folders it is given.
public struct DiscoveryOptions: Sendable {
    /// `--exclude` patterns, matched against paths relative to each folder given.
    public var excludes: [PathGlob]
    /// Searches hidden folders and files (`.git`, `.github`, `.build`…) too.
    public var includeHidden: Bool
    /// Folder searches keep only YAML files whose first document declares govcheck's `apiVersion`
    /// (the rest are skipped and counted); false reads every YAML file found as a descriptor.
    public var descriptorsOnly: Bool
    /// Files named on the command line are decided as folder files are (`--skip-non-descriptors`):
    /// one that is not a descriptor is skipped and counted instead of being an input error, for
    /// tools such as pre-commit that pass every changed YAML file. Standard input is always read.
    public var skipNamedNonDescriptors = false

    public init(excludes: [PathGlob] = [], includeHidden: Bool = false, descriptorsOnly: Bool = true) {
        self.excludes = excludes
        self.includeHidden = includeHidden
        self.descriptorsOnly = descriptorsOnly
    }
}

/// A YAML file found in a folder that is not a govcheck descriptor, with what its first document says.
public struct SkippedFile: Sendable, Hashable {
    public let path: String
    /// E.g. "its first document's apiVersion is 'apps/v1'".
    public let reason: String
}

/// Everything a folder search decided before any file is evaluated, for the summary and `--verbose`.
public struct DiscoveryReport: Sendable {
    public let skipped: [SkippedFile]
    public let pruned: [InputPaths.PrunedPath]
    /// Files in folders that could not be read far enough to tell what they are: they are read as
    /// descriptors, so that their problem is reported as an input error, never skipped.
    public let unclear: [String]

    public init(skipped: [SkippedFile] = [], pruned: [InputPaths.PrunedPath] = [], unclear: [String] = []) {
        self.skipped = skipped
        self.pruned = pruned
        self.unclear = unclear
    }
}

/// Picks the descriptors out of the paths given. A file named on the command line is always read
/// (and is an error when it is not a descriptor) unless `skipNamedNonDescriptors`; in a folder, a YAML file is a descriptor when its
/// first document declares `apiVersion: govcheck/…` (or says `kind: Deployment` without any
/// apiVersion, which the descriptor reader then reports). Deciding reads only the top of each
/// file; a file that cannot be read that far is passed on, so that reading it reports the problem.
public enum DescriptorDiscovery {
    /// What a folder file is, from its probe.
    public enum Verdict: Sendable, Equatable {
        case descriptor
        case skip(String)
        /// The top of the file could not be read cleanly.
        case unclear
    }

    public static func run(_ paths: [String], options: DiscoveryOptions, jobs: Int? = nil)
        -> (files: [String], errors: [InputError], report: DiscoveryReport) {
        let scanned = InputPaths.scan(paths, options: InputPaths.ScanOptions(excludes: options.excludes, includeHidden: options.includeHidden))
        let decideNamed = options.descriptorsOnly && options.skipNamedNonDescriptors
        var candidates: [String] = []
        for input in scanned.inputs {
            switch input {
            case .named(let p): if decideNamed && p != "-" { candidates.append(p) }
            case .folder(_, let found, _): candidates.append(contentsOf: found)
            }
        }
        let verdicts = options.descriptorsOnly ? classify(candidates, jobs: jobs) : candidates.map { _ in Verdict.descriptor }
        var files: [String] = []
        var errors = scanned.errors
        var skipped: [SkippedFile] = []
        var unclear: [String] = []
        var k = 0
        for input in scanned.inputs {
            switch input {
            case .named(let p):
                guard decideNamed && p != "-" else { files.append(p); continue }
                // Named files are never "no descriptors here": a batch of only other YAML checks nothing.
                switch verdicts[k] {
                case .descriptor: files.append(p)
                case .unclear: files.append(p); unclear.append(p)
                case .skip(let why): skipped.append(SkippedFile(path: p, reason: why))
                }
                k += 1
            case .folder(let root, let found, let pruned):
                var kept = 0
                var skippedHere = 0
                for f in found {
                    switch verdicts[k] {
                    case .descriptor: files.append(f); kept += 1
                    case .unclear: files.append(f); unclear.append(f); kept += 1
                    case .skip(let why): skipped.append(SkippedFile(path: f, reason: why)); skippedHere += 1
                    }
                    k += 1
                }
                if found.isEmpty {
                    errors.append(InputPaths.noYAMLFiles(root, pruned: pruned))
                } else if kept == 0 {
                    errors.append(noDescriptors(root, skipped: skippedHere))
                }
            }
        }
        return (files, errors, DiscoveryReport(skipped: skipped, pruned: scanned.pruned, unclear: unclear))
    }

    /// The error for a folder whose YAML files are all something else: a run that checked nothing
    /// there must not pass.
    static func noDescriptors(_ root: String, skipped: Int) -> InputError {
        InputError(file: DisplayText.escaped(root), document: nil, diagnostics: [DiagnosticRecord(
            Diagnostic(.error, "io.no-descriptors",
                       "no govcheck descriptors in this folder: \(skipped) YAML file\(skipped == 1 ? " was" : "s were") read, and none declares 'apiVersion: \(Descriptor.apiVersion)' in its first document",
                       at: nil, path: root,
                       help: "check the path (--verbose lists the files skipped); a descriptor starts with 'apiVersion: \(Descriptor.apiVersion)' and 'kind: \(Descriptor.kind)'",
                       zh: .init("该文件夹中没有 govcheck 描述文件：读取了 \(skipped) 个 YAML 文件，其首个文档都未声明 'apiVersion: \(Descriptor.apiVersion)'",
                                 help: "请检查路径（--verbose 列出跳过的文件）；描述文件以 'apiVersion: \(Descriptor.apiVersion)' 和 'kind: \(Descriptor.kind)' 开头")))])
    }

    /// Probes each file (in parallel unless `jobs` is 1); the verdicts keep the files' order.
    static func classify(_ files: [String], jobs: Int?) -> [Verdict] {
        let workers = max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, files.count))
        if workers == 1 { return files.map(verdict) }
        let results = VerdictBuffer(count: files.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let range = results.take(64) {
                for i in range { results.set(i, verdict(files[i])) }
            }
        }
        return results.values()
    }

    /// Reads the top of one file and decides. When the top cannot be read cleanly, the whole file is
    /// read: if that succeeds its first document decides; if not, the file is unclear, and the
    /// checker's own read reports the problem.
    public static func verdict(_ path: String) -> Verdict {
        if let probe = YAMLReader.probeFirstDocument(path: path, keys: ["kind", "apiVersion"], stopAt: "apiVersion") {
            return verdict(probe)
        }
        guard let docs = try? YAMLReader.read(path: path), let first = docs.first else { return .unclear }
        return verdict(FirstDocumentProbe(document: first, keys: ["kind", "apiVersion"]))
    }

    public static func verdict(_ probe: FirstDocumentProbe) -> Verdict {
        switch probe.root {
        case .noDocument: return .skip("it holds no YAML document")
        case .other(let shape): return .skip("its first document is \(shape), not a mapping")
        case .mapping:
            switch probe.values["apiVersion"] {
            case .scalar(let v)?:
                // Any govcheck version is ours: the descriptor reader reports one it does not read.
                if v.lowercased().hasPrefix("govcheck") { return .descriptor }
                return .skip("its first document's apiVersion is \(DisplayText.quoted(v))")
            case .other(let shape)?:
                return .skip("its first document's apiVersion is \(shape)")
            case nil:
                // A descriptor that lost its apiVersion still says what it is: read it, and the
                // reader reports the missing line.
                if probe.values["kind"] == .scalar(Descriptor.kind) { return .descriptor }
                return .skip("its first document has no apiVersion")
            }
        }
    }
}

/// The verdicts of a parallel probe, each slot written once by the worker that took its index.
final class VerdictBuffer: @unchecked Sendable {
    private var slots: [DescriptorDiscovery.Verdict]
    private var next = 0
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: .unclear, count: count) }

    func take(_ n: Int) -> Range<Int>? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        let r = next..<min(slots.count, next + n)
        next = r.upperBound
        return r
    }

    func set(_ i: Int, _ v: DescriptorDiscovery.Verdict) {
        lock.lock()
        slots[i] = v
        lock.unlock()
    }

    func values() -> [DescriptorDiscovery.Verdict] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
