import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters
import YAMLTree

/// Orchestrates `explain`: read one descriptor, trace it under each selected pack.
struct ExplainFrontend {
    let command: Explain

    func run() throws {
        let set = try Environment.loadPacks(command.packOptions, color: command.output.color)
        let errStyle = Environment.style(command.output.color, stream: STDERR_FILENO)
        let docs: [YAMLDocument]
        do {
            docs = command.path == "-"
                ? try YAMLReader.read(bytes: YAMLReader.standardInputBytes(), path: "<stdin>")
                : try YAMLReader.read(path: command.path)
        } catch {
            Environment.printError(DiagnosticRenderer.render([Diagnostic(error)], style: errStyle))
            throw ExitCode.inputError
        }
        guard command.document >= 1 && command.document <= docs.count else {
            throw ValidationError("the file has \(docs.count) document(s); --document \(command.document) is out of range")
        }
        let d = Descriptor(document: docs[command.document - 1], path: command.path, vocabulary: set.vocabulary)
        if !d.diagnostics.isEmpty { Environment.printError(DiagnosticRenderer.render(d.diagnostics, style: errStyle)) }
        if d.hasErrors { throw ExitCode.inputError }
        let packs = command.packOptions.packs.isEmpty ? set.packs : set.packs.filter { command.packOptions.packs.contains($0.id) }
        if let rule = command.rule {
            let known = packs.flatMap { p in p.resolved.flatMap { r in r.tiers.map(\.id) + r.tiers.flatMap { $0.rules.map(\.id) } + r.obligations.map(\.id) } }
            if !known.contains(rule) {
                throw ValidationError("no tier, rule or obligation '\(rule)' in the selected packs"
                                      + ((Set(known).sorted().min { Suggest.distance($0, rule) < Suggest.distance($1, rule) }).map { "; did you mean '\($0)'?" } ?? ""))
            }
        }
        let asOf = command.asOf?.day ?? Environment.today()
        var explanations: [Explanation] = []
        for p in packs {
            let x = Explainer.explain(pack: p, descriptor: d, asOf: asOf, baseline: command.lawVersion, rule: command.rule)
            if command.rule == nil || !x.traces.isEmpty { explanations.append(x) }
        }
        if command.json {
            Environment.write(JSONReporter.encode(explanations))
        } else {
            let style = Environment.style(command.output.color)
            Environment.write(explanations.map { ExplanationRenderer.text($0, style: style) }.joined(separator: "\n"))
        }
    }
}
