import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// Orchestrates `test`: load the packs under test, run their cases, render results and coverage.
struct TestFrontend {
    let command: Test

    func run() throws {
        let roots = try Environment.roots(command.paths)
        var options = command.packOptions
        let packRoots = roots.filter { !PackLoader.discover([$0]).files.isEmpty }
        options.rules = packRoots + options.rules
        // Packs named on the command line are tested on their own; shipped packs load only as the
        // base of a pack that extends one (an unrelated broken pack must not block a test run).
        var loaded: PackSet?
        if !command.paths.isEmpty && !options.rules.isEmpty && !options.noShippedRules {
            let alone = PackLoader.load(shipped: [], extra: options.rules)
            if !alone.diagnostics.contains(where: { $0.code == "pack.unknown-base" }) { loaded = alone }
        }
        let set = try loaded.map { try Environment.accept($0, options) } ?? Environment.loadPacks(options)
        let files = PackTestRunner.discover(roots)
        let wantCoverage = command.coverage || command.minCoverage != nil
        let report = PackTestRunner.run(files: files, packSet: set, defaultAsOf: command.asOf?.day ?? Environment.today(),
                                        coverage: wantCoverage)
        let lowCoverage = command.minCoverage.map { min in report.coverage.filter { $0.percent < min } } ?? []
        switch command.format {
        case .text: Environment.write(TestReporter.text(report, verbose: command.verbose, minCoverage: command.minCoverage, files: files.count))
        case .json: Environment.write(TestReporter.json(report))
        case .junit: Environment.write(TestReporter.junit(report))
        }
        if !report.diagnostics.filter({ $0.severity == .error }).isEmpty || files.isEmpty { throw ExitCode.inputError }
        if report.failed > 0 || !lowCoverage.isEmpty { throw ExitCode.findings }
    }
}
