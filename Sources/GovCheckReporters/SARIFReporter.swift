import Foundation
import GovCheckEngine

/// SARIF 2.1.0 for code-scanning dashboards (validated against the OASIS schema in the tests).
/// One rule per pack rule, with its citation, rationale or remediation and the evidence to record,
/// so the dashboard explains each alert; one result per finding (`FindingBuilder`), placed at the
/// descriptor field that decided it, with a stable fingerprint; waived findings carry an external
/// suppression; the invocation states the exit code.
public enum SARIFReporter {
    static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    static let informationURI = "https://github.com/govcheck/govcheck"
    /// The base that relative artifact URIs are resolved against (the folder govcheck ran in).
    static let sourceRoot = "%SRCROOT%"
    /// The key of govcheck's fingerprint in `partialFingerprints` (the value is `Fingerprint.of`).
    static let fingerprintKey = "govcheck/v1"

    struct Log: Encodable {
        let schema = SARIFReporter.schemaURI
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable {
        let tool: Tool
        let invocations: [Invocation]
        let originalUriBaseIds: [String: BaseID]
        let results: [Result]
        let columnKind = "unicodeCodePoints"
    }
    struct BaseID: Encodable {
        let uri: String
        let description: Message
    }
    struct Invocation: Encodable {
        let executionSuccessful: Bool
        let exitCode: Int
    }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable {
        let name = "govcheck"
        let version: String
        let semanticVersion: String
        let informationUri = SARIFReporter.informationURI
        let rules: [Rule]
    }
    struct Rule: Encodable {
        let id: String
        let name: String
        let shortDescription: Message
        let fullDescription: Message
        let help: Help
        let helpUri: String?
        let defaultConfiguration: Configuration
        let properties: Properties
    }
    struct Help: Encodable {
        let text: String
        let markdown: String
    }
    struct Configuration: Encodable { let level: String }
    struct Properties: Encodable {
        var tags: [String]
        var fields: [String: String]
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            if !tags.isEmpty { try c.encode(tags, forKey: Key("tags")) }
            for (k, v) in fields { try c.encode(v, forKey: Key(k)) }
        }
        struct Key: CodingKey {
            let stringValue: String
            init(_ s: String) { stringValue = s }
            init?(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
    }
    struct Message: Encodable { let text: String }
    struct Result: Encodable {
        let ruleId: String
        let level: String
        let message: Message
        let locations: [Location]
        let relatedLocations: [Location]?
        let partialFingerprints: [String: String]
        let suppressions: [Suppression]?
        let properties: Properties
    }
    struct Suppression: Encodable {
        let kind = "external"
        let status = "accepted"
        let justification: String
        let location: Location
        let properties: Properties
    }
    struct Location: Encodable {
        let id: Int?
        let physicalLocation: Physical
        let message: Message?
    }
    struct Physical: Encodable {
        let artifactLocation: Artifact
        let region: Region
    }
    struct Artifact: Encodable {
        let uri: String
        let uriBaseId: String?
    }
    struct Region: Encodable {
        let startLine: Int
        let startColumn: Int
    }

    // MARK: URIs

