import Foundation
import Testing
import TestSupport

@Suite("govcheck facts, govcheck schema, and the questions lint")
struct FactsSchemaTests {
    @Test("facts lists every fact with type, values, question and the rules that read it")
    func facts() throws {
        let r = try runGovcheck(["facts", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let facts = try #require(obj["facts"] as? [[String: Any]])
        #expect(facts.count >= 300)
        let roles = try #require(facts.first { $0["path"] as? String == "eu.operator.roles" })
        #expect(roles["type"] as? String == "list")
        #expect((roles["values"] as? [String])?.contains("deployer") == true)
        let q = try #require(roles["question"] as? [String: Any])
        #expect(q["stage"] as? String == "roles")
        #expect(((q["aid"] as? [String: Any])?["en"] as? String)?.contains("Art. 25(1)") == true, "roles carry a decision aid")
        #expect(((roles["readBy"] as? [[String: Any]]) ?? []).contains { $0["pack"] as? String == "eu-ai-act" })
        // Every fact a shipped rule reads has a question.
        for f in facts where !((f["readBy"] as? [Any]) ?? []).isEmpty && f["informational"] == nil {
            #expect(f["question"] != nil, "\(f["path"]!) has no question")
        }
        let text = try runGovcheck(["facts", "--pack", "cn-genai-measures"])
        #expect(text.stdout.contains("cn.service.public_in_mainland  bool"))
        #expect(!text.stdout.contains("eu.system.is_ai_system"), "--pack limits the list to that pack's vocabulary")
        let md = try runGovcheck(["facts", "--format", "markdown", "--pack", "eu-ai-act-gpai"])
        #expect(md.stdout.hasPrefix("| fact | type | values | description | question | read by |"))
        #expect(md.stdout.contains("`eu.gpai.model.training_compute_flop`"))
    }

    /// Runs the independent validator (Python `jsonschema`, YAML 1.2 core reading) on files.
    func validate(_ schema: String, _ files: [String]) throws -> CLIResult {
        try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                       ["python3", TestPaths.root.appendingPathComponent("scripts/validate-schema.py").path, schema] + files)
    }

    @Test("the descriptor schema accepts every sample and rejects a wrong type and an unknown field (Python jsonschema)")
    func descriptorSchema() throws {
        let dir = try temporaryFolder("schema")
        defer { removeTemporaryFolder(dir) }
        let schema = dir.appendingPathComponent("descriptor.schema.json")
        let r = try runGovcheck(["schema"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\""))
        try r.stdout.write(to: schema, atomically: true, encoding: .utf8)
        let samples = try FileManager.default.contentsOfDirectory(atPath: TestPaths.root.appendingPathComponent("Samples").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Samples/" + $0 }
        let ok = try validate(schema.path, samples)
        #expect(!ok.stderr.contains("ModuleNotFoundError"), "install the validator: pip install jsonschema pyyaml (.ci/run does)")
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.components(separatedBy: ": valid").count - 1 == samples.count)
        let header = "apiVersion: govcheck/v1\nkind: Deployment\nmetadata: {name: x}\n"
        let wrongType = dir.appendingPathComponent("wrong-type.yaml")
        try (header + "eu:\n  system: {is_ai_system: \"yes\"}\n").write(to: wrongType, atomically: true, encoding: .utf8)
        let unknown = dir.appendingPathComponent("unknown-field.yaml")
        try (header + "eu:\n  system: {is_ai_sytem: true}\n").write(to: unknown, atomically: true, encoding: .utf8)
        let dotted = dir.appendingPathComponent("dotted.yaml")
        try (header + "eu.operator.roles: [deployer]\neu.gpai.model.training_compute_flop: 3.8e25\n").write(to: dotted, atomically: true, encoding: .utf8)
        let bad = try validate(schema.path, [wrongType.path, unknown.path, dotted.path])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("wrong-type.yaml#1: invalid at 'eu/system/is_ai_system'"), "\(bad.stdout)")
        #expect(bad.stdout.contains("unknown-field.yaml#1: invalid at 'eu/system'") && bad.stdout.contains("is_ai_sytem"), "\(bad.stdout)")
        #expect(bad.stdout.contains("dotted.yaml#1: valid"), "dotted keys are part of the format")
        // govcheck itself agrees: the wrong type is an error, the unknown field a warning.
        let c1 = try runGovcheck(["check", wrongType.path, "--pack", "eu-ai-act"])
        #expect(c1.status == 2)
        let c2 = try runGovcheck(["check", unknown.path, "--pack", "eu-ai-act", "--fail-on", "none"])
        #expect(c2.stdout.contains("unknown field") || c2.stderr.contains("unknown field"))
    }

    @Test("a real JSON report validates against the report schema")
    func reportSchema() throws {
        let dir = try temporaryFolder("report-schema")
        defer { removeTemporaryFolder(dir) }
        let schema = dir.appendingPathComponent("report.schema.json")
        let s = try runGovcheck(["schema", "report"])
        #expect(s.status == 0)
        try s.stdout.write(to: schema, atomically: true, encoding: .utf8)
        let report = dir.appendingPathComponent("report.json")
        let bad = dir.appendingPathComponent("bad.yaml")
        try "apiVersion: govcheck/v1\nkind: Deployment\nmetadata: {name: x}\neu:\n  system: {is_ai_system: 3}\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try runGovcheck(["check", "--as-of", "2026-11-22", "--format", "json", "--fail-on", "none", "Samples", bad.path])
        try r.stdout.write(to: report, atomically: true, encoding: .utf8)
        let v = try validate(schema.path, [report.path])
        #expect(v.status == 0, "\(v.stdout)\(v.stderr)")
        #expect(r.stdout.contains("\"errors\": [\n    {"), "the report includes an input error, so the error branch is validated too")
    }

