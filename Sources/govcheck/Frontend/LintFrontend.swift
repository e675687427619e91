import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters
import ShippedRules

/// Orchestrates `lint`: load the packs (collecting, not stopping at, errors), lint, render.
struct LintFrontend {
    let command: Lint

    func run() throws {
        let roots = try Environment.roots(command.paths)
        var set = PackLoader.load(shipped: [], extra: roots)
        var findings = Linter.lint(set)
        // A pack that extends a shipped pack is linted with its base loaded; findings stay those
        // of the paths given.
        if !command.paths.isEmpty, set.diagnostics.contains(where: { $0.code == "pack.unknown-base" }),
           let shipped = ShippedRules.directory() {
            set = PackLoader.load(shipped: [shipped.path], extra: roots)
            let own = set.packs.filter { p in roots.contains { Linter.isUnder(p.path, $0) } }
            findings = Linter.lint(set).filter { d in roots.contains { Linter.isUnder(d.path, $0) } }
            set = PackSet(packs: own, vocabulary: set.vocabulary, diagnostics: set.diagnostics)
        }
        // Questions: every fact a linted rule reads needs one (shipped questions count for shipped facts).
        let questionRoots = (ShippedRules.directory().map { [$0.path] } ?? []) + (command.paths.isEmpty ? [] : roots)
        let book = QuestionLoader.load(roots: questionRoots, vocabulary: set.vocabulary)
        var questionFindings = Linter.questions(set.packs, vocabulary: set.vocabulary, book: book)
        if !command.paths.isEmpty { questionFindings = questionFindings.filter { d in roots.contains { Linter.isUnder(d.path, $0) } } }
        findings = Array(Set(findings + questionFindings)).sorted()
        switch command.format {
        case .text:
            let style = Environment.style(command.output.color)
            let lang = command.output.lang
            var out = DiagnosticRenderer.render(findings, style: style, language: lang)
            let e = findings.filter { $0.severity == .error }.count
            let w = findings.filter { $0.severity == .warning }.count
            out += ReportLabels(lang)(en: "\(set.packs.count) pack\(set.packs.count == 1 ? "" : "s") linted: \(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")\n",
                                      zh: "检查了 \(set.packs.count) 个规则包：\(e) 个错误，\(w) 个警告\n")
            Environment.write(out)
        case .json:
            Environment.write(JSONReporter.encode(LintDocument(findings: findings.map(DiagnosticRecord.init))))
        case .sarif:
            Environment.write(SARIFReporter.render(diagnostics: findings, toolVersion: GovCheck.version, language: command.output.lang))
        }
        let failing = findings.contains { $0.severity == .error || (command.strict && $0.severity == .warning) }
        if failing { throw ExitCode.findings }
    }
}

/// The JSON form of a lint run.
struct LintDocument: Encodable {
    let schemaVersion = 1
    let findings: [DiagnosticRecord]
}