    /// Percent-encodes a path for a URI: everything but unreserved characters, `/` and the
    /// sub-delimiters a path may hold is encoded (spaces, `%`, `#`, `?`, `:`, non-ASCII as UTF-8).
    static func encodePath(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80 && (c.isLetter || c.isNumber || "-._~/!$&'()*+,;=@".contains(c)) {
                out.append(c)
            } else {
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    /// The artifact of a file as the report names it: paths in or below the working folder
    /// relative to `%SRCROOT%`, others as `file://` URIs.
    static func artifact(_ file: String) -> Artifact {
        let path = ReportPath.relative(file)
        if path.hasPrefix("/") { return Artifact(uri: "file://" + encodePath(path), uriBaseId: nil) }
        return Artifact(uri: encodePath(path), uriBaseId: sourceRoot)
    }

    /// `%SRCROOT%`: the folder govcheck ran in, which relative paths are relative to.
    static func baseIDs(_ language: Language = .en) -> [String: BaseID] {
        var cwd = FileManager.default.currentDirectoryPath
        if !cwd.hasSuffix("/") { cwd += "/" }
        let text = ReportLabels(language)(en: "The folder govcheck ran in; relative descriptor paths are relative to it.",
                                          zh: "govcheck 运行时所在的文件夹；描述文件的相对路径以它为基准。")
        return [sourceRoot: BaseID(uri: "file://" + encodePath(cwd), description: Message(text: text))]
    }

    static func location(_ file: String, _ line: Int, _ column: Int, id: Int? = nil, message: String? = nil) -> Location {
        // SARIF requires lines and columns of at least 1.
        Location(id: id, physicalLocation: Physical(artifactLocation: artifact(file),
                                                    region: Region(startLine: max(1, line), startColumn: max(1, column))),
                 message: message.map(Message.init))
    }

    /// A helpUri only when the pack's URL is an absolute http(s) URI (the schema checks the format).
    static func helpURI(_ url: String?) -> String? {
        guard let url, url.allSatisfy({ $0.isASCII && !$0.isWhitespace }), let c = URLComponents(string: url),
              let scheme = c.scheme?.lowercased(), scheme == "https" || scheme == "http", c.host?.isEmpty == false else { return nil }
        return url
    }

    // MARK: Lint

    /// Lint findings (or any diagnostics) as SARIF, one rule per diagnostic code.
    public static func render(diagnostics: [Diagnostic], toolVersion: String, exitCode: Int = 0, language: Language = .en) -> String {
        var rules: [String: Rule] = [:]
        var results: [Result] = []
        let l = ReportLabels(language)
        for d in diagnostics {
            let level = d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "note")
            if rules[d.code] == nil { rules[d.code] = diagnosticRule(d.code, level: level, language: language) }
            let r = DiagnosticRecord(d)
            let text = r.message(language) + (r.help(language).map { l(en: " (help: \($0))", zh: "（帮助：\($0)）") } ?? "")
            results.append(Result(ruleId: d.code, level: level, message: Message(text: text),
                                  locations: [location(d.path, d.line, d.column)], relatedLocations: nil,
                                  partialFingerprints: [fingerprintKey: Fingerprint.of(descriptor: d.path, pack: "", rule: d.code + "\u{1F}" + d.message)],
                                  suppressions: nil, properties: Properties(tags: [], fields: [:])))
        }
        let log = Log(runs: [Run(tool: Tool(driver: Driver(version: toolVersion, semanticVersion: toolVersion,
                                                           rules: rules.keys.sorted().map { rules[$0]! })),
                                 invocations: [Invocation(executionSuccessful: exitCode != 2, exitCode: exitCode)],
                                 originalUriBaseIds: baseIDs(language), results: results)])
        return JSONReporter.encode(log)
    }

    static func diagnosticRule(_ code: String, level: String, language: Language = .en) -> Rule {
        let l = ReportLabels(language)
        let about = code.hasPrefix("waivers.") ? l(en: "A problem with the waivers file", zh: "豁免文件的问题")
            : code.hasPrefix("lint.") ? l(en: "A rule-pack lint finding", zh: "规则包检查（lint）的发现") : l(en: "A problem with the input file", zh: "输入文件的问题")
        let rest = l(en: " The message says what is wrong and how to fix it.", zh: "消息说明了问题所在及修正方法。")
        let text = about + l(en: " (\(code)).", zh: "（\(code)）。") + rest
        return Rule(id: code, name: code, shortDescription: Message(text: about + l(en: ": ", zh: "：") + code), fullDescription: Message(text: text),
                    help: Help(text: text, markdown: about + l(en: " (`\(code)`).", zh: "（`\(code)`）。") + rest),
                    helpUri: nil, defaultConfiguration: Configuration(level: level), properties: Properties(tags: ["govcheck"], fields: [:]))
    }

    // MARK: Check

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

    static func result(_ f: Finding) -> Result {
        var fields = ["descriptor": f.descriptor, "status": f.status]
        if let s = f.severity { fields["severity"] = s.rawValue }
        if let w = f.waiver, w.expired { fields["waiverExpired"] = "\(w.id), \(w.expires)" }
        let related = f.related.enumerated().map { i, r in location(f.file, r.line, r.column, id: i + 1, message: r.text) }
        var suppressions: [Suppression]?
        if let w = f.waiver, !w.expired {
            suppressions = [Suppression(justification: w.justification, location: location(w.file, w.line, w.column),
                                        properties: Properties(tags: [], fields: ["waiver": w.id, "approvedBy": w.approvedBy,
                                                                                  "ticket": w.ticket, "expires": w.expires.description]))]
        }
        return Result(ruleId: f.ruleID, level: f.level.rawValue, message: Message(text: f.message),
                      locations: [location(f.file, f.line, f.column)], relatedLocations: related.isEmpty ? nil : related,
                      partialFingerprints: [fingerprintKey: f.fingerprint], suppressions: suppressions,
                      properties: Properties(tags: [], fields: fields))
    }
}

/// The rule catalog of a check run: each rule described once, from the pack, when a result first uses it.
struct SARIFRuleCatalog {
    let run: RunInfo
    let language: Language
    var rules: [String: SARIFReporter.Rule] = [:]

