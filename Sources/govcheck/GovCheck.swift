import ArgumentParser
import Foundation
import GovCheckEngine

/// The `govcheck` command: checks AI deployment descriptors against EU and Chinese AI law.
@main
struct GovCheck: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "govcheck",
        abstract: "Check AI deployment descriptors against AI law (EU AI Act, China's generative-AI rules).",
        discussion: """
            Exit codes:
              0  nothing at or above the --fail-on threshold (all tests pass, no lint errors)
              1  findings at or above the threshold (a failing test, a lint error)
              2  usage or input errors: bad arguments, unreadable or invalid files, packs that do not load
            """,
        version: version,
        subcommands: [Check.self, Explain.self, Init.self, Timeline.self, Diff.self, Report.self, Facts.self, Schema.self,
                      Test.self, Lint.self, Packs.self],
        defaultSubcommand: nil)

    /// Runs the command; usage errors exit 2 like input errors, as the README documents.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(code == .validationFailure || code == ExitCode(64) ? 2 : code.rawValue)
        }
    }
}
