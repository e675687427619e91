import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// Orchestrates `check`: load packs once, evaluate, render, choose the exit code.
struct CheckFrontend {
    let command: Check

    func run() throws {
        let errStyle = Environment.style(command.output.color, stream: STDERR_FILENO)
        let settings = try CheckSettings.resolve(command)
        if command.printConfig {
            Environment.write(settings.describe(today: Environment.today()))
            return
        }
        let lang = settings.lang.value
        let l = ReportLabels(lang)
        if let config = settings.config {
            Environment.printError(l(en: "note: settings from \(DisplayText.escaped(config.path)) (govcheck check --print-config shows them)\n",
                                     zh: "提示：设置来自 \(DisplayText.escaped(config.path))（govcheck check --print-config 可列出）\n"))
        }
        guard !settings.paths.value.isEmpty else {
            throw ValidationError("give at least one descriptor file or folder, or - for standard input (or set 'paths' in \(ProjectConfig.fileName))")
        }
        var packOptions = command.packOptions
        packOptions.rules = settings.rules.value
        packOptions.packs = []
        let set = try Environment.loadPacks(packOptions, color: command.output.color)
        for id in settings.packs.value where set.pack(id) == nil {
            throw settings.fail(settings.packs.source, "no pack '\(id)'; loaded: \(set.packs.map(\.id).joined(separator: ", "))",
                                help: Suggest.help(id, set.packs.map(\.id)), style: errStyle)
        }
        if let b = command.lawVersion, !set.packs.contains(where: { p in p.baselines.contains { $0.id == b } }) {
            let known = Set(set.packs.flatMap { $0.baselines.map(\.id) }).sorted()
            throw ValidationError("no loaded pack has a text version (baseline) '\(b)'; --law-version takes: \(known.joined(separator: ", "))"
                                  + (Suggest.help(b, known).map { "; \($0)" } ?? ""))
        }
        let policy: FailPolicy
        switch FailPolicy.parse(settings.failOn.value, packs: set.packs) {
        case .success(let p): policy = p
        case .failure(let e):
            if settings.failOn.source == .flag("--fail-on") { throw ValidationError("\(e.message)\n  help: \(e.help)") }
            throw settings.fail(settings.failOn.source, e.message, help: e.help, style: errStyle)
        }
        var globs: [PathGlob] = []
        for g in settings.excludes.value {
            do throws(PathGlob.Problem) { globs.append(try PathGlob(g)) } catch {
                throw settings.fail(settings.excludes.source, error.message, help: nil, style: errStyle)
            }
        }
        let findings = try BaselineFiles.load(settings.baseline, set: set, settings: settings, style: errStyle)
        let asOf = settings.asOf.value ?? Environment.today()
        var discovery = DiscoveryOptions(excludes: globs, includeHidden: settings.includeHidden.value)
        discovery.skipNamedNonDescriptors = command.skipNonDescriptors
        let options = CheckOptions(asOf: asOf, baseline: command.lawVersion,
                                   includeNotApplicable: command.all, packs: settings.packs.value, jobs: command.jobs,
                                   discovery: discovery,
                                   findingsBaseline: findings, stdinName: command.stdinFilename)
        var waivers: WaiverSet?
        if let path = settings.waivers.value {
            if case .config = settings.waivers.source, !FileManager.default.fileExists(atPath: path) {
                throw settings.fail(settings.waivers.source, "the waivers file '\(DisplayText.escaped(path))' does not exist",
                                    help: "check the path (it is relative to the config's folder), or remove 'waivers' from the config", style: errStyle)
            }
            let w = WaiverSet.load(path: path, packs: set.packs, asOf: asOf)
            if w.hasErrors {
                Environment.printError(DiagnosticRenderer.render(w.diagnostics, style: errStyle, language: lang))
                Environment.printError(l(en: "error: the waivers file \(path) has errors; fix them above (nothing was checked)\n",
                                         zh: "错误：豁免文件 \(path) 有错误；请修正上面列出的问题（未做任何检查）\n"))
                throw ExitCode.inputError
            }
            waivers = w
        }
        let targets = try OutputPlan.resolve(formats: command.format + settings.outputs.value, outputs: command.outputFiles)
        var outputs: [ReportOutput] = []
        var sinks: [ReportSink] = []
        var github: GitHubSink?
        for t in targets {
            let out: ReportOutput
            if let path = t.path {
                guard let o = ReportOutput(path: path) else {
                    Environment.printError(l(en: "error: cannot write '\(path)'\n  help: check that the folder exists and is writable\n",
                                             zh: "错误：无法写入 '\(path)'\n  帮助：请检查该文件夹是否存在且可写\n"))
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
                sinks.append(TextSink(reporter: TextReporter(style: style, language: lang), output: out, summaryOnly: command.summary,
                                      quiet: command.quiet, diagnosticsElsewhere: true))
            case .json: sinks.append(JSONReporter(output: out, toolVersion: GovCheck.version))
            case .sarif: sinks.append(SARIFSink(output: out, toolVersion: GovCheck.version, language: lang))
            case .junit: sinks.append(JUnitSink(output: out, dialect: .strict, language: lang))
            case .junitGitlab: sinks.append(JUnitSink(output: out, dialect: .located, language: lang))
            case .github:
                let g = GitHubSink(output: out, stepSummary: ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], language: lang)
                github = g
                sinks.append(g)
            case .gitlab: sinks.append(GitLabSink(output: out, language: lang))
            case .markdown: sinks.append(MarkdownSink(output: out, language: lang, toolVersion: GovCheck.version))
            }
        }
        let recorder = command.writeBaseline.map { _ in BaselineRecorder() }
        if let recorder { sinks.append(recorder) }
        // Diagnostics go to standard error, after the report outputs on the terminal are flushed.
        let stderr = ReportOutput(handle: FileHandle.standardError)
        sinks.append(DiagnosticStream(output: stderr, style: errStyle, flushFirst: zip(outputs, targets).filter { $0.1.path == nil }.map(\.0),
                                      includeWarnings: !command.quiet, language: lang))
        sinks.append(DiscoveryNotes(verbose: command.verbose, language: lang))
        var waiving: WaivingSink?
        if let waivers {
            let w = WaivingSink(waivers: waivers, sinks: sinks, asOf: asOf, failOn: policy.spelled)
            waiving = w
            sinks = [w]
        }
        let streamed = Checker.stream(paths: settings.paths.value, packSet: set, options: options, policy: policy, sinks: sinks)
        let summary = waiving?.summary ?? streamed
        stderr.close()
        var writeFailed = false
        for (o, t) in zip(outputs, targets) {
            o.close()
            if o.failed {
                writeFailed = true
                Environment.printError(l(en: "error: writing the \(t.format.rawValue) report to \(t.path ?? "standard output") failed\n",
                                         zh: "错误：将 \(t.format.rawValue) 报告写入\(t.path ?? "标准输出")失败\n"))
            }
        }
        if let recorder, let target = command.writeBaseline {
            if !BaselineFiles.write(recorder, to: target, summary: summary, language: lang) { writeFailed = true }
        }
        if let github, github.summaryFailed {
            writeFailed = true
            Environment.printError(l(en: "error: appending the job summary to $GITHUB_STEP_SUMMARY failed\n",
                                     zh: "错误：向 $GITHUB_STEP_SUMMARY 追加作业摘要失败\n"))
        }
        switch summary.exitCode {
        case 2: throw ExitCode.inputError
        case 1: throw writeFailed ? ExitCode.inputError : ExitCode.findings
        default: if writeFailed { throw ExitCode.inputError }
        }
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
