import Foundation
import YAMLTree

/// A waiver as findings carry it: who accepted the risk, why, until when, and where the waiver is
/// written, so every report can show the justification next to the finding.
public struct WaiverRef: Sendable, Codable, Hashable {
    public let id: String
    public let justification: String
    public let approvedBy: String
    public let ticket: String
    public let expires: Day
    /// True when the evaluation date is after `expires`: the finding keeps its real status and fails.
    public let expired: Bool
    /// The waivers file and the place of the entry.
    public let file: String
    public let line: Int
    public let column: Int
}

/// One entry of a waivers file: a documented, approved and dated acceptance of a finding.
public struct Waiver: Sendable {
    public let id: String
    /// The pack whose obligations it covers; nil when `obligation` alone names them.
    public let pack: String?
    /// The obligation it covers; nil for every obligation of `pack`.
    public let obligation: String?
    /// Descriptor names, or path globs (`*`, `**`, `?`), that it covers.
    public let descriptors: [String]
    public let justification: String
    public let approvedBy: String
    public let ticket: String
    public let expires: Day
    public let span: SourceSpan

    /// What the entry covers, for messages: `eu-ai-act/art4-ai-literacy` or `every obligation of eu-ai-act`.
    public var scope: String {
        switch (pack, obligation) {
        case (let p?, let o?): return "\(p)/\(o)"
        case (nil, let o?): return o
        case (let p?, nil): return "every obligation of \(p)"
        case (nil, nil): return "nothing"
        }
    }

    /// The reference findings carry, expired or not on `asOf`.
    public func ref(asOf: Day) -> WaiverRef {
        WaiverRef(id: id, justification: justification, approvedBy: approvedBy, ticket: ticket, expires: expires,
                  expired: expires < asOf, file: span.file.path, line: span.start.line, column: span.start.column)
    }

    /// True when one of `descriptors` is the descriptor's name or a glob that matches its path.
    public func covers(name: String, file: String) -> Bool {
        let path = Glob.normalized(file)
        return descriptors.contains { $0 == name || Glob.matches(Glob.normalized($0), path) }
    }
}

/// A loaded waivers file (`kind: Waivers`): its entries and what was wrong or doubtful in it.
public struct WaiverSet: Sendable {
    /// The file format version this engine reads.
    public static let formatVersion = 1
    /// An expiry further away than this from the evaluation date gets a warning: accepted risks
    /// are reviewed at least yearly.
    public static let longestTerm = 1

    public let path: String
    public let waivers: [Waiver]
    /// Errors (the run stops, exit 2) and warnings (shown with the report).
    public let diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    public init(path: String, waivers: [Waiver], diagnostics: [Diagnostic]) {
        self.path = path
        self.waivers = waivers
        self.diagnostics = diagnostics
    }

    /// Reads a waivers file with the strict YAML reader and checks every entry against the loaded
    /// packs: unknown packs and obligations, tiers, and duties that only a critical tier (a
    /// prohibited practice) brings are located errors; an expiry more than a year after `asOf` or
    /// already past is a warning.
    public static func load(path: String, packs: [RulePack], asOf: Day) -> WaiverSet {
        let sink = DiagnosticSink()
        let docs: [YAMLDocument]
        do {
            docs = try YAMLReader.read(path: path)
        } catch {
            return WaiverSet(path: path, waivers: [], diagnostics: [Diagnostic(error)])
        }
        guard docs.count == 1 else {
            sink.error("waivers.documents", "a waivers file holds exactly one YAML document, found \(docs.count)",
                       at: docs.count > 1 ? docs[1].root.span : nil)
            return WaiverSet(path: path, waivers: [], diagnostics: sink.items.isEmpty
                ? [Diagnostic(.error, "waivers.documents", "the waivers file is empty", at: nil, path: path)] : sink.items)
        }
        let root = docs[0].root
        guard let r = NodeReader(root, "the waivers file", sink) else { return WaiverSet(path: path, waivers: [], diagnostics: sink.items) }
        r.checkKeys(["govcheck", "kind", "waivers"])
        if let g = r.required("govcheck"), g.scalar?.text != String(formatVersion) {
            sink.error("waivers.format-version", "unsupported format version '\(g.scalar?.text ?? g.kindDescription)'", at: g.span,
                       help: "this govcheck reads waivers files with 'govcheck: \(formatVersion)'")
        }
        if let k = r.required("kind"), k.scalar?.text != "Waivers" {
            sink.error("waivers.kind", "expected 'kind: Waivers', found \(k.scalar.map { DisplayText.quoted($0.text) } ?? k.kindDescription)",
                       at: k.span, help: "a waivers file starts with 'govcheck: 1' and 'kind: Waivers'")
        }
        var waivers: [Waiver] = []
        var firstID: [String: SourceSpan] = [:]
        let context = Context(packs: packs)
        for node in r.list("waivers", required: true) ?? [] {
            guard let w = entry(node, context, asOf: asOf, sink) else { continue }
            if let first = firstID[w.id] {
                sink.error("waivers.duplicate-id", "waiver id '\(w.id)' is used twice", at: node["id"]?.span ?? node.span,
                           notes: [.init(message: "first used here", span: first)])
                continue
            }
            firstID[w.id] = node["id"]?.span ?? node.span
            waivers.append(w)
        }
        return WaiverSet(path: path, waivers: waivers, diagnostics: sink.items.sorted())
    }

