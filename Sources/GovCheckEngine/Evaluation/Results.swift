import YAMLTree

/// A citation as reports show it: the structured parts plus the rendered official form.
public struct CitationRef: Sendable, Codable, Hashable {
    public let instrument: String
    public let identifier: String
    /// The legal force of the instrument (binding law, standard, guidance, draft).
    public let status: LegalStatus
    /// E.g. `Art. 5(1)(f)` / `第5条第1款第(f)项`; `Art. 24(1)` / `第二十四条第一款`.
    public let text: LocalizedText
    /// The whole citation as a reader sees it: `text`, then the instrument. In its official language the
    /// identifier alone; in the other, the short title first, identifier kept in parentheses.
    public let label: LocalizedText
    public let article: String?
    public let paragraph: String?
    public let point: String?
    public let annex: String?
    public let clause: String?
}

/// A descriptor fact a result rests on, with where it is written, so a reader (or a SARIF
/// viewer) can go to the field that decided it.
public struct FactRef: Sendable, Codable, Hashable {
    public let path: String
    /// The stated value (or the vocabulary default); nil when the result rests on it not being stated.
    public let value: String?
    /// True when the value is the vocabulary's default, not stated.
    public let assumed: Bool
    /// Where the value is written; nil when not stated.
    public let line: Int?
    public let column: Int?
}

/// One reason a tier holds: the rule, the law behind it, since when, and the facts that made it hold.
public struct TierReason: Sendable, Codable, Hashable {
    public let rule: String
    public let citation: CitationRef
    public let appliesFrom: Day
    public let rationale: LocalizedText
    /// The descriptor facts that made the rule's condition hold (a minimal support, in condition order).
    public let facts: [FactRef]
}

/// A later change of the tier: from this date the tier is `decision` (its status, tier and reasons).
public struct TierChange: Sendable, Codable {
    public let from: Day
    /// The text of the law in force on `from` (nil for a pack without baselines).
    public let baseline: String?
    public internal(set) var decision: TierDecision
}

/// The classification of a descriptor under one pack.
public struct TierDecision: Sendable, Codable {
    /// Whether the ladder gave one answer, needs facts, or found no tier.
    public enum Status: String, Sendable, Codable {
        /// One tier holds and none above it is in doubt.
        case decided
        /// A higher tier hinges on facts the descriptor does not state.
        case needsReview = "needs-review"
        /// No tier holds (a pack without an `otherwise` tier).
        case unclassified
    }

    public let status: Status
    /// The decided tier, or under review the highest tier known to hold (if any).
    public let tier: String?
    public let title: LocalizedText?
    public let severity: Severity
    public let reasons: [TierReason]
    /// Under review: the tiers still possible, highest first.
    public let possible: [String]
    /// Under review: the unstated facts that would decide it.
    public let decidingFacts: [String]
    /// Set when the run compares findings with a findings baseline (`check --baseline FILE`).
    public internal(set) var baselineState: BaselineState? = nil
    /// True when the findings baseline lists this tier: it is reported, but does not gate.
    public var baselined: Bool { baselineState == .unchanged }

    /// The label reports print: the tier id, or `needs-review`.
    public var label: String {
        switch status {
        case .decided: return tier ?? "unclassified"
        case .needsReview: return "needs-review"
        case .unclassified: return "unclassified"
        }
    }
}

/// Where an obligation stands for a descriptor.
public enum ObligationStatus: String, Sendable, Codable, CaseIterable {
    case missing, undetermined, upcoming, met
    case notApplicable = "not-applicable"
    case disabled
    /// A finding that a waiver accepts as a documented risk (`--waivers`); set after evaluation,
    /// never by the evaluator, and it never fails the gate.
    case waived
}

