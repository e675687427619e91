import ArgumentParser
import Foundation
import GovCheckEngine

/// `govcheck report`: the report a compliance officer hands on, as HTML and Markdown.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the report a compliance officer hands on: one self-contained HTML file and/or Markdown.",
        discussion: """
            PATH is a descriptor file, a folder (searched recursively for *.yaml and *.yml), or - for standard input.

            The report has a header (organisation, systems, evaluation date, pack versions, the rules no reviewer has signed off, and that it is not legal advice), a matrix of systems by jurisdiction with their tiers and later tiers, the upcoming dates of the fleet, and per system every obligation with its status, citation and link to the legal text, deadline, what to do and the evidence to record, and the system's timeline. The HTML file has no external assets and prints one system per page. Without --html or --markdown the Markdown goes to standard output.

            Exit codes: 0 the report was written; 2 usage or input errors (the report is still written, listing the inputs that were not evaluated).
            """)

    @Argument(help: ArgumentHelp("Descriptor files or folders, or - for standard input.", valueName: "path"))
    var paths: [String]

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date, YYYY-MM-DD.", valueName: "date"))
    var asOf: DayArgument?

    @Option(name: .customLong("law-version"), help: ArgumentHelp("Evaluate under this text version of the law (a pack baseline, e.g. eu-aia-2024) instead of the one in force on the evaluation date.", valueName: "id"))
    var baseline: String?

    @Option(help: ArgumentHelp("Write the HTML report to this file.", valueName: "file"))
    var html: String?

    @Option(help: ArgumentHelp("Write the Markdown report to this file (- for standard output).", valueName: "file"))
    var markdown: String?

    @Option(help: ArgumentHelp("The organisation named in the header (default: the descriptors' organisation.name).", valueName: "name"))
    var organisation: String?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one descriptor file or folder, or - for standard input") }
        if let html, html == markdown { throw ValidationError("--html and --markdown name the same file") }
    }

    func run() throws {
        try ReportFrontend(command: self).run()
    }
}
