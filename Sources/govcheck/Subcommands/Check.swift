import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// `govcheck check`: classify descriptors and list unmet obligations.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Classify deployment descriptors and list the obligations that apply but are not met.",
        discussion: """
            PATH is a descriptor file, a folder, or - for standard input. A folder is searched recursively for *.yaml and *.yml files whose first document declares 'apiVersion: govcheck/v1'; other YAML files (CI workflows, Kubernetes manifests) are skipped and counted, and a file that cannot be read far enough to tell is an input error. Hidden folders and files (.git, .github, .build) are not searched without --include-hidden. A file named on the command line must be a descriptor, unless --skip-non-descriptors.

            Defaults come from .govcheck.yaml, found in the working directory or a folder above it up to the repository root (the folder holding .git); flags win. --print-config shows every setting and where it came from.

            --fail-on takes comma-separated terms: a tier id of a loaded pack (e.g. prohibited, high-risk: that tier or a more severe one of the same pack), tier:<severity> (any tier of at least that severity), missing or missing:<severity> (missing obligations of at least that severity), needs-review, undetermined, upcoming-within:<period> (an upcoming obligation that starts within the period, e.g. 365d, 12w, 6m, 1y), upcoming:<tier> (a later tier of the timeline at that tier or a more severe one), waiver-expires-within:<period> (a waiver in use expires within the period), or none. Severities: info, low, medium, high, critical. SARIF errors, JUnit failures, GitHub error annotations and major-or-worse GitLab issues are exactly the findings that these terms make fail; with --waivers, a finding whose waiver has expired fails under any term but none.

            --write-baseline FILE records every finding of the run (missing, undetermined and upcoming obligations, decided and under-review tiers) by fingerprint; --baseline FILE then reports those as baselined and gates only on new ones.

            Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage or input errors (every input is still reported).
            """)

    @Argument(help: ArgumentHelp("Descriptor files or folders, or - for standard input (default: 'paths' of .govcheck.yaml).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date, YYYY-MM-DD.", valueName: "date"))
    var asOf: DayArgument?

    @Option(name: .customLong("law-version"), help: ArgumentHelp("Evaluate under this text version of the law (a pack baseline, e.g. eu-aia-2024) instead of the one in force on the evaluation date.", valueName: "id"))
    var lawVersion: String?

    @Option(name: .customLong("baseline"), help: ArgumentHelp("A findings baseline (from --write-baseline): its findings are reported as baselined and do not gate; only new findings do.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record this run's findings in a findings baseline file (the report and exit status are this run's, as usual).", valueName: "file"))
    var writeBaseline: String?

    @Option(help: ArgumentHelp("Output format: text, json, sarif, junit, junit-gitlab, github, gitlab, markdown (a pull-request comment); repeatable, one per --output (or FORMAT=FILE). Without --format, --output infers it from the extension (.txt, .json, .sarif, .xml, .md).", valueName: "format"))
    var format: [String] = []

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("When to exit 1 (default: \(FailPolicy.defaultSpelling)).", valueName: "terms"))
    var failOn: String?

    @Option(name: .customLong("exclude"), help: ArgumentHelp("Leave out of folder searches the paths matching this pattern, relative to the folder given ('*' within a name, '**' across folders; a pattern without '/' matches a name at any depth); repeatable.", valueName: "glob"))
    var excludes: [String] = []

    @Flag(name: .customLong("include-hidden"), inversion: .prefixedNo, help: "Search hidden folders and files (.git, .github, .build…) too (default: no).")
    var includeHidden: Bool?

    @Flag(help: "List on standard error what folder searches skipped or left out, and why.")
    var verbose = false

    @Flag(name: .customLong("skip-non-descriptors"), help: "Decide files named on the command line as folder files are: one whose first document is not a govcheck descriptor is skipped and counted, not an input error (for pre-commit and other tools that pass every changed YAML file).")
    var skipNonDescriptors = false

    @Option(name: .customLong("config"), help: ArgumentHelp("Read settings from this file instead of the .govcheck.yaml found from the working directory.", valueName: "file"))
    var configFile: String?

    @Flag(name: .customLong("no-config"), help: "Read no .govcheck.yaml.")
    var noConfig = false

    @Flag(name: .customLong("print-config"), help: "Print the effective settings and where each came from (file:line, flag, default), then exit.")
    var printConfig = false

    @Flag(help: "List obligations that do not apply too, as not-applicable.")
    var all = false

    @Flag(help: "Text: one line per descriptor (tiers and counts) and the summary, for large fleets.")
    var summary = false

    @Flag(help: "Text: only what fails the gate (descriptors, tiers and duties that fail --fail-on) and the summary; only errors on standard error.")
    var quiet = false

    @Option(name: .customLong("stdin-filename"), help: ArgumentHelp("The name reports give standard input ('-'), e.g. its path in the repository.", valueName: "name"))
    var stdinFilename: String?

    @Option(help: ArgumentHelp("A waivers file (kind: Waivers): documented, approved and dated acceptances of findings; see docs/waivers.md.", valueName: "file"))
    var waivers: String?

    @Option(help: ArgumentHelp("How many files to check at once (default: one per core); the output is the same for every value.", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("output"), help: ArgumentHelp("Write a report to this file instead of standard output; repeatable, paired with --format.", valueName: "file"))
    var outputFiles: [String] = []

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a whole number of at least 1") }
        if noConfig && configFile != nil { throw ValidationError("--config and --no-config cannot be used together") }
        if let name = stdinFilename {
            if name.isEmpty || DisplayText.needsEscaping(name) {
                throw ValidationError("--stdin-filename takes a name without control characters")
            }
            if !paths.contains("-") { throw ValidationError("--stdin-filename names standard input: give '-' among the paths") }
        }
    }

    func run() throws {
        try CheckFrontend(command: self).run()
    }
}
