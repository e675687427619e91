import Foundation
import GovCheckEngine

/// SARIF 2.1.0 for code-scanning dashboards: one rule per pack rule (so rule metadata and
/// citations reach the dashboard), one result per missing, undetermined or upcoming obligation,
/// per tier (now or later) that gates, is under review or of high severity, and per input error.
public enum SARIFReporter {
    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable {
        let tool: Tool
        let results: [Result]
        let columnKind = "unicodeCodePoints"
    }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable {
        let name = "govcheck"
        let semanticVersion: String
        let informationUri = "https://github.com/govcheck/govcheck"
        let rules: [Rule]
    }
    struct Rule: Encodable, Hashable {
        let id: String
        let name: String
        let shortDescription: Message
        let helpUri: String?
        let properties: [String: String]
    }
    struct Message: Encodable, Hashable { let text: String }
    struct Result: Encodable {
        let ruleId: String
        let level: String
        let message: Message
        let locations: [Location]
        let properties: [String: String]
    }
    struct Location: Encodable { let physicalLocation: Physical }
    struct Physical: Encodable {
        let artifactLocation: Artifact
        let region: Region
    }
    struct Artifact: Encodable { let uri: String }
    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
    }

    static func location(_ file: String, _ line: Int, _ column: Int) -> [Location] {
        // SARIF requires lines and columns of at least 1.
        [Location(physicalLocation: Physical(artifactLocation: Artifact(uri: file),
                                             region: Region(startLine: max(1, line), startColumn: max(1, column))))]
    }

    /// Lint findings (or any diagnostics) as SARIF, one rule per diagnostic code.
    public static func render(diagnostics: [Diagnostic], toolVersion: String) -> String {
        var rules: [String: Rule] = [:]
        var results: [Result] = []
        for d in diagnostics {
            rules[d.code] = Rule(id: d.code, name: d.code, shortDescription: Message(text: d.code), helpUri: nil, properties: [:])
            let level = d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "note")
            results.append(Result(ruleId: d.code, level: level, message: Message(text: d.message + (d.help.map { " (help: \($0))" } ?? "")),
                                  locations: location(d.path, d.line, d.column), properties: [:]))
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(semanticVersion: toolVersion, rules: rules.keys.sorted().map { rules[$0]! })),
                                 results: results)])
        return JSONReporter.encode(log)
    }

    /// The check report as SARIF, for callers that hold every result.
    public static func render(_ report: CheckReport, policy: FailPolicy, toolVersion: String) -> String {
        let o = ReportOutput()
        let sink = SARIFSink(output: o, toolVersion: toolVersion)
        sink.begin(RunInfo(asOf: report.asOf, packs: report.packs, policy: policy))
        for r in report.results { sink.result(r) }
        for e in report.errors { sink.error(e) }
        sink.end(report.summary)
        o.close()
        return o.text
    }

    /// A descriptor's findings as SARIF results; a result is `error` exactly when its finding gates
    /// under the policy (the run's exit code); other findings are `warning` (missing duties, tiers
    /// under review or of high severity) or `note` (undetermined and upcoming duties, later tiers).
    static func results(_ r: DescriptorResult, _ run: RunInfo, rules: inout [String: Rule]) -> [Result] {
        let policy = run.policy
        var results: [Result] = []
        for e in r.evaluations {
            let pack = run.pack(e.pack)
            let tierGates = policy.tierFails(e)
            if tierGates || e.tier.status == .needsReview || (e.tier.status == .decided && e.tier.severity >= .high) {
                let id = "\(e.pack)/tier/\(e.tier.label)"
                rules[id] = Rule(id: id, name: "tier \(e.tier.label)", shortDescription: Message(text: e.tier.title?.en ?? "Tier needs review"),
                                 helpUri: nil, properties: ["pack": e.pack])
                let why = e.tier.status == .needsReview
                    ? "\(r.name): \(e.pack) tier needs review (could be \(e.tier.possible.joined(separator: " or "))); state \(e.tier.decidingFacts.joined(separator: ", "))"
                    : "\(r.name): \(e.pack) tier \(e.tier.label) because " + e.tier.reasons.map { "\($0.rule) (\($0.citation.text.en) \($0.citation.identifier))" }.joined(separator: "; ")
                results.append(Result(ruleId: id, level: tierGates ? "error" : "warning",
                                      message: Message(text: why), locations: location(r.file, r.line, r.column),
                                      properties: ["descriptor": r.name]))
            }
            for c in e.timeline {
                let gates = policy.changeFails(c, in: e)
                guard gates || c.decision.status == .needsReview || c.decision.severity >= .high else { continue }
                let id = "\(e.pack)/tier/\(c.decision.label)"
                rules[id] = Rule(id: id, name: "tier \(c.decision.label)",
                                 shortDescription: Message(text: c.decision.title?.en ?? "Tier needs review"),
                                 helpUri: nil, properties: ["pack": e.pack])
                let why = "\(r.name): \(e.pack) tier \(c.decision.label) from \(c.from)"
                    + (c.decision.reasons.isEmpty ? "" : " because " + c.decision.reasons.map { "\($0.rule) (\($0.citation.text.en))" }.joined(separator: "; "))
                results.append(Result(ruleId: id, level: gates ? "error" : "note", message: Message(text: why),
                                      locations: location(r.file, r.line, r.column),
                                      properties: ["descriptor": r.name, "from": c.from.description]))
            }
            for o in e.obligations where o.status == .missing || o.status == .undetermined || o.status == .upcoming {
                let id = "\(e.pack)/\(o.id)"
                rules[id] = Rule(id: id, name: o.id, shortDescription: Message(text: o.title.en),
                                 helpUri: pack?.instrument(o.citation.instrument)?.url,
                                 properties: ["citation": "\(o.citation.text.en) \(o.citation.identifier)", "severity": o.severity.rawValue,
                                              "appliesFrom": o.appliesFrom.description, "legalStatus": o.citation.status.rawValue])
                let cite = "(\(o.citation.text.en) \(o.citation.identifier))"
                let text: String
                switch o.status {
                case .missing: text = "\(r.name): missing \(o.title.en) \(cite). \(o.remediation?.en ?? "")"
                case .upcoming: text = "\(r.name): upcoming from \(o.appliesFrom)\(o.tierAtStart.map { " with tier \($0)" } ?? ""): \(o.title.en) \(cite)"
                default: text = "\(r.name): undetermined \(o.title.en) (\(o.citation.text.en)); state \(o.decidingFacts.joined(separator: ", "))"
                }
                let level = policy.obligationFails(o, in: e) ? "error" : (o.status == .missing ? "warning" : "note")
                results.append(Result(ruleId: id, level: level, message: Message(text: text),
                                      locations: location(r.file, o.line, o.column),
                                      properties: ["descriptor": r.name, "status": o.status.rawValue]))
            }
        }
        return results
    }

    static func results(_ e: InputError, rules: inout [String: Rule]) -> [Result] {
        e.diagnostics.map { d in
            rules[d.code] = Rule(id: d.code, name: d.code, shortDescription: Message(text: "input error \(d.code)"), helpUri: nil, properties: [:])
            return Result(ruleId: d.code, level: d.severity == .error ? "error" : "warning",
                          message: Message(text: d.message + (d.help.map { " (\($0))" } ?? "")),
                          locations: location(d.file, d.line, d.column), properties: [:])
        }
    }
}

