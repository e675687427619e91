import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// Orchestrates `timeline`: read one descriptor, evaluate it, build and print its timeline.
struct TimelineFrontend {
    let command: Timeline

    func run() throws {
        let set = try Environment.loadPacks(command.packOptions, color: command.output.color)
        try Environment.checkBaseline(command.baseline, in: set)
        let errStyle = Environment.style(command.output.color, stream: STDERR_FILENO)
        let options = CheckOptions(asOf: command.asOf?.day ?? Environment.today(), baseline: command.baseline,
                                   packs: command.packOptions.packs)
        let (descriptors, errors) = DescriptorSource.read(command.path, vocabulary: set.vocabulary)
        if let e = errors.first(where: { $0.document == nil || $0.document == command.document }) {
            Environment.printError(e.diagnostics.map { DiagnosticRenderer.render($0, style: errStyle, language: command.output.lang) }.joined())
            throw ExitCode.inputError
        }
        guard let d = descriptors.first(where: { $0.document == command.document }) else {
            let count = descriptors.count + errors.count
            throw ValidationError("the file has \(count) document(s); --document \(command.document) is out of range")
        }
        let packs = Checker.selectedPacks(set, options)
        let result: DescriptorResult
        switch DescriptorSource.evaluate(d, packs: packs, options: options, loaded: Set(set.packs.map(\.jurisdiction))) {
        case .result(let r): result = r
        case .error(let e):
            Environment.printError(e.diagnostics.map { DiagnosticRenderer.render($0, style: errStyle, language: command.output.lang) }.joined())
            throw ExitCode.inputError
        }
        let warnings = result.diagnostics
        if !warnings.isEmpty { Environment.printError(warnings.map { DiagnosticRenderer.render($0, style: errStyle, language: command.output.lang) }.joined()) }
        let timeline = TimelineBuilder.build(d, result: result, packs: packs, options: options)
        let today = command.asOf == nil
        let text: String
        switch command.format {
        case .text:
            let style = command.outputFile == nil ? Environment.style(command.output.color) : .plain
            text = TimelineReporter.text(timeline, packs: packs, language: command.output.lang, style: style, asOfIsToday: today)
        case .json: text = TimelineReporter.json(timeline, packs: packs, toolVersion: GovCheck.version)
        case .markdown: text = TimelineReporter.markdown(timeline, packs: packs, language: command.output.lang, asOfIsToday: today)
        }
        if let path = command.outputFile {
            try Environment.writeReport(text, to: path, what: "timeline")
        } else {
            Environment.write(text)
        }
    }
}
