import Foundation
import GovCheckEngine

/// What folder searches left out, on standard error: with `--verbose` every hidden, excluded and
/// skipped path and why; always, a hint when files that could not be read far enough to tell
/// whether they are descriptors ended up as input errors.
final class DiscoveryNotes: ReportSink {
    let verbose: Bool
    let language: Language
    var unclear: Set<String> = []
    var failed: Set<String> = []
    var unclearFailed: Int { failed.count }

    init(verbose: Bool, language: Language = .en) {
        self.verbose = verbose
        self.language = language
    }

    func begin(_ run: RunInfo) {
        unclear = Set(run.discovery.unclear.map { DisplayText.escaped($0) })
        guard verbose else { return }
        var out = ""
        for p in run.discovery.pruned {
            let what = p.isFolder ? "not searched" : "not read"
            let path = DisplayText.escaped(p.path) + (p.isFolder ? "/" : "")
            switch p.reason {
            case .hidden: out += "\(what) (hidden; --include-hidden searches it): \(path)\n"
            case .excluded(let g): out += "\(what) (--exclude \(DisplayText.quoted(g))): \(path)\n"
            }
        }
        for s in run.discovery.skipped {
            out += "skipped, not a govcheck descriptor (\(s.reason)): \(DisplayText.escaped(s.path))\n"
        }
        if !out.isEmpty { Environment.printError(out) }
    }

    func result(_ r: DescriptorResult) {}

    func error(_ e: InputError) {
        if unclear.contains(e.file) { failed.insert(e.file) }
    }

    func end(_ summary: RunSummary) {
        guard unclearFailed > 0 else { return }
        if language == .zh {
            Environment.printError("提示：所给文件夹中有 \(unclearFailed) 个 YAML 文件无法读到足以判断其是否为 govcheck 描述文件的程度（错误见上）；"
                                   + "请修正，或用 --exclude GLOB 排除\n")
            return
        }
        Environment.printError("note: \(unclearFailed) YAML file\(unclearFailed == 1 ? "" : "s") in the folders given could not be read far enough to tell whether \(unclearFailed == 1 ? "it is a" : "they are") govcheck descriptor\(unclearFailed == 1 ? "" : "s") (errors above); "
                               + "fix \(unclearFailed == 1 ? "it" : "them"), or leave \(unclearFailed == 1 ? "it" : "them") out with --exclude GLOB\n")
    }
}
