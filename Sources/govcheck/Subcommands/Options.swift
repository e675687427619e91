import Foundation
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

    @Option(name: .customLong("lang"), help: "Language of titles and explanations: en or zh (default: from LC_ALL, LC_MESSAGES or LANG; zh for a zh_* locale, else en).")
    var langOption: Language?

    /// The language asked for, else the locale's, else English; `check` also takes it from .govcheck.yaml.
    var lang: Language { langOption ?? Language.fromLocale()?.language ?? .en }
}

extension Language {
    /// The language of the locale, as POSIX resolves it: the first of `LC_ALL`, `LC_MESSAGES` and
    /// `LANG` that is set and not empty decides; a `zh` locale (`zh_CN.UTF-8`, `zh_TW`) means Chinese,
    /// any other English. Nil when none is set, or for the C and POSIX locales.
    static func fromLocale(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> (language: Language, variable: String)? {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            // The C and POSIX locales name no language: the default stands.
            if value == "C" || value == "POSIX" || value.hasPrefix("C.") { return nil }
            return (value.lowercased().hasPrefix("zh") ? .zh : .en, name)
        }
        return nil
    }
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