/// One obligation's outcome, with what is needed to act on it.
public struct ObligationResult: Sendable, Codable {
    public let id: String
    public let title: LocalizedText
    /// Set by the evaluator; only the waiver step (`Waivers.apply`) changes it afterwards, to `waived`.
    public internal(set) var status: ObligationStatus
    public let severity: Severity
    public let citation: CitationRef
    public let binds: [String]
    /// When the duty applies: its start date, on the route that holds; for an `upcoming` duty the
    /// first date on which it is in force (which may be when a later tier starts).
    public let appliesFrom: Day
    /// Set when the start date depends on a route the descriptor leaves open: the possible dates.
    public let possibleStarts: [Day]
    /// The dated route that gave `appliesFrom`, when the obligation has several.
    public let route: String?
    /// For a duty that a later tier brings: the tier from its start date.
    public let tierAtStart: String?
    /// Set when the operator is bound through a role the law assigns (e.g. provider under Art. 25(1)).
    public let boundAs: DerivedRoleRef?
    /// For a duty that starts under a later text of the law: that text (its title or citation may differ).
    public let textBaseline: String?
    /// For missing obligations: what to do.
    public let remediation: LocalizedText?
    /// For missing obligations: the evidence facts not stated or not satisfied.
    public let missingEvidence: [String]
    /// For undetermined obligations: the unstated facts that would decide whether it applies.
    public let decidingFacts: [String]
    /// Set when an extending pack disabled this rule.
    public let disabledReason: String?
    /// Where in the descriptor the obligation was triggered (the first stated fact that made it apply).
    public let line: Int
    public let column: Int
    /// Where its evidence is, or would be, recorded (missing duties: the first missing evidence
    /// fact, else its closest stated enclosing mapping), or where the fact that would decide it
    /// belongs (undetermined duties); nil when the descriptor states nothing of that path.
    public let evidenceLine: Int?
    public let evidenceColumn: Int?
    /// Set when the run compares findings with a findings baseline (`check --baseline FILE`).
    public internal(set) var baselineState: BaselineState? = nil
    /// True when the findings baseline lists this finding with this status: it is reported, but does not gate.
    public var baselined: Bool { baselineState == .unchanged }
    /// The waiver that covers this finding (status `waived`), or one that would but has expired
    /// (the status is then the real one and the finding fails the gate); nil without waivers.
    public internal(set) var waiver: WaiverRef? = nil
}

/// A role the law assigned to the operator, with the provision that assigns it.
public struct DerivedRoleRef: Sendable, Codable, Hashable {
    public let role: String
    public let citation: CitationRef
}

/// A fact the evaluation took from its vocabulary default because the descriptor left it out.
public struct Assumption: Sendable, Codable, Hashable, Comparable {
    public let fact: String
    public let value: String
    public static func < (a: Assumption, b: Assumption) -> Bool { a.fact < b.fact }
}

/// A descriptor evaluated against one pack.
public struct PackEvaluation: Sendable, Codable {
    public let pack: String
    public let packVersion: String
    public let jurisdiction: String
    public let baseline: String?
    public let asOf: Day
    public internal(set) var tier: TierDecision
    /// The tier's later changes, in date order (empty when the tier stays as it is).
    public internal(set) var timeline: [TierChange]
    /// Set by the evaluator; the waiver step may mark some `waived`.
    public internal(set) var obligations: [ObligationResult]
    public let assumptions: [Assumption]
}

/// A descriptor evaluated against every pack of the run.
public struct DescriptorResult: Sendable, Encodable {
    public let file: String
    public let document: Int
    public let name: String
    public let line: Int
    public let column: Int
    /// Warnings about the descriptor (unknown fields); errors make it an `InputError` instead.
    public let diagnostics: [DiagnosticRecord]
    /// The jurisdictions the descriptor asked to be checked for (`metadata.jurisdictions`), if any.
    public let jurisdictions: [String]?
    /// Set by the evaluator; the waiver step may mark obligations `waived`.
    public internal(set) var evaluations: [PackEvaluation]
    /// What the descriptor says the system is, for the text report's header; not part of the JSON report.
    public internal(set) var about = SystemAbout()
    /// True when `govcheck init --resume` can take the descriptor's file (a file on disk holding
    /// this one document), so the text report can point to it; not part of the JSON report.
    public internal(set) var resumable = false

    enum CodingKeys: String, CodingKey { case file, document, name, line, column, diagnostics, jurisdictions, evaluations }
}

/// A diagnostic as machine formats carry it.
public struct DiagnosticRecord: Sendable, Encodable, Hashable {
    public let file: String
    public let line: Int
    public let column: Int
    public let severity: Diagnostic.Severity
    public let code: String
    public let message: String
    public let help: String?
    /// The source line the diagnostic points at, for text reports (not part of the JSON schema).
    public let sourceLine: String?
    public let notes: [String]
    /// The Chinese message and help, when the diagnostic has them (not part of the JSON schema).
    public let zh: Diagnostic.Translation?

    enum CodingKeys: String, CodingKey { case file, line, column, severity, code, message, help, notes }

    /// The message in `language`, English where no translation was written.
    public func message(_ language: Language) -> String {
        language == .zh ? zh?.message ?? message : message
    }

    /// The help in `language`, English where no translation was written.
    public func help(_ language: Language) -> String? {
        language == .zh ? zh?.help ?? help : help
    }

    public init(_ d: Diagnostic) {
        file = d.path
        line = d.line
        column = d.column
        severity = d.severity
        code = d.code
        message = d.message
        help = d.help
        sourceLine = d.span.flatMap { $0.file.line($0.start.line) }.flatMap { $0.isEmpty ? nil : $0 }
        notes = d.notes.map { "\($0.span): \($0.message)" }
        zh = d.zh
    }
}