    typealias Rule = SARIFReporter.Rule
    typealias Help = SARIFReporter.Help
    typealias Message = SARIFReporter.Message

    func t(_ text: LocalizedText) -> String { text.text(language) }
    var l: ReportLabels { ReportLabels(language) }

    mutating func add(_ f: Finding, _ e: PackEvaluation?) {
        guard rules[f.ruleID] == nil else { return }
        switch f.kind {
        case .diagnostic: rules[f.ruleID] = SARIFReporter.diagnosticRule(f.ruleID, level: f.level.rawValue, language: language)
        case .obligation: rules[f.ruleID] = obligationRule(f, e)
        case .tier, .timeline: rules[f.ruleID] = tierRule(f, e)
        }
    }

    func citation(_ c: Citation, _ p: RulePack) -> (text: String, ref: CitationRef, instrument: Instrument?) {
        let ref = CitationFormatter.reference(c, in: p)
        let text = ref.label.text(language)
        return (text, ref, p.instrument(c.instrument))
    }

    /// `Art. 4 Regulation (EU) 2024/1689`, linked to the instrument when the pack gives its URL.
    func markdownCitation(_ text: String, _ instrument: Instrument?) -> String {
        let escaped = Markdown.text(text)
        guard let url = SARIFReporter.helpURI(instrument?.url) else { return escaped }
        return "[\(escaped)](\(url))"
    }

    func obligationRule(_ f: Finding, _ e: PackEvaluation?) -> Rule {
        let id = String(f.ruleID.dropFirst((f.pack ?? "").count + 1))
        guard let e, let pack = run.pack(e.pack),
              let o = pack.rules(asOf: e.asOf, baseline: e.baseline).obligations.first(where: { $0.id == id })
                ?? pack.current.obligations.first(where: { $0.id == id }) else {
            return fallbackRule(f)
        }
        let c = citation(o.citation, pack)
        let legal = c.ref.status.rawValue
        let legalWords = l.legalStatus(c.ref.status)
        let evidence = (o.satisfiedWhen?.predicates ?? []).map(\.path).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let named = evidence.map { p -> (String, String) in (pack.vocabulary[p].map { FindingBuilder.plain(t($0.description)) } ?? p, p) }
        let binds = o.binds.isEmpty ? l(en: "anyone the pack's scope reaches", zh: "本规则包适用范围内的任何主体") : o.binds.joined(separator: ", ")
        let instrumentTitle = c.instrument.map { t($0.title) } ?? c.ref.identifier
        let routes = o.startRoutes.isEmpty ? "" : l(en: " (the earliest of its dated routes)", zh: "（取其各条有日期的路径中最早者）")
        var text: String, md: String
        if language == .zh {
            text = "\(t(o.title))。\n法律依据：\(c.text) — \(instrumentTitle)（\(legalWords)）。\n约束对象：\(binds)。适用自：\(o.appliesFrom)"
                + routes + "。\n应采取的措施：\(t(o.remediation))"
            md = "**\(Markdown.text(t(o.title)))**\n\n- 法律依据：\(markdownCitation(c.text, c.instrument)) — \(Markdown.text(instrumentTitle))（\(legalWords)）\n"
                + "- 约束对象：\(Markdown.text(binds))\n- 适用自：\(o.appliesFrom)\(routes)\n\n**应采取的措施：** \(Markdown.text(t(o.remediation)))\n"
        } else {
            text = "\(t(o.title)).\nCitation: \(c.text) — \(instrumentTitle) (\(legal)).\nBinds: \(binds). Applies from: \(o.appliesFrom)"
                + routes + ".\nWhat to do: \(t(o.remediation))"
            md = "**\(Markdown.text(t(o.title)))**\n\n- Citation: \(markdownCitation(c.text, c.instrument)) — \(Markdown.text(instrumentTitle)) (\(legal))\n"
                + "- Binds: \(Markdown.text(binds))\n- Applies from: \(o.appliesFrom)\n\n**What to do:** \(Markdown.text(t(o.remediation)))\n"
        }
        if !named.isEmpty {
            text += l(en: "\nEvidence to record:", zh: "\n需记录的证据：") + named.map { "\n- \($0.0)" + l(en: " (\($0.1))", zh: "（\($0.1)）") }.joined()
            md += l(en: "\n**Evidence to record** (in the descriptor):\n\n", zh: "\n**需记录的证据**（写在描述文件中）：\n\n")
                + named.map { "- \(Markdown.text($0.0))" + l(en: " (`\($0.1)`)\n", zh: "（`\($0.1)`）\n") }.joined()
        }
        if !c.ref.status.isBinding {
            text += l(en: "\nNote: this duty rests on \(legal), not binding law.", zh: "\n注意：该义务依据的是\(legalWords)，并非有约束力的法律。")
            md += l(en: "\n_This duty rests on \(legal), not binding law._\n", zh: "\n_该义务依据的是\(legalWords)，并非有约束力的法律。_\n")
        }
        let level = run.policy.terms.contains { if case .missing(let s) = $0 { return o.severity >= s }; return false } ? "error" : "warning"
        return Rule(id: f.ruleID, name: id, shortDescription: Message(text: t(o.title)),
                    fullDescription: Message(text: t(o.title) + l(en: " (\(c.text)). ", zh: "（\(c.text)）。") + t(o.remediation)),
                    help: Help(text: text, markdown: md), helpUri: SARIFReporter.helpURI(c.instrument?.url),
                    defaultConfiguration: .init(level: level),
                    properties: .init(tags: ["govcheck", pack.jurisdiction, pack.id],
                                      fields: ["citation": c.text, "legalStatus": legal, "instrument": instrumentTitle,
                                               "severity": o.severity.rawValue, "appliesFrom": o.appliesFrom.description, "pack": pack.id]))
    }

