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
                                   includeNotApplicable: command.all, packs: command.packOptions.packs)
        let report = Checker.run(paths: command.paths, packSet: set, options: options)
        let text: String
        switch command.format {
        case .text:
            let style = command.outputFile == nil ? Environment.style(command.output.color) : .plain
            text = TextReporter(style: style, language: command.output.lang).render(report, policy: policy)
        case .json: text = JSONReporter.render(report, policy: policy, toolVersion: GovCheck.version)
        case .sarif: text = SARIFReporter.render(report, policy: policy, toolVersion: GovCheck.version)
        case .junit: text = JUnitReporter.render(report, policy: policy)
        }
        if let file = command.outputFile {
            guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8)) else {
                Environment.printError("error: cannot write '\(file)'\n")
                throw ExitCode.inputError
            }
        } else {
            Environment.write(text)
        }
        if !report.errors.isEmpty { throw ExitCode.inputError }
        if policy.fails(report) { throw ExitCode.findings }
    }
}
