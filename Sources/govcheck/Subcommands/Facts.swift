import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// `govcheck facts`: every fact a descriptor can state, with its question and the rules that read it.
struct Facts: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the facts a descriptor can state: path, type, allowed values, description, question and the rules that read it.")

    @OptionGroup var packOptions: PackOptions

    @Option(help: "Output format: text, json, markdown.")
    var format: FactsFormat = .text

    @Option(name: .customLong("lang"), help: "Language of descriptions and questions: en or zh (default: from LC_ALL, LC_MESSAGES or LANG).")
    var langOption: Language?

    var lang: Language { langOption ?? Language.fromLocale()?.language ?? .en }

    func run() throws {
        let set = try Environment.loadPacks(packOptions)
        let book = Environment.loadQuestions(packOptions, vocabulary: set.vocabulary)
        let packs = packOptions.packs.isEmpty ? set.packs : set.packs.filter { packOptions.packs.contains($0.id) }
        var facts: [String: FactDeclaration] = [:]
        for p in packs { for (k, v) in p.vocabulary.facts { facts[k] = v } }
        let entries = FactCatalog.entries(Array(facts.values), packs: packs, book: book)
        Environment.write(FactCatalog.render(entries, format: FactCatalog.Format(rawValue: format.rawValue)!, language: lang))
    }
}

enum FactsFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}