    /// What entries are checked against: each pack by id, and each tier and obligation id.
    struct Context {
        let packs: [String: RulePack]
        /// Pack ids holding each obligation id (in any baseline).
        let obligationPacks: [String: [String]]
        let tierIDs: Set<String>

        init(packs: [RulePack]) {
            var byID: [String: RulePack] = [:]
            var obligations: [String: Set<String>] = [:]
            var tiers = Set<String>()
            for p in packs {
                byID[p.id] = p
                for r in p.resolved {
                    for o in r.obligations { obligations[o.id, default: []].insert(p.id) }
                    for t in r.tiers { tiers.insert(t.id) }
                }
            }
            self.packs = byID
            self.obligationPacks = obligations.mapValues { $0.sorted() }
            self.tierIDs = tiers
        }

        /// The pack and the packs it extends, nearest first.
        func chain(_ id: String) -> [String] {
            var out: [String] = []
            var next: String? = id
            while let n = next, !out.contains(n) {
                out.append(n)
                next = packs[n]?.extends
            }
            return out
        }
    }

    static func entry(_ node: Node, _ c: Context, asOf: Day, _ sink: DiagnosticSink) -> Waiver? {
        guard let r = NodeReader(node, "a waiver", sink) else { return nil }
        r.checkKeys(["id", "pack", "obligation", "descriptors", "justification", "approvedBy", "ticket", "expires"])
        let before = sink.items.count
        let id = r.string("id")
        func text(_ key: String) -> String? {
            guard let s = r.string(key) else { return nil }
            let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
            if t.isEmpty { sink.error("waivers.empty", "'\(key)' of a waiver must not be empty", at: r[key]?.span); return nil }
            return DisplayText.capped(t)
        }
        let justification = text("justification")
        let approvedBy = text("approvedBy")
        let ticket = text("ticket")
        let expires = r.day("expires")
        let descriptors = r.strings("descriptors", required: true) ?? []
        if r["descriptors"]?.sequence?.isEmpty == true {
            sink.error("waivers.no-descriptors", "a waiver must name the descriptors it covers", at: r["descriptors"]?.span,
                       help: "list descriptor names or path globs, e.g. [cv-screener, \"teams/hr/**\"]; '**' covers every descriptor")
        }
        let pack = r.string("pack", required: false)
        let obligation = r.string("obligation", required: false)
        if let pack, c.packs[pack] == nil {
            sink.error("waivers.unknown-pack", "no loaded pack '\(pack)'", at: r["pack"]?.span,
                       help: (Suggest.help(pack, c.packs.keys.sorted()).map { $0 + "; " } ?? "") + "packs: " + c.packs.keys.sorted().joined(separator: ", "))
        }
        if pack == nil && obligation == nil {
            sink.error("waivers.no-scope", "a waiver must name an 'obligation', a 'pack', or both", at: node.span,
                       help: "write 'obligation: ID' for one duty (with 'pack: ID' when several packs have it), or 'pack: ID' alone for all of a pack's duties")
        }
        if let obligation {
            check(obligation, pack: pack, at: r["obligation"]!.span, c, sink)
        }
        guard sink.items.count == before || !sink.items[before...].contains(where: { $0.severity == .error }),
              let id, let justification, let approvedBy, let ticket, let expires else { return nil }
        if expires < asOf {
            sink.warning("waivers.expired", "waiver '\(id)' expired on \(expires); the findings it names are reported as they stand and fail the gate",
                         at: r["expires"]?.span, help: "renew it with a new approval and date, or fix the findings and remove it")
        } else if expires > asOf.adding(years: longestTerm) {
            sink.warning("waivers.long-expiry", "waiver '\(id)' expires on \(expires), more than a year after \(asOf)",
                         at: r["expires"]?.span, help: "accepted risks are reviewed at least yearly; set an expiry within a year and renew it then")
        }
        return Waiver(id: DisplayText.escaped(id), pack: pack, obligation: obligation, descriptors: descriptors, justification: justification,
                      approvedBy: approvedBy, ticket: ticket, expires: expires, span: node.span)
    }

