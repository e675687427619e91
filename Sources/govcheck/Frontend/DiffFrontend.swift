import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters
import ShippedRules
import YAMLTree

/// Orchestrates `diff`: resolve both sides, run the fleet on each, compare, print.
struct DiffFrontend {
    let command: Diff

    /// One side as the user wrote it.
    enum Spec {
        case date(Day)
        case rules(String)
        case text(String)
    }

    func run() throws {
        let base = try Environment.loadPacks(command.packOptions, color: command.output.color)
        try Environment.checkBaseline(command.baseline, in: base)
        let asOf = command.asOf?.day ?? Environment.today()
        let fromSpec = try parse(command.from, option: "--from", base)
        let toSpec = try parse(command.to, option: "--to", base)
        // Standard input is read once and given to both runs.
        let stdinBytes: [UInt8] = command.paths.contains("-") ? YAMLReader.standardInputBytes() : []
        let a = try side(fromSpec, spelled: command.from, option: "--from", base: base, asOf: asOf, stdin: stdinBytes)
        let b = try side(toSpec, spelled: command.to, option: "--to", base: base, asOf: asOf, stdin: stdinBytes)
        let diff = FleetDiff.compare(a.report, b.report)
        let text: String
        switch command.format {
        case .text: text = DiffReporter.text(diff, from: a.info, to: b.info, language: command.output.lang)
        case .json: text = DiffReporter.json(diff, from: a.info, to: b.info, toolVersion: GovCheck.version)
        case .markdown: text = DiffReporter.markdown(diff, from: a.info, to: b.info, language: command.output.lang)
        }
        if let path = command.outputFile {
            try Environment.writeReport(text, to: path, what: "diff")
        } else {
            Environment.write(text)
        }
        if diff.inputErrors > 0 { throw ExitCode.inputError }
        if diff.hasChanges { throw ExitCode.findings }
    }

    /// The pack files of a folder side: the shipped packs, replaced by `--rules` packs of the same
    /// id, replaced in turn by the folder's packs of the same id.
    func layered(_ dir: String) throws -> [String] {
        func files(_ roots: [String]) -> [(path: String, id: String?)] {
            PackLoader.discover(roots).files.map { f in
                let id = (try? YAMLReader.read(path: f))?.first?.root["id"]?.scalar?.text
                return (f, id)
            }
        }
        var layers: [[(path: String, id: String?)]] = []
        if !command.packOptions.noShippedRules, let shipped = ShippedRules.directory() { layers.append(files([shipped.path])) }
        if !command.packOptions.rules.isEmpty { layers.append(files(command.packOptions.rules)) }
        guard FileManager.default.fileExists(atPath: dir) else { return [dir] }
        let top = files([dir])
        if top.isEmpty { return [dir] }  // the loader reports a folder without packs
        layers.append(top)
        var chosen: [(path: String, id: String?)] = []
        for layer in layers {
            let ids = Set(layer.compactMap(\.id))
            chosen.removeAll { $0.id.map(ids.contains) ?? false }
            chosen += layer
        }
        return chosen.map(\.path)
    }

    /// A date, then an existing folder or file, then a text id of the loaded packs.
    func parse(_ s: String, option: String, _ set: PackSet) throws -> Spec {
        if let d = Day(s) { return .date(d) }
        if let problem = Day.problem(s) { throw ValidationError("\(option) \(s): not a date: \(problem)") }
        let texts = Set(set.packs.flatMap { $0.baselines.map(\.id) }).sorted()
        let exists = FileManager.default.fileExists(atPath: s)
        if exists && texts.contains(s) {
            throw ValidationError("\(option) \(s) is both a folder and a text of the law; write ./\(s) for the folder")
        }
        if exists { return .rules(s) }
        if texts.contains(s) { return .text(s) }
        throw ValidationError("\(option) \(s) is not a date (YYYY-MM-DD), an existing rules folder, or a text of the law"
                              + (Suggest.help(s, texts).map { "; \($0)" } ?? "") + "; texts: \(texts.joined(separator: ", "))")
    }

    func side(_ spec: Spec, spelled: String, option: String, base: PackSet, asOf: Day, stdin: [UInt8]) throws -> (report: CheckReport, info: DiffSide) {
        var set = base
        var options = CheckOptions(asOf: asOf, baseline: command.baseline, packs: command.packOptions.packs)
        let kind: DiffSide.Kind
        switch spec {
        case .date(let d):
            options.asOf = d
            kind = .date
        case .rules(let dir):
            do {
                set = try Environment.accept(PackLoader.load(shipped: [], extra: layered(dir)), command.packOptions, color: command.output.color)
            } catch {
                Environment.printError("error: the packs of \(option) \(dir) did not load\n")
                throw error
            }
            kind = .rules
        case .text(let id):
            options.baseline = id
            kind = .text
        }
        let report = Checker.run(paths: command.paths, packSet: set, options: options, stdin: { stdin })
        let packs = report.packs.map { p in
            DiffSide.Pack(id: p.id, version: p.version, text: p.rules(asOf: options.asOf, baseline: options.baseline).baseline?.id, path: p.path)
        }
        return (report, DiffSide(option: option, spelled: spelled, kind: kind, asOf: options.asOf, baseline: options.baseline, packs: packs))
    }
}
