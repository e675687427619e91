import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// `govcheck packs`: what packs are loaded, where their rules come from, and their README.
struct Packs: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List packs, show a pack's provenance, or generate a pack's README.",
        subcommands: [List.self, Show.self, Readme.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the loaded packs.")
        @OptionGroup var packOptions: PackOptions

        func run() throws {
            let set = try Environment.loadPacks(packOptions)
            var out = ""
            for p in set.packs {
                let obligations = Set(p.resolved.flatMap { $0.obligations.map(\.id) }).count
                let rules = Set(p.resolved.flatMap { $0.tiers.flatMap { $0.rules.map(\.id) } }).count
                out += "\(p.id) \(p.version)  \(p.jurisdiction)  \(rules) tier rules, \(obligations) obligations  \(p.title.en)\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a pack's instruments, baselines, and the provenance of every rule.")
        @Argument(help: "The pack id.") var id: String
        @OptionGroup var packOptions: PackOptions

        func run() throws {
            let set = try Environment.loadPacks(packOptions)
            guard let pack = set.pack(id) else {
                throw ValidationError("no pack '\(id)'" + (Suggest.help(id, set.packs.map(\.id)).map { "; \($0)" } ?? ""))
            }
            FileHandle.standardOutput.write(Data(PackDocumenter.provenance(pack).utf8))
        }
    }

    struct Readme: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print (or --write) a pack's README, generated from the pack.")
        @Argument(help: "The pack id, or 'all' with --write.") var id: String
        @Flag(help: "Write README.md beside each pack.yaml instead of printing.") var write = false
        @OptionGroup var packOptions: PackOptions

        func run() throws {
            let set = try Environment.loadPacks(packOptions)
            let packs = id == "all" ? set.packs : set.packs.filter { $0.id == id }
            guard !packs.isEmpty else {
                throw ValidationError("no pack '\(id)'" + (Suggest.help(id, set.packs.map(\.id)).map { "; \($0)" } ?? ""))
            }
            for p in packs {
                let text = PackDocumenter.readme(p)
                if write {
                    let path = ((p.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("README.md")
                    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
                    FileHandle.standardOutput.write(Data("wrote \(path)\n".utf8))
                } else {
                    FileHandle.standardOutput.write(Data(text.utf8))
                }
            }
        }
    }
}

