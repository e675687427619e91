import ArgumentParser
import Foundation
import GovCheckEngine

/// `govcheck diff`: which systems of a fleet change between two dates, two versions of the packs,
/// or two texts of the law.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which systems change tier or gain, lose or change obligations between two dates, two rules folders or two texts of the law.",
        discussion: """
            --from and --to each take one of:
              DATE  YYYY-MM-DD: evaluate the loaded packs as of that date;
              DIR   a rules folder (a pack folder or a folder of packs, e.g. a checkout of an older pack version): its packs replace loaded packs of the same id, evaluated as of --as-of;
              TEXT  the id of a text version of the law (a baseline, as --baseline takes, e.g. eu-aia-2024): every pack that has it is evaluated under it, as of --as-of.
            A value that is both a folder and a text id is refused; write ./NAME for the folder.

            Exit codes: 0 no system changes; 1 some system changes; 2 usage or input errors (every input is still compared).
            """)

    @Argument(help: ArgumentHelp("Descriptor files or folders, or - for standard input.", valueName: "path"))
    var paths: [String]

    @Option(help: ArgumentHelp("The first side: a date, a rules folder, or a law text id.", valueName: "date|dir|text"))
    var from: String

    @Option(help: ArgumentHelp("The second side: a date, a rules folder, or a law text id.", valueName: "date|dir|text"))
    var to: String

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date of a folder or text side, YYYY-MM-DD.", valueName: "date"))
    var asOf: DayArgument?

    @Option(name: .customLong("law-version"), help: ArgumentHelp("Evaluate both sides under this text version of the law (a pack baseline, e.g. eu-aia-2024), unless a side names its own text.", valueName: "id"))
    var baseline: String?

    @Option(help: "Output format: text, json, markdown.")
    var format: DiffFormat = .text

    @Option(name: .customLong("output"), help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var outputFile: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one descriptor file or folder, or - for standard input") }
    }

    func run() throws {
        try DiffFrontend(command: self).run()
    }
}

enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}