/// SARIF written while the fleet is checked: results as they come, the rule catalog at the end.
public final class SARIFSink: ReportSink {
    let out: ReportOutput
    let toolVersion: String
    var run: RunInfo?
    var rules: [String: SARIFReporter.Rule] = [:]
    var wrote = false
    let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public init(output: ReportOutput, toolVersion: String) {
        self.out = output
        self.toolVersion = toolVersion
    }

    public func begin(_ run: RunInfo) {
        self.run = run
        out.write("{\n  \"$schema\" : \"https://json.schemastore.org/sarif-2.1.0.json\",\n  \"runs\" : [\n    {\n      \"columnKind\" : \"unicodeCodePoints\",\n      \"results\" : [")
    }

    func emit(_ results: [SARIFReporter.Result]) {
        for r in results {
            guard let data = try? encoder.encode(r) else { continue }
            out.write((wrote ? ",\n        " : "\n        ") + String(decoding: data, as: UTF8.self))
            wrote = true
        }
    }

    public func result(_ r: DescriptorResult) {
        guard let run else { return }
        emit(SARIFReporter.results(r, run, rules: &rules))
    }

    public func error(_ e: InputError) { emit(SARIFReporter.results(e, rules: &rules)) }

    public func end(_ summary: RunSummary) {
        let driver = SARIFReporter.Driver(semanticVersion: toolVersion, rules: rules.keys.sorted().map { rules[$0]! })
        let tool = (try? encoder.encode(SARIFReporter.Tool(driver: driver))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        out.write((wrote ? "\n      ],\n" : "],\n") + "      \"tool\" : " + tool + "\n    }\n  ],\n  \"version\" : \"2.1.0\"\n}\n")
    }
}
