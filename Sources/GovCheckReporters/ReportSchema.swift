import GovCheckEngine

/// JSON Schema (draft 2020-12) for the JSON report of `check --format json`, schema version 2
/// (docs/json-report.md). Objects are closed, so a key added to the report without updating this
/// schema (and the docs) fails the test that validates a real report against it.
public enum ReportSchema {
    public static func render() -> String {
        let severities = Severity.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        let statuses = ObligationStatus.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        let legal = LegalStatus.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        return """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "title": "govcheck JSON report, schema version \(JSONReporter.schemaVersion)",
          "description": "The output of 'govcheck check --format json' (docs/json-report.md).",
          "type": "object",
          "required": ["schemaVersion", "tool", "asOf", "failOn", "packs", "results", "errors", "summary"],
          "additionalProperties": false,
          "properties": {
            "schemaVersion": {"const": \(JSONReporter.schemaVersion)},
            "tool": {"type": "object", "required": ["name", "version"], "additionalProperties": false,
                     "properties": {"name": {"const": "govcheck"}, "version": {"type": "string"}}},
            "asOf": {"$ref": "#/$defs/date"},
            "failOn": {"type": "array", "items": {"type": "string"}},
            "packs": {"type": "array", "items": {"$ref": "#/$defs/pack"}},
            "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
            "errors": {"type": "array", "items": {"type": "object", "required": ["file", "diagnostics"], "additionalProperties": false,
                       "properties": {"file": {"type": "string"}, "document": {"type": "integer", "minimum": 1},
                                      "diagnostics": {"type": "array", "items": {"$ref": "#/$defs/diagnostic"}}}}},
            "summary": {"type": "object", "required": ["descriptors", "inputErrors", "failing", "obligations", "tiers"], "additionalProperties": false,
                        "properties": {"descriptors": {"type": "integer", "minimum": 0}, "inputErrors": {"type": "integer", "minimum": 0},
                                       "failing": {"type": "integer", "minimum": 0},
                                       "obligations": {"type": "object", "propertyNames": {"enum": [\(statuses)]}, "additionalProperties": {"type": "integer", "minimum": 0}},
                                       "tiers": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}}}}
          },
          "$defs": {
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
            "text": {"type": "object", "required": ["en"], "additionalProperties": false,
                     "properties": {"en": {"type": "string"}, "zh": {"type": "string"}}},
            "severity": {"enum": [\(severities)]},
            "ids": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            "citation": {"type": "object", "required": ["instrument", "identifier", "status", "text"], "additionalProperties": false,
                         "properties": {"instrument": {"type": "string"}, "identifier": {"type": "string"}, "status": {"enum": [\(legal)]},
                                        "text": {"$ref": "#/$defs/text"}, "article": {"type": "string"}, "paragraph": {"type": "string"},
                                        "point": {"type": "string"}, "annex": {"type": "string"}, "clause": {"type": "string"}}},
            "pack": {"type": "object", "required": ["id", "version", "jurisdiction", "title", "instruments", "rules"], "additionalProperties": false,
                     "properties": {"id": {"type": "string"}, "version": {"type": "string"}, "jurisdiction": {"type": "string"},
                                    "title": {"$ref": "#/$defs/text"}, "extends": {"type": "string"},
                                    "baselines": {"type": "array", "items": {"type": "object", "required": ["id", "from", "title"], "additionalProperties": false,
                                                  "properties": {"id": {"type": "string"}, "from": {"$ref": "#/$defs/date"}, "title": {"$ref": "#/$defs/text"}}}},
                                    "instruments": {"type": "array", "items": {"type": "object", "required": ["id", "identifier", "title", "status", "inForce"], "additionalProperties": false,
                                                    "properties": {"id": {"type": "string"}, "identifier": {"type": "string"}, "title": {"$ref": "#/$defs/text"},
                                                                   "status": {"enum": [\(legal)]}, "url": {"type": "string"}, "inForce": {"$ref": "#/$defs/date"}}}},
                                    "rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}}}},
            "rule": {"type": "object", "required": ["id", "kind"],
                     "properties": {"id": {"type": "string"}, "kind": {"enum": ["tier", "tier-rule", "obligation"]}, "baselines": {"type": "array", "items": {"type": "string"}}},
                     "oneOf": [
                       {"properties": {"kind": {"const": "tier"}, "id": true, "baselines": true, "title": {"$ref": "#/$defs/text"}, "severity": {"$ref": "#/$defs/severity"},
                                       "otherwise": {"const": true}, "citation": {"$ref": "#/$defs/citation"}, "appliesFrom": {"$ref": "#/$defs/date"},
                                       "rationale": {"$ref": "#/$defs/text"}},
                        "required": ["title", "severity"], "additionalProperties": false},
                       {"properties": {"kind": {"const": "tier-rule"}, "id": true, "baselines": true, "tier": {"type": "string"}, "citation": {"$ref": "#/$defs/citation"},
                                       "appliesFrom": {"$ref": "#/$defs/date"}, "rationale": {"$ref": "#/$defs/text"}},
                        "required": ["tier", "citation", "appliesFrom", "rationale"], "additionalProperties": false},
                       {"properties": {"kind": {"const": "obligation"}, "id": true, "baselines": true, "title": {"$ref": "#/$defs/text"}, "citation": {"$ref": "#/$defs/citation"},
                                       "binds": {"$ref": "#/$defs/ids"}, "appliesFrom": {"$ref": "#/$defs/date"},
                                       "startRoutes": {"type": "array", "items": {"type": "object", "required": ["route", "from"], "additionalProperties": false,
                                                       "properties": {"route": {"type": "string"}, "from": {"$ref": "#/$defs/date"}}}},
                                       "severity": {"$ref": "#/$defs/severity"}, "remediation": {"$ref": "#/$defs/text"}, "disabledReason": {"type": "string"}},
                        "required": ["title", "citation", "appliesFrom", "severity", "remediation"], "additionalProperties": false}
                     ]},
            "fact": {"type": "object", "required": ["path"], "additionalProperties": false,
                     "properties": {"path": {"type": "string"}, "value": {"type": "string"}, "assumed": {"const": true},
                                    "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}}},
            "decision": {"type": "object", "required": ["status", "severity", "reasons"],
                         "properties": {"status": {"enum": ["decided", "needs-review", "unclassified"]}, "tier": {"type": "string"},
                                        "severity": {"$ref": "#/$defs/severity"}, "possible": {"$ref": "#/$defs/ids"}, "decidingFacts": {"$ref": "#/$defs/ids"},
                                        "reasons": {"type": "array", "items": {"type": "object", "required": ["rule"], "additionalProperties": false,
                                                    "properties": {"rule": {"type": "string"}, "facts": {"type": "array", "items": {"$ref": "#/$defs/fact"}, "minItems": 1}}}},
                                        "fails": {"const": true}}},
            "tier": {"allOf": [{"$ref": "#/$defs/decision"}],
                     "properties": {"status": true, "tier": true, "severity": true, "possible": true, "decidingFacts": true, "reasons": true, "fails": true},
                     "additionalProperties": false},
            "change": {"allOf": [{"$ref": "#/$defs/decision"}], "required": ["from"],
                       "properties": {"from": {"$ref": "#/$defs/date"}, "baseline": {"type": "string"}, "status": true, "tier": true, "severity": true,
                                      "possible": true, "decidingFacts": true, "reasons": true, "fails": true},
                       "additionalProperties": false},
            "obligation": {"type": "object", "required": ["id", "status", "appliesFrom", "line", "column"], "additionalProperties": false,
                           "properties": {"id": {"type": "string"}, "status": {"enum": [\(statuses)]}, "appliesFrom": {"$ref": "#/$defs/date"},
                                          "possibleStarts": {"type": "array", "items": {"$ref": "#/$defs/date"}, "minItems": 1},
                                          "route": {"type": "string"}, "tierAtStart": {"type": "string"}, "baseline": {"type": "string"},
                                          "boundAs": {"type": "object", "required": ["role", "under"], "additionalProperties": false,
                                                      "properties": {"role": {"type": "string"}, "under": {"$ref": "#/$defs/citation"}}},
                                          "missingEvidence": {"$ref": "#/$defs/ids"}, "decidingFacts": {"$ref": "#/$defs/ids"},
                                          "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
                                          "evidenceAt": {"type": "object", "required": ["line", "column"], "additionalProperties": false,
                                                         "properties": {"line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1}}},
                                          "fails": {"const": true}}},
            "evaluation": {"type": "object", "required": ["pack", "tier", "obligations"], "additionalProperties": false,
                           "properties": {"pack": {"type": "string"}, "baseline": {"type": "string"}, "tier": {"$ref": "#/$defs/tier"},
                                          "timeline": {"type": "array", "items": {"$ref": "#/$defs/change"}, "minItems": 1},
                                          "obligations": {"type": "array", "items": {"$ref": "#/$defs/obligation"}},
                                          "assumptions": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["fact", "value"], "additionalProperties": false,
                                                          "properties": {"fact": {"type": "string"}, "value": {"type": "string"}}}}}},
            "result": {"type": "object", "required": ["file", "document", "name", "line", "column", "evaluations"], "additionalProperties": false,
                       "properties": {"file": {"type": "string"}, "document": {"type": "integer", "minimum": 1}, "name": {"type": "string"},
                                      "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
                                      "jurisdictions": {"type": "array", "items": {"type": "string"}},
                                      "diagnostics": {"type": "array", "items": {"$ref": "#/$defs/diagnostic"}, "minItems": 1},
                                      "evaluations": {"type": "array", "items": {"$ref": "#/$defs/evaluation"}}}},
            "diagnostic": {"type": "object", "required": ["file", "line", "column", "severity", "code", "message"], "additionalProperties": false,
                           "properties": {"file": {"type": "string"}, "line": {"type": "integer", "minimum": 1}, "column": {"type": "integer", "minimum": 1},
                                          "severity": {"enum": ["error", "warning", "note"]}, "code": {"type": "string"}, "message": {"type": "string"},
                                          "help": {"type": "string"}, "notes": {"type": "array", "items": {"type": "string"}}}}
          }
        }

        """
    }
}
