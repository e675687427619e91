import Foundation
import YAMLTree

/// Builds two copies of the EU pack for the scaling measure: as shipped, and with its obligations
/// repeated ten times under new ids (same conditions, so the work per obligation is the same).
enum Scaling {
    struct Packs {
        let single: URL
        let tenfold: URL
        let obligations: Int
    }

    static func packs(root: URL, work: URL) throws -> Packs {
        let rules = root.appendingPathComponent("Rules")
        let source = rules.appendingPathComponent("eu-ai-act/pack.yaml")
        let text = try String(contentsOf: source, encoding: .utf8)
        let doc = try YAMLReader.read(path: source.path)[0]
        let items = doc.root["obligations"]?.sequence ?? []
        guard let first = items.first, let last = items.last else { fatalError("the EU pack has no obligations") }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The obligations' lines, from the first item to the line before the next top-level key.
        let from = first.span.start.line - 1
        var to = last.span.end.line - 1
        while to < lines.count, !(lines[to].first.map { $0 != " " && $0 != "#" } ?? false) { to += 1 }
        let block = Array(lines[from..<to])
        let idLine = try NSRegularExpression(pattern: #"^  - id: "?([a-z0-9-]+)"?(.*)$"#)
        var copies: [String] = []
        for k in 1...9 {
            for l in block {
                let ns = l as NSString
                if let m = idLine.firstMatch(in: l, range: NSRange(location: 0, length: ns.length)) {
                    copies.append("  - id: \"\(ns.substring(with: m.range(at: 1)))-copy\(k)\"\(ns.substring(with: m.range(at: 2)))")
                } else {
                    copies.append(l)
                }
            }
        }
        lines.insert(contentsOf: copies, at: to)
        func folder(_ name: String, _ body: String) throws -> URL {
            let dir = work.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("eu-ai-act"), withIntermediateDirectories: true)
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("vocabulary"))
            try FileManager.default.copyItem(at: rules.appendingPathComponent("vocabulary"), to: dir.appendingPathComponent("vocabulary"))
            try Data(body.utf8).write(to: dir.appendingPathComponent("eu-ai-act/pack.yaml"))
            return dir
        }
        return Packs(single: try folder("pack-1x", text), tenfold: try folder("pack-10x", lines.joined(separator: "\n")),
                     obligations: items.count)
    }
}
