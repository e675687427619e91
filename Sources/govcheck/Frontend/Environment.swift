import Foundation
import GovCheckEngine
import ArgumentParser
import GovCheckReporters
import ShippedRules

/// What the frontends need from the process: today's date, colour detection, pack loading, output.
enum Environment {
    /// Today in UTC, the default evaluation date.
    static func today() -> Day {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year!, month: c.month!, day: c.day!)
    }

    static func style(_ mode: ColorMode, stream: Int32 = STDOUT_FILENO) -> Style {
        switch mode {
        case .always: return Style(enabled: true)
        case .never: return .plain
        case .auto:
            let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
            return Style(enabled: !noColor && isatty(stream) == 1)
        }
    }

    /// Loads shipped and extra packs; prints load errors and exits 2 when a pack does not load.
    static func loadPacks(_ options: PackOptions, color: ColorMode = .auto) throws -> PackSet {
        var shipped: [String] = []
        if !options.noShippedRules {
            if let problem = ShippedRules.environmentProblem() {
                printError("error: \(problem)\n  help: point it at the Rules folder of a checkout or PREFIX/share/govcheck/Rules, or unset it\n")
                throw ExitCode.inputError
            }
            if let dir = ShippedRules.directory() {
                shipped = [dir.path]
            } else if options.rules.isEmpty {
                printError("error: the shipped rule packs were not found next to the govcheck binary\n  help: pass --rules DIR or set GOVCHECK_RULES\n")
                throw ExitCode.inputError
            }
        }
        return try accept(PackLoader.load(shipped: shipped, extra: options.rules), options, color: color)
    }

    /// Prints a loaded set's diagnostics; exits 2 when a pack has errors or a `--pack` id is unknown.
    static func accept(_ set: PackSet, _ options: PackOptions, color: ColorMode = .auto) throws -> PackSet {
        let style = Environment.style(color, stream: STDERR_FILENO)
        let warnings = set.diagnostics.filter { $0.severity != .error }
        if !warnings.isEmpty { printError(DiagnosticRenderer.render(warnings, style: style)) }
        if set.hasErrors {
            printError(DiagnosticRenderer.render(set.diagnostics.filter { $0.severity == .error }, style: style))
            printError("error: rule packs did not load; fix the errors above\n")
            throw ExitCode.inputError
        }
        for id in options.packs where set.pack(id) == nil {
            printError("error: no pack '\(id)'; loaded: \(set.packs.map(\.id).joined(separator: ", "))\n")
            throw ExitCode.inputError
        }
        return set
    }

    /// The paths a command works on: those given (each must exist), or the shipped packs.
    static func roots(_ paths: [String]) throws -> [String] {
        if paths.isEmpty {
            guard let dir = ShippedRules.directory() else {
                printError("error: the shipped rule packs were not found; give a path\n")
                throw ExitCode.inputError
            }
            return [dir.path]
        }
        for r in paths where !FileManager.default.fileExists(atPath: r) {
            printError("error: no such file or folder '\(r)'\n")
            throw ExitCode.inputError
        }
        return paths
    }

    static func printError(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }

    static func write(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}

/// Exit statuses, as documented in `govcheck --help` and the README.
extension ExitCode {
    /// Findings at or above the threshold, a failing test, or lint errors.
    static let findings = ExitCode(1)
    /// Usage or input errors: unreadable or invalid files, packs that do not load.
    static let inputError = ExitCode(2)
}
