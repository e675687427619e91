import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters
import YAMLTree

/// `govcheck explain`: the evaluation trace behind a descriptor's tier and obligations.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show why a descriptor got its tier and obligation statuses: every condition, leaf by leaf.",
        discussion: "Each leaf shows the fact path, the descriptor's value with its file:line:column (or 'not stated'), and true/false/unknown.")

    @Argument(help: ArgumentHelp("A descriptor file (its first document, or --document N).", valueName: "descriptor"))
    var path: String

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Only this tier rule, tier or obligation id.", valueName: "id"))
    var rule: String?

    @Option(help: "Which YAML document of the file (1-based).")
    var document: Int = 1

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date, YYYY-MM-DD.", valueName: "date"))
    var asOf: DayArgument?

    @Option(name: .customLong("law-version"), help: ArgumentHelp("Evaluate under this text version of the law (a pack baseline, e.g. eu-aia-2024).", valueName: "id"))
    var lawVersion: String?

    /// The old spelling of --law-version, kept only to say so.
    @Option(name: .customLong("baseline"), help: .hidden)
    var oldBaseline: String?

    @Flag(help: "Print the trace as JSON.")
    var json = false

    func validate() throws {
        if let b = oldBaseline {
            throw ValidationError("--baseline is no longer the text version of the law: write --law-version \(b)")
        }
    }

    func run() throws {
        try ExplainFrontend(command: self).run()
    }
}
