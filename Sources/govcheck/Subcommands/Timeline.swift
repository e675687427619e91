import ArgumentParser
import Foundation
import GovCheckEngine

/// `govcheck timeline`: what is due for one system, and when.
struct Timeline: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show one system's dated sequence of tiers and obligations across every pack: what is in force since when, and what starts or changes later.",
        discussion: """
            Dates before the evaluation date come from evaluating the descriptor as of each earlier date on which a pack's answer can change (the pack's event dates), on the facts as the descriptor states them now; a duty listed there shows its status on the evaluation date. The evaluation date and later come from the evaluation of that date, as `check` reports it (later tiers and upcoming duties); later event dates are evaluated too, to list duties that stop applying and texts that come into force.

            Exit codes: 0 the timeline was printed; 2 usage or input errors.
            """)

    @Argument(help: ArgumentHelp("A descriptor file (its first document, or --document N), or - for standard input.", valueName: "descriptor"))
    var path: String

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Which YAML document of the file (1-based).")
    var document: Int = 1

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date, YYYY-MM-DD.", valueName: "date"))
    var asOf: DayArgument?

    @Option(name: .customLong("law-version"), help: ArgumentHelp("Evaluate under this text version of the law (a pack baseline, e.g. eu-aia-2024) instead of the one in force on each date.", valueName: "id"))
    var baseline: String?

    @Option(help: "Output format: text, json, markdown.")
    var format: TimelineFormat = .text

    @Option(name: .customLong("output"), help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var outputFile: String?

    func validate() throws {
        if document < 1 { throw ValidationError("--document takes a whole number of at least 1") }
    }

    func run() throws {
        try TimelineFrontend(command: self).run()
    }
}

enum TimelineFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}