    /// Refuses an obligation id that no pack has, that is a tier, that several unrelated packs
    /// share (without `pack`), or that applies only when a critical tier (a prohibited practice) holds.
    static func check(_ obligation: String, pack: String?, at span: SourceSpan, _ c: Context, _ sink: DiagnosticSink) {
        let holders = c.obligationPacks[obligation] ?? []
        if holders.isEmpty {
            if c.tierIDs.contains(obligation) {
                sink.error("waivers.tier", "'\(obligation)' is a tier; a waiver covers obligations, never a tier", at: span,
                           help: "a tier is what the law says the system is; change the facts or the system, not the report")
                return
            }
            let all = Set(c.obligationPacks.keys).sorted()
            sink.error("waivers.unknown-obligation", "no loaded pack has an obligation '\(obligation)'", at: span,
                       help: Suggest.help(obligation, all) ?? "see 'govcheck packs show ID' for a pack's obligations")
            return
        }
        if let pack, c.packs[pack] != nil {
            // The id may come from a base that the named pack extends.
            guard c.chain(pack).contains(where: holders.contains) else {
                sink.error("waivers.unknown-obligation", "pack '\(pack)' has no obligation '\(obligation)'", at: span,
                           help: "it is in " + holders.joined(separator: ", "))
                return
            }
        } else if pack == nil {
            // Packs that extend one another share ids; unrelated packs do not share a duty.
            let roots = Set(holders.map { c.chain($0).last ?? $0 })
            if roots.count > 1 {
                sink.error("waivers.ambiguous-obligation", "obligation '\(obligation)' is in several packs: \(holders.joined(separator: ", "))",
                           at: span, help: "add 'pack: ID' to say which one the waiver covers")
                return
            }
        }
        for p in (pack.map { [$0] } ?? holders).compactMap({ c.packs[$0] }) {
            for rules in p.resolved {
                guard let o = rules.obligations.first(where: { $0.id == obligation }) else { continue }
                let critical = Set(rules.tiers.filter { $0.severity == .critical }.map(\.id))
                if let needed = o.appliesWhen.flatMap(requiredTiers), !needed.isEmpty, needed.isSubset(of: critical) {
                    sink.error("waivers.prohibited", "obligation '\(obligation)' applies only under tier \(needed.sorted().joined(separator: " or ")), a prohibited-grade (critical) tier; it cannot be waived",
                               at: span, help: "no waiver accepts a prohibited practice; stop the practice and record it")
                    return
                }
            }
        }
    }

    /// The tiers of which one must hold for the condition to be true, or nil when it does not depend
    /// on the tier that way (a conservative reading: only `tier`, `all`, `any` and `use` are followed).
    static func requiredTiers(_ c: Condition) -> Set<String>? {
        switch c {
        case .tier(let id, _): return [id]
        case .use(_, let inner, _): return requiredTiers(inner)
        case .all(let cs, _):
            let sets = cs.compactMap(requiredTiers)
            guard var acc = sets.first else { return nil }
            for s in sets.dropFirst() { acc.formIntersection(s) }
            return acc
        case .any(let cs, _):
            var acc = Set<String>()
            for x in cs {
                guard let s = requiredTiers(x) else { return nil }
                acc.formUnion(s)
            }
            return cs.isEmpty ? nil : acc
        case .not, .predicate: return nil
        }
    }
}

/// Path globs for waivers: `*` and `?` stay within one path segment, `**` crosses segments
/// (`teams/**` covers every file below `teams/`, `**/x.yaml` every `x.yaml`).
public enum Glob {
    /// Without a leading `./`, so `./teams/a.yaml` and `teams/a.yaml` are the same path.
    public static func normalized(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        return String(p)
    }

    /// Whether `pattern` matches the whole of `path`; linear in the product of their lengths.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        let p = Array(pattern.unicodeScalars), s = Array(path.unicodeScalars)
        // reach[j]: the pattern read so far can end just before s[j].
        var reach = [Bool](repeating: false, count: s.count + 1)
        reach[0] = true
        var i = 0
        while i < p.count {
            var next = [Bool](repeating: false, count: s.count + 1)
            if p[i] == "*" && i + 1 < p.count && p[i + 1] == "*" {
                // `**/` also matches no folder at all; `**` alone any run of characters.
                let slash = i + 2 < p.count && p[i + 2] == "/"
                var any = false
                for j in 0...s.count {
                    any = any || reach[j]
                    next[j] = any
                }
                if slash {
                    var after = [Bool](repeating: false, count: s.count + 1)
                    for j in 0...s.count {
                        // Either no folder at all (stay at j), or a run that ends in a '/'.
                        after[j] = reach[j] || (j > 0 && next[j - 1] && s[j - 1] == "/")
                    }
                    reach = after
                    i += 3
                } else {
                    reach = next
                    i += 2
                }
                continue
            }
            switch p[i] {
            case "*":
                var run = false
                for j in 0...s.count {
                    if reach[j] { run = true }
                    next[j] = run
                    if j < s.count && s[j] == "/" { run = false }
                }
            case "?":
                for j in 0..<s.count where reach[j] && s[j] != "/" { next[j + 1] = true }
            default:
                for j in 0..<s.count where reach[j] && s[j] == p[i] { next[j + 1] = true }
            }
            reach = next
            i += 1
        }
        return reach[s.count]
    }
}
