import ArgumentParser
import Foundation
import GovCheckEngine

/// `govcheck init`: the questionnaire that writes a descriptor, asking only what the rules need.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a descriptor by answering questions computed from the rules: only what still decides a tier or an obligation.",
        discussion: """
            Each step evaluates the answers so far, takes the unstated facts that would decide the tiers and obligations still open, and asks the one that settles most, in the law's order (scope and roles first). It stops when every selected pack is decided, then asks for the evidence of duties that apply and are not met (--no-evidence skips that). A skipped question leaves the fact unknown, and the result says needs-review or undetermined.

            On a terminal: arrow keys or numbers choose, Enter confirms, space ticks items of a list, ? shows the legal basis, b goes back, s skips, q saves and quits. Elsewhere the questions are plain prompts read line by line (end of input saves and quits).

            --answers FILE (YAML or JSON: fact paths, nested or dotted, or a whole descriptor) answers from a file without asking; --resume DESCRIPTOR asks only what an existing descriptor leaves undecided and rewrites it.

            Exit codes: 0 the descriptor was written; 1 quit before every pack was decided (the partial descriptor is written); 2 usage or input errors.
            """)

    @Option(name: .customLong("jurisdiction"), help: ArgumentHelp("EU or CN, repeatable (default: asked, or from --answers / --resume).", valueName: "code"))
    var jurisdictions: [String] = []

    @Option(help: ArgumentHelp("Answer from this YAML or JSON file instead of asking.", valueName: "file"))
    var answers: String?

    @Option(help: ArgumentHelp("Continue an existing descriptor: ask only what it leaves undecided, and rewrite it (or write --output).", valueName: "descriptor"))
    var resume: String?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where to write the descriptor (default: deployment.yaml, or the --resume file).", valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite --output if it exists.")
    var force = false

    @Option(help: ArgumentHelp("metadata.name of the descriptor (default: asked, or from --answers / --resume).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Evaluation date, YYYY-MM-DD.", valueName: "date"))
    var asOf: DayArgument?

    @Option(name: .customLong("law-version"), help: ArgumentHelp("Evaluate under this text version of the law (a pack baseline, e.g. eu-aia-2024).", valueName: "id"))
    var baseline: String?

    @Flag(name: .customLong("no-evidence"), help: "Do not ask for the evidence of duties that apply and are not met.")
    var noEvidence = false

    @Option(help: ArgumentHelp("Also score the N best candidates by trying each of their values (slower; 0: rank by how many open results a fact decides).", valueName: "n"))
    var lookahead: Int = 0

    @Flag(name: .customLong("plain"), help: "Plain line-by-line prompts even on a terminal.")
    var plain = false

    @OptionGroup var packOptions: PackOptions
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if answers != nil && resume != nil { throw ValidationError("give --answers or --resume, not both") }
        if lookahead < 0 { throw ValidationError("--lookahead takes a whole number of at least 0") }
    }

    func run() throws {
        try InitFrontend(command: self).run()
    }
}
