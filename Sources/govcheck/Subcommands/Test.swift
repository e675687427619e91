import ArgumentParser
import Foundation
import GovCheckEngine

/// `govcheck test`: run pack tests (cases beside each pack) and measure coverage.
struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run rule-pack tests: expected tiers and obligation statuses for test descriptors.",
        discussion: """
            PATH is a pack folder, a folder of packs, or a test file; the default is the shipped packs. Test files are the *.yaml files in a pack's tests/ folder (kind: PackTest). Packs found under PATH are loaded and replace shipped packs of the same id.

            Prints one line per failing expectation with its file:line:column, then 'N passed, N failed'. Exit codes: 0 all pass (and coverage is at least --min-coverage); 1 a case fails or coverage is too low; 2 a pack or test file does not load.
            """)

    @Argument(help: ArgumentHelp("Pack folders or test files (default: the shipped packs).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var packOptions: PackOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date for cases without 'asOf'.", valueName: "date"))
    var asOf: DayArgument?

    @Flag(help: "Report which tier rules and obligations the tests made both true and false, and unexercised predicates.")
    var coverage = false

    @Option(name: .customLong("min-coverage"), help: ArgumentHelp("Fail when a tested pack's coverage is below this percentage (implies --coverage).", valueName: "percent"))
    var minCoverage: Double?

    @Flag(help: "Print passing cases too.")
    var verbose = false

    @Option(help: "Output format: text, json, junit.")
    var format: TestFormat = .text

    func run() throws {
        try TestFrontend(command: self).run()
    }
}

enum TestFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, junit
}
