import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// Orchestrates `check`: load packs once, evaluate, render, choose the exit code.
struct CheckFrontend {
    let command: Check

    func run() throws {
        let set = try Environment.loadPacks(command.packOptions, color: command.output.color)
        if let b = command.baseline, !set.packs.contains(where: { p in p.baselines.contains { $0.id == b } }) {
            let known = Set(set.packs.flatMap { $0.baselines.map(\.id) }).sorted()
            throw ValidationError("no loaded pack has a baseline '\(b)'; baselines: \(known.joined(separator: ", "))")
        }
        let policy: FailPolicy
        switch FailPolicy.parse(command.failOn, packs: set.packs) {
        case .success(let p): policy = p
        case .failure(let e): throw ValidationError("\(e.message)\n  help: \(e.help)")
        }
        let options = CheckOptions(asOf: command.asOf?.day ?? Environment.today(), baseline: command.baseline,
                                   includeNotApplicable: command.all, packs: command.packOptions.packs, jobs: command.jobs)
        let targets = try OutputPlan.resolve(formats: command.format, outputs: command.outputFiles)
        var outputs: [ReportOutput] = []
        var sinks: [ReportSink] = []
        for t in targets {
            let out: ReportOutput
            if let path = t.path {
                guard let o = ReportOutput(path: path) else {
                    Environment.printError("error: cannot write '\(path)'\n  help: check that the folder exists and is writable\n")
                    throw ExitCode.inputError
                }
                out = o
            } else {
                out = ReportOutput(handle: FileHandle.standardOutput)
            }
            outputs.append(out)
            switch t.format {
            case .text:
                let style = t.path == nil ? Environment.style(command.output.color) : .plain
                sinks.append(TextSink(reporter: TextReporter(style: style, language: command.output.lang), output: out, summaryOnly: command.summary))
            case .json: sinks.append(JSONReporter(output: out, toolVersion: GovCheck.version))
            case .sarif: sinks.append(SARIFSink(output: out, toolVersion: GovCheck.version))
            case .junit: sinks.append(JUnitSink(output: out))
            case .markdown: sinks.append(MarkdownSink(output: out, language: command.output.lang, toolVersion: GovCheck.version))
            }
        }
        let summary = Checker.stream(paths: command.paths, packSet: set, options: options, policy: policy, sinks: sinks)
        var writeFailed = false
        for (o, t) in zip(outputs, targets) {
            o.close()
            if o.failed {
                writeFailed = true
                Environment.printError("error: writing the \(t.format.rawValue) report to \(t.path ?? "standard output") failed\n")
            }
        }
        if summary.inputErrors > 0 || writeFailed { throw ExitCode.inputError }
        if summary.failing > 0 { throw ExitCode.findings }
    }
}

/// Which report goes where: `--format` and `--output` pair up, `FORMAT=FILE` names both at once,
/// an output's extension tells its format, and at most one report goes to standard output.
struct OutputPlan {
    struct Target: Equatable {
        let format: ReportFormat
        let path: String?
    }

    static let extensions: [String: ReportFormat] = ["txt": .text, "text": .text, "json": .json, "sarif": .sarif, "xml": .junit,
                                                     "md": .markdown, "markdown": .markdown]

    static func resolve(formats: [String], outputs: [String]) throws -> [Target] {
        var targets: [Target] = []
        var plain: [ReportFormat] = []
        for f in formats {
            let parts = f.split(separator: "=", maxSplits: 1).map(String.init)
            guard let format = ReportFormat(rawValue: parts[0]) else {
                throw ValidationError("unknown --format '\(parts[0])'; formats: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))"
                                      + (Suggest.help(parts[0], ReportFormat.allCases.map(\.rawValue)).map { "; \($0)" } ?? ""))
            }
            if parts.count == 2 {
                guard !parts[1].isEmpty else { throw ValidationError("--format \(f): give a file after '='") }
                targets.append(Target(format: format, path: parts[1]))
            } else {
                plain.append(format)
            }
        }
        var unmatched: [String] = []
        for o in outputs {
            let ext = (o as NSString).pathExtension.lowercased()
            if let inferred = extensions[ext], let i = plain.firstIndex(of: inferred) {
                plain.remove(at: i)
                targets.append(Target(format: inferred, path: o))
            } else {
                unmatched.append(o)
            }
        }
        for o in unmatched {
            if !plain.isEmpty {
                targets.append(Target(format: plain.removeFirst(), path: o))
            } else if let inferred = extensions[(o as NSString).pathExtension.lowercased()] {
                targets.append(Target(format: inferred, path: o))
            } else {
                throw ValidationError("cannot tell the format of --output '\(o)' from its extension; write --format FORMAT=\(o)")
            }
        }
        if plain.count > 1 {
            throw ValidationError("only one report can go to standard output; give an --output file for the others (or FORMAT=FILE)")
        }
        // Standard output always carries a report: the text one when every format named goes to a file.
        targets.insert(Target(format: plain.first ?? .text, path: nil), at: 0)
        let paths = targets.compactMap(\.path)
        if Set(paths).count != paths.count { throw ValidationError("two reports would be written to the same file") }
        return targets
    }
}
