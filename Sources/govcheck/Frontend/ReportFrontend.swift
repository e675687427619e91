import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// Orchestrates `report`: evaluate every descriptor with its timeline, then write HTML and Markdown.
struct ReportFrontend {
    let command: Report

    func run() throws {
        let set = try Environment.loadPacks(command.packOptions, color: command.output.color)
        try Environment.checkBaseline(command.baseline, in: set)
        let options = CheckOptions(asOf: command.asOf?.day ?? Environment.today(), baseline: command.baseline,
                                   packs: command.packOptions.packs)
        let (systems, errors) = Environment.evaluateWithTimelines(command.paths, set, options)
        let report = OfficerReport(asOf: options.asOf, organisation: command.organisation, packs: Checker.selectedPacks(set, options),
                                   loaded: set.packs, systems: systems, errors: errors, toolVersion: GovCheck.version,
                                   forcedText: command.baseline, asOfIsToday: command.asOf == nil)
        var wrote = false
        if let path = command.html {
            try Environment.writeReport(HTMLReport.render(report, language: command.output.lang), to: path, what: "HTML report")
            wrote = true
        }
        if let path = command.markdown, path != "-" {
            try Environment.writeReport(MarkdownReport.render(report, language: command.output.lang), to: path, what: "Markdown report")
            wrote = true
        }
        if !wrote || command.markdown == "-" {
            Environment.write(MarkdownReport.render(report, language: command.output.lang))
        }
        if !errors.isEmpty {
            let lang = command.output.lang
            Environment.printError(ReportLabels(lang)(en: "error: \(errors.count) input\(errors.count == 1 ? "" : "s") not evaluated; the report lists \(errors.count == 1 ? "it" : "them")\n",
                                                      zh: "错误：\(errors.count) 个输入未能评估；报告中列出了它们\n"))
            let errStyle = Environment.style(command.output.color, stream: STDERR_FILENO)
            for e in errors { Environment.printError(e.diagnostics.map { DiagnosticRenderer.render($0, style: errStyle, language: lang) }.joined()) }
            throw ExitCode.inputError
        }
    }
}

extension Environment {
    /// Refuses a `--baseline` that no loaded pack declares.
    static func checkBaseline(_ id: String?, in set: PackSet) throws {
        guard let b = id, !set.packs.contains(where: { p in p.baselines.contains { $0.id == b } }) else { return }
        let known = Set(set.packs.flatMap { $0.baselines.map(\.id) }).sorted()
        throw ValidationError("no loaded pack has a baseline '\(b)'; baselines: \(known.joined(separator: ", "))"
                              + (Suggest.help(b, known).map { "; \($0)" } ?? ""))
    }

    /// Every descriptor under `paths`, evaluated as `check` evaluates it and with its timeline,
    /// in input order; inputs that do not evaluate are errors (paths that do not exist first).
    static func evaluateWithTimelines(_ paths: [String], _ set: PackSet, _ options: CheckOptions) -> ([OfficerReport.System], [InputError]) {
        let packs = Checker.selectedPacks(set, options)
        let loaded = Set(set.packs.map(\.jurisdiction))
        let (files, expandErrors) = Checker.expand(paths)
        var errors = expandErrors.sorted { ($0.file, $0.document ?? 0) < ($1.file, $1.document ?? 0) }
        var systems: [OfficerReport.System] = []
        for f in files {
            let (descriptors, readErrors) = DescriptorSource.read(f, vocabulary: set.vocabulary)
            for d in descriptors {
                switch DescriptorSource.evaluate(d, packs: packs, options: options, loaded: loaded) {
                case .result(let r):
                    let timeline = TimelineBuilder.build(d, result: r, packs: packs, options: options)
                    systems.append(OfficerReport.System(timeline: timeline, title: DescriptorSource.text(d, "system.name") ?? d.name,
                                                        organisation: DescriptorSource.text(d, "organisation.name")))
                case .error(let e):
                    errors.append(e)
                }
            }
            errors += readErrors
        }
        return (systems, errors)
    }

    /// Writes a finished report to a file; a file that cannot be written is an input error (exit 2).
    static func writeReport(_ text: String, to path: String, what: String) throws {
        guard let out = ReportOutput(path: path) else {
            printError("error: cannot write '\(path)'\n  help: check that the folder exists and is writable\n")
            throw ExitCode.inputError
        }
        out.write(text)
        out.close()
        if out.failed {
            printError("error: writing the \(what) to \(path) failed\n")
            throw ExitCode.inputError
        }
    }
}