    func tierRule(_ f: Finding, _ e: PackEvaluation?) -> Rule {
        let label = f.status
        guard let e, let pack = run.pack(e.pack) else { return fallbackRule(f) }
        if label == "needs-review" || label == "unclassified" {
            let text = label == "needs-review"
                ? l(en: "A higher tier of \(pack.id) hinges on facts the descriptor does not state. Unknown is not false: state the deciding facts the result lists, and the tier is decided.",
                    zh: "\(pack.id) 的更高等级取决于描述文件未说明的事实。未知不等于否：说明结果所列的决定性事实，等级即可确定。")
                : l(en: "No tier of \(pack.id) holds for the descriptor.", zh: "对该描述文件，\(pack.id) 没有适用的等级。")
            return Rule(id: f.ruleID, name: "tier \(label)", shortDescription: Message(text: l(en: "\(pack.id): tier \(label)", zh: "\(pack.id)：等级 \(label)")),
                        fullDescription: Message(text: text), help: Help(text: text, markdown: Markdown.text(text)), helpUri: nil,
                        defaultConfiguration: .init(level: f.level.rawValue),
                        properties: .init(tags: ["govcheck", pack.jurisdiction, pack.id], fields: ["pack": pack.id]))
        }
        let rules = pack.rules(asOf: e.asOf, baseline: e.baseline)
        guard let tier = rules.tiers.first(where: { $0.id == label }) ?? pack.current.tiers.first(where: { $0.id == label }) else {
            return fallbackRule(f)
        }
        let severity = l.severity(tier.severity)
        var text = t(tier.title) + l(en: " (\(pack.id), severity \(severity)). It holds when one of these rules does:",
                                     zh: "（\(pack.id)，严重程度 \(severity)）。满足以下任一规则即成立：")
        var md = "**\(Markdown.text(t(tier.title)))**" + l(en: " (`\(pack.id)`, severity \(severity)). It holds when one of these rules does:\n\n",
                                                           zh: "（`\(pack.id)`，严重程度 \(severity)）。满足以下任一规则即成立：\n\n")
        var firstInstrument: Instrument?
        var cites: [String] = []
        var statuses = Set<String>()
        for rule in tier.rules {
            let c = citation(rule.citation, pack)
            firstInstrument = firstInstrument ?? c.instrument
            cites.append(c.text)
            statuses.insert(c.ref.status.rawValue)
            text += "\n- \(rule.id)" + l(en: " (\(c.text), from \(rule.appliesFrom)): ", zh: "（\(c.text)，自 \(rule.appliesFrom) 起）：") + t(rule.rationale)
            md += "- `\(rule.id)`" + l(en: " (\(markdownCitation(c.text, c.instrument)), from \(rule.appliesFrom)): ",
                                       zh: "（\(markdownCitation(c.text, c.instrument))，自 \(rule.appliesFrom) 起）：") + Markdown.text(t(rule.rationale)) + "\n"
        }
        let closing = l(en: "The result names the rules that held and the descriptor fields that made them hold.",
                        zh: "结果列出成立的规则，以及使其成立的描述文件字段。")
        text += "\n" + closing
        md += "\n" + closing + "\n"
        return Rule(id: f.ruleID, name: "tier \(label)", shortDescription: Message(text: pack.id + l(en: ": ", zh: "：") + t(tier.title)),
                    fullDescription: Message(text: "\(t(tier.title)) — " + cites.prefix(8).joined(separator: l(en: "; ", zh: "；"))
                                             + (cites.count > 8 ? l(en: "; …", zh: "；…") : "")),
                    help: Help(text: text, markdown: md), helpUri: SARIFReporter.helpURI(firstInstrument?.url),
                    defaultConfiguration: .init(level: f.level.rawValue),
                    properties: .init(tags: ["govcheck", pack.jurisdiction, pack.id],
                                      fields: ["citation": cites.prefix(8).joined(separator: "; "), "legalStatus": statuses.sorted().joined(separator: ", "),
                                               "severity": tier.severity.rawValue, "pack": pack.id]))
    }

