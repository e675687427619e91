import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// `govcheck check`: classify descriptors and list unmet obligations.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify deployment descriptors and list the obligations that apply but are not met.",
        discussion: """
            PATH is a descriptor file, a folder (searched recursively for *.yaml and *.yml), or - for standard input.

            --fail-on takes comma-separated terms: a tier id of a loaded pack (e.g. prohibited, high-risk: that tier or a more severe one of the same pack), tier:<severity> (any tier of at least that severity), missing or missing:<severity> (missing obligations of at least that severity), needs-review, undetermined, upcoming-within:<period> (an upcoming obligation that starts within the period, e.g. 365d, 12w, 6m, 1y), upcoming:<tier> (a later tier of the timeline at that tier or a more severe one), or none. Severities: info, low, medium, high, critical. SARIF errors and JUnit failures are exactly the findings that these terms make fail.

            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or input errors (every input is still reported).
            """)

    @Argument(help: ArgumentHelp("Descriptor files or folders, or - for standard input.", valueName: "path"))
    var paths: [String]

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date, YYYY-MM-DD.", valueName: "date"))
    var asOf: DayArgument?

    @Option(help: ArgumentHelp("Evaluate under this baseline (text version of the law) instead of the one in force on the evaluation date.", valueName: "id"))
    var baseline: String?

    @Option(help: ArgumentHelp("Output format: text, json, sarif, junit, markdown (a pull-request comment); repeatable, one per --output (or FORMAT=FILE). Without --format, --output infers it from the extension (.txt, .json, .sarif, .xml, .md).", valueName: "format"))
    var format: [String] = []

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("When to exit 1.", valueName: "terms"))
    var failOn: String = FailPolicy.defaultSpelling

    @Flag(help: "List obligations that do not apply too, as not-applicable.")
    var all = false

    @Flag(help: "Text: one line per descriptor (tiers and counts) and the summary, for large fleets.")
    var summary = false

    @Option(help: ArgumentHelp("How many files to check at once (default: one per core); the output is the same for every value.", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("output"), help: ArgumentHelp("Write a report to this file instead of standard output; repeatable, paired with --format.", valueName: "file"))
    var outputFiles: [String] = []

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one descriptor file or folder, or - for standard input") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a whole number of at least 1") }
    }

    func run() throws {
        try CheckFrontend(command: self).run()
    }
}
