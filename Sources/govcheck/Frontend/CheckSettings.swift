import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// Where an effective setting of `check` came from, for `--print-config` and for errors.
enum SettingSource: Equatable {
    case flag(String)
    case config(path: String, line: Int, column: Int)
    /// An environment variable (the language from `LC_ALL`, `LC_MESSAGES` or `LANG`).
    case environment(String)
    case defaultValue

    var label: String {
        switch self {
        case .flag(let f): return f
        case .config(let path, let line, _): return "\(path):\(line)"
        case .environment(let name): return "environment \(name)"
        case .defaultValue: return "default"
        }
    }
}

/// A setting's value and its source.
struct Sourced<Value> {
    let value: Value
    let source: SettingSource
}

/// The settings of one `check` run: the command line over `.govcheck.yaml` over the defaults.
/// A flag replaces the config's value whole (a list given on the command line is not merged with
/// the file's), so what runs is what `--print-config` shows.
struct CheckSettings {
    /// The config file read, if any, and how it was found.
    let config: ProjectConfig?
    let configOrigin: String
    let paths: Sourced<[String]>
    let excludes: Sourced<[String]>
    let includeHidden: Sourced<Bool>
    let failOn: Sourced<String>
    let packs: Sourced<[String]>
    let rules: Sourced<[String]>
    let baseline: Sourced<String?>
    let waivers: Sourced<String?>
    let outputs: Sourced<[String]>
    let asOf: Sourced<Day?>
    let lang: Sourced<Language>

    /// Reads the config (unless `--no-config`) and merges; a config that does not read is exit 2.
    static func resolve(_ c: Check, workingDirectory: String = FileManager.default.currentDirectoryPath) throws -> CheckSettings {
        var config: ProjectConfig?
        var origin: String
        let formats = ReportFormat.allCases.map(\.rawValue)
        if c.noConfig {
            origin = "none (--no-config)"
        } else {
            let path: String?
            if let explicit = c.configFile {
                guard FileManager.default.fileExists(atPath: explicit) else {
                    Environment.printError("error: no such config file '\(explicit)' (--config)\n  help: check the path, or leave --config out to use the .govcheck.yaml found from the working directory\n")
                    throw ExitCode.inputError
                }
                path = explicit
                origin = "\(explicit) (--config)"
            } else {
                let search = ProjectConfig.find(from: workingDirectory)
                path = search.found
                if let found = search.found {
                    origin = "\(found) (found from the working directory)"
                } else if let root = search.stoppedAt {
                    origin = "none (no \(ProjectConfig.fileName) from the working directory up to the repository root \(root))"
                } else {
                    origin = "none (no \(ProjectConfig.fileName) from the working directory up to the filesystem root)"
                }
            }
            if let path {
                switch ProjectConfig.read(path: path, formats: formats) {
                case .success(let cfg): config = cfg
                case .failure(let problems):
                    Environment.printError(DiagnosticRenderer.render(problems.diagnostics, style: Environment.style(c.output.color, stream: STDERR_FILENO)))
                    Environment.printError("error: the config file \(path) has errors; fix them, or run with --no-config\n")
                    throw ExitCode.inputError
                }
            }
        }
        func pick<V>(_ flag: V?, _ name: String, _ setting: ProjectConfig.Setting<V>?, resolve: (V) -> V = { $0 }, _ fallback: V) -> Sourced<V> {
            if let flag { return Sourced(value: flag, source: .flag(name)) }
            if let setting, let config {
                return Sourced(value: resolve(setting.value), source: .config(path: config.path, line: setting.line, column: setting.column))
            }
            return Sourced(value: fallback, source: .defaultValue)
        }
        let resolveAll: ([String]) -> [String] = { list in list.map { config?.resolve($0) ?? $0 } }
        let outputs: Sourced<[String]>
        if !c.format.isEmpty || !c.outputFiles.isEmpty {
            outputs = Sourced(value: [], source: .flag(c.format.isEmpty ? "--output" : "--format"))
        } else if let o = config?.output, let config {
            outputs = Sourced(value: o.value.map { "\($0.format)=\(config.resolve($0.file))" },
                              source: .config(path: config.path, line: o.line, column: o.column))
        } else {
            outputs = Sourced(value: [], source: .defaultValue)
        }
        let baseline: Sourced<String?>
        if let b = c.baseline {
            baseline = Sourced(value: b, source: .flag("--baseline"))
        } else if let b = config?.baseline, let config {
            baseline = Sourced(value: config.resolve(b.value), source: .config(path: config.path, line: b.line, column: b.column))
        } else {
            baseline = Sourced(value: nil, source: .defaultValue)
        }
        let waivers: Sourced<String?>
        if let w = c.waivers {
            waivers = Sourced(value: w, source: .flag("--waivers"))
        } else if let w = config?.waivers, let config {
            waivers = Sourced(value: config.resolve(w.value), source: .config(path: config.path, line: w.line, column: w.column))
        } else {
            waivers = Sourced(value: nil, source: .defaultValue)
        }
        let asOf: Sourced<Day?>
        if let d = c.asOf?.day {
            asOf = Sourced(value: d, source: .flag("--as-of"))
        } else if let d = config?.asOf, let config {
            asOf = Sourced(value: d.value, source: .config(path: config.path, line: d.line, column: d.column))
        } else {
            asOf = Sourced(value: nil, source: .defaultValue)
        }
        return CheckSettings(
            config: config, configOrigin: origin,
            paths: pick(c.paths.isEmpty ? nil : c.paths, "command line", config?.paths, resolve: resolveAll, []),
            excludes: pick(c.excludes.isEmpty ? nil : c.excludes, "--exclude", config?.exclude, []),
            includeHidden: pick(c.includeHidden, c.includeHidden == true ? "--include-hidden" : "--no-include-hidden", config?.includeHidden, false),
            failOn: pick(c.failOn, "--fail-on", config?.failOn, FailPolicy.defaultSpelling),
            packs: pick(c.packOptions.packs.isEmpty ? nil : c.packOptions.packs, "--pack", config?.packs, []),
            rules: pick(c.packOptions.rules.isEmpty ? nil : c.packOptions.rules, "--rules", config?.rules, resolve: resolveAll, []),
            baseline: baseline, waivers: waivers, outputs: outputs, asOf: asOf,
            lang: {
                let chosen = pick(c.output.langOption, "--lang", config?.lang, .en)
                guard chosen.source == .defaultValue, let env = Language.fromLocale() else { return chosen }
                return Sourced(value: env.language, source: .environment(env.variable))
            }())
    }