    func fallbackRule(_ f: Finding) -> Rule {
        Rule(id: f.ruleID, name: f.ruleID, shortDescription: Message(text: f.title), fullDescription: Message(text: f.title),
             help: Help(text: f.title, markdown: Markdown.text(f.title)), helpUri: nil,
             defaultConfiguration: .init(level: f.level.rawValue), properties: .init(tags: ["govcheck"], fields: [:]))
    }
}

/// SARIF written while the fleet is checked: results as they come, then the rule catalog and the
/// invocation (with the exit code) at the end.
public final class SARIFSink: ReportSink {
    let out: ReportOutput
    let toolVersion: String
    let language: Language
    var run: RunInfo?
    var catalog: SARIFRuleCatalog?
    var wrote = false
    let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    public init(output: ReportOutput, toolVersion: String, language: Language = .en) {
        self.out = output
        self.toolVersion = toolVersion
        self.language = language
    }

    func encoded<T: Encodable>(_ v: T) -> String {
        (try? encoder.encode(v)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public func begin(_ run: RunInfo) {
        self.run = run
        catalog = SARIFRuleCatalog(run: run, language: language)
        out.write("{\n  \"$schema\" : \"\(SARIFReporter.schemaURI)\",\n  \"runs\" : [\n    {\n      \"columnKind\" : \"unicodeCodePoints\",\n"
                  + "      \"originalUriBaseIds\" : " + encoded(SARIFReporter.baseIDs(language)) + ",\n      \"results\" : [")
    }

    func emit(_ findings: [Finding], _ evaluations: [PackEvaluation]) {
        for f in findings {
            catalog?.add(f, evaluations.first { $0.pack == f.pack })
            out.write((wrote ? ",\n        " : "\n        ") + encoded(SARIFReporter.result(f)))
            wrote = true
        }
    }

    public func result(_ r: DescriptorResult) {
        guard let run else { return }
        emit(FindingBuilder(run: run, language: language).findings(r), r.evaluations)
    }

    public func error(_ e: InputError) {
        guard let run else { return }
        emit(FindingBuilder(run: run, language: language).findings(e), [])
    }

    public func end(_ summary: RunSummary) {
        if let run { emit(FindingBuilder(run: run, language: language).findings(summary.waivers), []) }
        let rules = catalog.map { c in c.rules.keys.sorted().map { c.rules[$0]! } } ?? []
        let driver = SARIFReporter.Driver(version: toolVersion, semanticVersion: toolVersion, rules: rules)
        let code = Int(summary.exitCode)
        let invocation = SARIFReporter.Invocation(executionSuccessful: code != 2, exitCode: code)
        out.write((wrote ? "\n      ],\n" : "],\n") + "      \"invocations\" : [" + encoded(invocation) + "],\n"
                  + "      \"tool\" : " + encoded(SARIFReporter.Tool(driver: driver)) + "\n    }\n  ],\n  \"version\" : \"2.1.0\"\n}\n")
    }
}
