import Foundation
import GovCheckEngine

/// The machine report: a versioned schema (`schemaVersion`), sorted keys, stable order.
public enum JSONReporter {
    /// Bumped on any incompatible change to the JSON layout (documented in docs/json-report.md).
    public static let schemaVersion = 1

    struct Document: Encodable {
        let schemaVersion: Int
        let tool: Tool
        let asOf: Day
        let packs: [PackInfo]
        let results: [DescriptorResult]
        let errors: [InputError]
        let summary: Summary
    }

    struct Tool: Encodable {
        let name: String
        let version: String
    }

    struct PackInfo: Encodable {
        let id: String
        let version: String
        let jurisdiction: String
        let title: LocalizedText
        let baselines: [String]
    }

    struct Summary: Encodable {
        let descriptors: Int
        let inputErrors: Int
        let failOn: [String]
        let failing: Int
        let obligations: [String: Int]
        let tiers: [String: [String: Int]]
    }

    public static func render(_ report: CheckReport, policy: FailPolicy, toolVersion: String) -> String {
        let evals = report.results.flatMap(\.evaluations)
        var statuses: [String: Int] = [:]
        for o in evals.flatMap(\.obligations) { statuses[o.status.rawValue, default: 0] += 1 }
        var tiers: [String: [String: Int]] = [:]
        for e in evals { tiers[e.pack, default: [:]][e.tier.label, default: 0] += 1 }
        let failing = policy.failingDescriptors(report)
        let doc = Document(
            schemaVersion: schemaVersion, tool: Tool(name: "govcheck", version: toolVersion), asOf: report.asOf,
            packs: report.packs.map { PackInfo(id: $0.id, version: $0.version, jurisdiction: $0.jurisdiction, title: $0.title,
                                                baselines: $0.baselines.map(\.id)) },
            results: report.results, errors: report.errors,
            summary: Summary(descriptors: report.results.count, inputErrors: report.errors.count, failOn: policy.spelled,
                             failing: failing, obligations: statuses, tiers: tiers))
        return encode(doc)
    }

    /// Encodes with sorted keys and no escaped slashes, so output is byte-identical across runs.
    public static func encode<T: Encodable>(_ value: T) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? e.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