    /// A located error about a setting that came from the config, or a plain one about a flag.
    func fail(_ source: SettingSource, _ message: String, help: String?, style: Style) -> ExitCode {
        if case .config(_, let line, let column) = source, let config {
            Environment.printError(DiagnosticRenderer.render([config.diagnostic(line: line, column: column, message, help: help)], style: style))
        } else {
            Environment.printError("error: \(message)" + (help.map { "\n  help: \($0)" } ?? "") + "\n")
        }
        return ExitCode.inputError
    }

    /// `--print-config`: every setting, its value and its source, one per line.
    func describe(today: Day) -> String {
        func list(_ l: [String], empty: String) -> String { l.isEmpty ? empty : l.map { DisplayText.escaped($0) }.joined(separator: ", ") }
        let rows: [(String, String, SettingSource)] = [
            ("paths", list(paths.value, empty: "(none: give a path or set 'paths')"), paths.source),
            ("exclude", list(excludes.value, empty: "(none)"), excludes.source),
            ("include-hidden", includeHidden.value ? "true" : "false", includeHidden.source),
            ("fail-on", failOn.value, failOn.source),
            ("packs", list(packs.value, empty: "(every loaded pack)"), packs.source),
            ("rules", list(rules.value, empty: "(shipped packs only)"), rules.source),
            ("baseline", baseline.value.map { DisplayText.escaped($0) } ?? "(none)", baseline.source),
            ("waivers", waivers.value.map { DisplayText.escaped($0) } ?? "(none)", waivers.source),
            ("output", list(outputs.value, empty: "(text to standard output)"), outputs.source),
            ("as-of", asOf.value?.description ?? "today (\(today))", asOf.source),
            ("lang", lang.value.rawValue, lang.source),
        ]
        var out = "config: \(DisplayText.escaped(configOrigin))\n"
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(2, w - s.count)) }
        let width = rows.map { $0.0.count }.max() ?? 0
        let valueWidth = min(48, rows.map { $0.1.count }.max() ?? 0)
        for (k, v, s) in rows {
            out += pad(k, width + 2) + pad(v, valueWidth + 2) + s.label + "\n"
        }
        return out
    }
}
