import Foundation
import YAMLTree

/// How a pack that `extends` another changes the base's obligations: severity overrides, and
/// disabling with a written reason that every report shows. Additions are ordinary obligations.
struct Composition {
    var severities: [String: Severity] = [:]
    var disabled: [String: String] = [:]

    static func read(_ r: NodeReader, base: RulePack, sink: DiagnosticSink) -> Composition {
        var c = Composition()
        let known = Set(base.resolved.flatMap { $0.obligations.map(\.id) })
        func target(_ n: NodeReader) -> String? {
            guard let id = n.string("obligation") else { return nil }
            guard known.contains(id) else {
                sink.error("pack.unknown-obligation", "'\(base.id)' has no obligation '\(id)'", at: n["obligation"]?.span,
                           help: Suggest.help(id, known.sorted()))
                return nil
            }
            return id
        }
        for o in r.list("overrides") ?? [] {
            guard let n = NodeReader(o, "an override", sink) else { continue }
            n.checkKeys(["obligation", "severity", "reason"])
            if let id = target(n), let sev = n.enumValue("severity", Severity.self) { c.severities[id] = sev }
        }
        for d in r.list("disable") ?? [] {
            guard let n = NodeReader(d, "a disable entry", sink) else { continue }
            n.checkKeys(["obligation", "reason"])
            guard let id = target(n) else { continue }
            guard let reason = n.string("reason"), reason.trimmingCharacters(in: .whitespaces).count >= 10 else {
                sink.error("pack.disable-reason", "disabling '\(id)' needs a written 'reason' (at least a sentence)", at: d.span,
                           help: "say why the rule does not apply to your organisation; every report shows it")
                continue
            }
            c.disabled[id] = reason
        }
        return c
    }

    func apply(_ o: Obligation) -> Obligation {
        guard severities[o.id] != nil || disabled[o.id] != nil else { return o }
        return o.changed(severity: severities[o.id], disabledReason: disabled[o.id])
    }
}
