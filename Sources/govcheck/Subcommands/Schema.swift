import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// `govcheck schema`: JSON Schemas for editors and pipelines.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a JSON Schema (draft 2020-12): for descriptors, generated from the loaded vocabularies, or for the JSON report.",
        discussion: """
            Point an editor at the descriptor schema with a first line such as
              # yaml-language-server: $schema=./descriptor.schema.json
            after 'govcheck schema > descriptor.schema.json'. Unknown fields, warnings for 'check', are violations of the schema.
            """)

    @Argument(help: "descriptor (default) or report.")
    var which: SchemaKind = .descriptor

    @OptionGroup var packOptions: PackOptions

    func run() throws {
        switch which {
        case .descriptor:
            let set = try Environment.loadPacks(packOptions)
            let packs = packOptions.packs.isEmpty ? set.packs : set.packs.filter { packOptions.packs.contains($0.id) }
            let v = packOptions.packs.isEmpty ? set.vocabulary : Vocabulary.union(packs.map(\.vocabulary))
            Environment.write(DescriptorSchema.render(v))
        case .report:
            Environment.write(ReportSchema.render())
        }
    }
}

enum SchemaKind: String, ExpressibleByArgument, CaseIterable {
    case descriptor, report
}
