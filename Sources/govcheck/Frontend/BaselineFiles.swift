import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters

/// Reading and writing findings baselines for `check --baseline` and `--write-baseline`.
enum BaselineFiles {
    /// The baseline the run compares with, or nil. A path that names no file is an error that says
    /// what was probably meant: `--baseline` once took a text version of the law (now `--law-version`).
    static func load(_ setting: Sourced<String?>, set: PackSet, settings: CheckSettings, style: Style) throws -> FindingsBaseline? {
        guard let path = setting.value else { return nil }
        guard FileManager.default.fileExists(atPath: path) else {
            let lawVersions = Set(set.packs.flatMap { $0.baselines.map(\.id) })
            if lawVersions.contains(path) {
                throw settings.fail(setting.source, "'\(path)' is a text version of the law, not a findings baseline file",
                                    help: "did you mean --law-version \(path)? (--baseline now names a file written by --write-baseline)", style: style)
            }
            if case .config = setting.source {
                throw settings.fail(setting.source, "the findings baseline '\(DisplayText.escaped(path))' does not exist",
                                    help: "write it with govcheck check --write-baseline \(path), or remove 'baseline' from the config", style: style)
            }
            throw settings.fail(setting.source, "no such findings baseline file '\(DisplayText.escaped(path))'",
                                help: "write one with govcheck check --write-baseline FILE; to evaluate under a text version of the law, use --law-version ID"
                                    + (Suggest.help(path, lawVersions.sorted()).map { " (\($0))" } ?? ""), style: style)
        }
        switch FindingsBaseline.read(path: path) {
        case .success(let b): return b
        case .failure(let problems):
            Environment.printError(DiagnosticRenderer.render(problems.diagnostics, style: style))
            Environment.printError("error: the findings baseline \(DisplayText.escaped(path)) cannot be used; fix it, or write it again with --write-baseline\n")
            throw ExitCode.inputError
        }
    }

    /// Writes the run's findings; refused (false) when some input could not be evaluated, since
    /// the baseline would then not hold that input's findings.
    static func write(_ recorder: BaselineRecorder, to path: String, summary: RunSummary, language: Language = .en) -> Bool {
        let l = ReportLabels(language)
        guard summary.inputErrors == 0 else {
            let n = summary.inputErrors
            Environment.printError(l(en: "error: the findings baseline \(DisplayText.escaped(path)) was not written: \(n) input error\(n == 1 ? "" : "s") (above) left descriptors unevaluated\n"
                                       + "  help: fix those files, or leave them out with --exclude, and run again\n",
                                     zh: "错误：未写入发现基线 \(DisplayText.escaped(path))：\(n) 个输入错误（见上）导致有描述文件未能评估\n"
                                       + "  帮助：修正这些文件，或用 --exclude 排除它们，然后重新运行\n"))
            return false
        }
        let entries = recorder.entries
        do {
            try Data(FindingsBaseline.render(entries).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            Environment.printError("error: cannot write the findings baseline '\(DisplayText.escaped(path))': \(error.localizedDescription)\n"
                                   + "  help: check that the folder exists and is writable\n")
            return false
        }
        let n = entries.reduce(0) { $0 + $1.count }
        Environment.printError(l(en: "wrote findings baseline \(DisplayText.escaped(path)): \(n) finding\(n == 1 ? "" : "s") of \(recorder.descriptors) descriptor\(recorder.descriptors == 1 ? "" : "s"); "
                                   + "check with --baseline \(path) to gate only on new findings\n",
                                 zh: "已写入发现基线 \(DisplayText.escaped(path))：\(recorder.descriptors) 个描述文件的 \(n) 项发现；"
                                   + "用 --baseline \(path) 检查，即只对新的发现判定未通过\n"))
        return true
    }
}
