import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// `govcheck lint`: check rule packs without descriptors.
struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check rule packs without descriptors: schema, types, citations, dates, contradictions, shadowed tiers, unused facts.",
        discussion: """
            Each finding has file:line:column, a rule id and a fix hint. Exit codes: 0 no errors (and no warnings with --strict); 1 findings; 2 a path does not exist.
            """)

    @Argument(help: ArgumentHelp("Pack folders or pack.yaml files (default: the shipped packs).", valueName: "path"))
    var paths: [String] = []

    @Option(help: "Output format: text, json, sarif.")
    var format: LintFormat = .text

    @Flag(help: "Treat warnings as errors.")
    var strict = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        try LintFrontend(command: self).run()
    }
}

enum LintFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}
