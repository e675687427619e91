import ArgumentParser
import GovCheckEngine

/// Where packs come from, shared by every subcommand that loads them.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A pack folder, a pack.yaml, or a folder of packs; repeatable. A pack with a shipped pack's id replaces it.",
        valueName: "dir"))
    var rules: [String] = []

    @Flag(name: .customLong("no-shipped-rules"), help: "Do not load the packs that ship with govcheck.")
    var noShippedRules = false

    @Option(name: .customLong("pack"), help: ArgumentHelp("Evaluate only this pack id; repeatable.", valueName: "id"))
    var packs: [String] = []
}

/// Colour and language of text output.
struct OutputOptions: ParsableArguments {
    @Option(help: "Colour: auto (only on a terminal, and not when NO_COLOR is set), always, never.")
    var color: ColorMode = .auto

    @Option(name: .customLong("lang"), help: "Language of titles and explanations: en or zh (default: en).")
    var langOption: Language?

    /// The language asked for, or English; `check` also takes it from .govcheck.yaml.
    var lang: Language { langOption ?? .en }
}

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension Language: ExpressibleByArgument {}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, junit
    /// JUnit with `file` and `line` on each testcase (GitLab shows them; junit-10.xsd does not allow them).
    case junitGitlab = "junit-gitlab"
    /// GitHub Actions workflow commands (annotations) and a step summary.
    case github
    /// GitLab Code Quality JSON.
    case gitlab
    /// The pull-request comment (Markdown).
    case markdown
}

/// A date argument in YYYY-MM-DD form.
struct DayArgument: ExpressibleByArgument {
    let day: Day
    init?(argument: String) {
        guard let d = Day(argument) else { return nil }
        day = d
    }
    static var defaultValueDescription: String { "today" }
}