    @Test("lint flags a fact a rule reads without a question; the shipped packs have none")
    func lintNoQuestion() throws {
        let shipped = try runGovcheck(["lint"])
        #expect(!shipped.stdout.contains("lint.no-question"), "\(shipped.stdout)")
        let dir = try temporaryFolder("lint-question")
        defer { removeTemporaryFolder(dir) }
        let pack = dir.appendingPathComponent("acme")
        try FileManager.default.createDirectory(at: pack.appendingPathComponent("tests"), withIntermediateDirectories: true)
        try """
        govcheck: 1
        kind: RulePack
        id: acme-extra
        version: 1.0.0
        title: {en: Acme}
        jurisdiction: EU
        reviewed: {by: Test, on: 2026-11-01}
        instruments:
          - {id: acme, title: {en: Acme policy}, identifier: ACME-1, inForce: 2026-01-01, status: internal-policy}
        facts:
          - {path: acme.uses_ai, type: bool, description: {en: "The team uses AI."}}
          - {path: acme.kind, type: enum, values: [a, b], description: {en: "Kind."}}
        tiers:
          - id: covered
            title: {en: Covered}
            severity: low
            rules:
              - {id: uses, citation: {instrument: acme, article: "1"}, appliesFrom: 2026-01-01, rationale: {en: "Uses AI."}, when: {fact: acme.uses_ai, equals: true}}
          - {id: other, title: {en: Other}, severity: none, otherwise: true, citation: {instrument: acme, article: "2"}, appliesFrom: 2026-01-01, rationale: {en: "Rest."}}
        obligations:
          - {id: o1, title: {en: O}, citation: {instrument: acme, article: "3"}, appliesWhen: {fact: acme.kind, equals: a}, satisfiedWhen: {fact: acme.kind, equals: b}, appliesFrom: 2026-01-01, severity: low, remediation: {en: "Do it."}}

        """.write(to: pack.appendingPathComponent("pack.yaml"), atomically: true, encoding: .utf8)
        let r = try runGovcheck(["lint", pack.path])
        #expect(r.stdout.contains("lint.no-question"), "\(r.stdout)")
        #expect(r.stdout.contains("fact 'acme.uses_ai' is read by rules (acme-extra/uses) but has no question"), "\(r.stdout)")
        // A question file beside the pack answers it; a wrong one is a located error.
        try FileManager.default.createDirectory(at: pack.appendingPathComponent("questions"), withIntermediateDirectories: true)
        try """
        govcheck: 1
        kind: Questions
        id: acme
        vocabulary: ../pack.yaml
        stage: scope
        questions:
          - {fact: acme.uses_ai, text: {en: "Does the team use AI?", zh: "团队是否使用人工智能？"}, basis: {en: "Acme policy 1", zh: "Acme 政策第1条"}}
          - fact: acme.kind
            text: {en: "Which kind?", zh: "哪一类？"}
            basis: {en: "Acme policy 3", zh: "Acme 政策第3条"}
            values: {a: {en: A, zh: 甲}, c: {en: C, zh: 丙}}
          - {fact: acme.use_ai, stage: scoop, text: {en: "?", zh: "？"}, basis: {en: "x", zh: "x"}}
        groups:
          - {id: mixed, title: {en: "Both", zh: "两者"}, facts: [acme.uses_ai, acme.kind]}
          - {id: stray, title: {en: "Stray", zh: "其他"}, facts: [acme.uses_ai, acme.nothing]}

        """.write(to: pack.appendingPathComponent("questions/acme.yaml"), atomically: true, encoding: .utf8)
        let r2 = try runGovcheck(["lint", pack.path])
        #expect(!r2.stdout.contains("fact 'acme.uses_ai' is read by rules"), "\(r2.stdout)")
        #expect(r2.stdout.contains("questions.unknown-value") && r2.stdout.contains("'c' is not a value of 'acme.kind'"), "\(r2.stdout)")
        #expect(r2.stdout.contains("questions.missing-label") && r2.stdout.contains("'b'"), "\(r2.stdout)")
        #expect(r2.stdout.contains("'acme.use_ai' is not a fact of ../pack.yaml") && r2.stdout.contains("did you mean 'acme.uses_ai'"), "\(r2.stdout)")
        #expect(r2.stdout.contains("'scoop' is not a stage") && r2.stdout.contains("did you mean 'scope'"), "\(r2.stdout)")
        #expect(r2.stdout.contains("acme.yaml:12:"), "errors are located: \(r2.stdout)")
        // Groups: a checklist cannot take a choice fact; a member needs a question; one valid fact is no group.
        #expect(r2.stdout.contains("'acme.kind' is a enum; the group's other facts make it a checklist") || r2.stdout.contains("'acme.kind' is a"), "\(r2.stdout)")
        #expect(r2.stdout.contains("questions.group-size") && r2.stdout.contains("group 'mixed' needs at least two valid facts"), "\(r2.stdout)")
        #expect(r2.stdout.contains("'acme.nothing' has no question in this file"), "\(r2.stdout)")
        #expect(r2.stdout.contains("acme.yaml:14:"), "group errors are located: \(r2.stdout)")
        #expect(r2.status == 1)
    }
}
