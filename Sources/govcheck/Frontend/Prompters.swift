import Foundation
import GovCheckEngine

/// What the person answering did with a question.
enum Reply {
    case value(FactValue)
    /// A group checklist: the facts ticked true and those marked "don't know"; the rest are false.
    case checks(yes: Set<String>, unknown: Set<String>)
    /// A group form: the values typed; a member left out stays unknown.
    case form([String: FactValue])
    case skip, back
    /// Save what was answered and stop.
    case quit
    /// Stop without saving (Ctrl-C on a terminal).
    case abort
}

/// A question as shown: the step, its number, the language, and the earlier answer when going back.
struct Presented {
    let step: InterviewStep
    let number: Int
    let language: Language
    let previous: FactValue?
    let interview: Interview

    var fact: FactDeclaration { step.fact }
    var question: Question? { step.question }
    var zh: Bool { language == .zh }

    /// The choices of a bool, enum or list-of-enum fact, with their labels; nil for typed values.
    var choices: [(value: String, label: String)]? {
        let labels = question?.labels ?? [:]
        switch fact.type {
        case .bool:
            return [("true", labels["true"]?.text(language) ?? (zh ? "是" : "Yes")),
                    ("false", labels["false"]?.text(language) ?? (zh ? "否" : "No"))]
        case .enumeration(let vs), .list(.enumeration(let vs)):
            return vs.map { ($0, labels[$0]?.text(language) ?? $0) }
        default: return nil
        }
    }

    var multiple: Bool { if case .list = fact.type { return true }; return false }

    /// A checklist of yes/no facts, each ticked, unticked or marked unknown.
    var isGroup: Bool { if case .group(let g, _, _) = step.reason { return g.kind == .checklist }; return false }

    /// A form of typed values (numbers, dates, text), one field after another.
    var formFields: [FactDeclaration]? {
        if case .group(let g, let members, _) = step.reason, g.kind == .form { return members }
        return nil
    }

    /// A typed form field: a choice by its number or value, anything else as `check` reads it.
    func parseField(_ text: String) -> Result<FactValue, AnswerError> {
        if let choices, let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 1, n <= choices.count {
            return .success(.string(choices[n - 1].value))
        }
        return interview.parse(text, for: fact)
    }

    /// One field of a form, presented as a question of its own under the form's number.
    func field(_ f: FactDeclaration) -> Presented {
        Presented(step: step.field(f, book: interview.book),
                  number: number, language: language, previous: nil, interview: interview)
    }

    /// The question and its explanation, wrapped to `width`.
    func lines(width: Int) -> [String] {
        var out: [String] = []
        let stage = Presented.stageTitle(step.stage, language)
        out.append((zh ? "问题 \(number) · " : "Question \(number) · ") + stage + (fact.path == Interview.checklistPath || fact.path.hasPrefix(Interview.groupPrefix) ? "" : " · " + fact.path))
        out.append("")
        out += wrap(question?.text.text(language) ?? fact.description.text(language), width)
        if let h = question?.help?.text(language) { out.append(""); out += wrap(h, width, indent: "  ") }
        if question == nil {
            out.append("")
            out += wrap(zh ? "（尚无为该事实编写的问题；以上为词汇表中的说明。）" : "(No question is written for this fact yet; this is its vocabulary description.)", width, indent: "  ")
        }
        out.append("")
        switch step.reason {
        case .deciding(let n, _):
            out += wrap(zh ? "该回答有助于确定 \(n) 项尚未确定的结果。" : "The answer helps decide \(n) result\(n == 1 ? "" : "s") still open.", width)
        case .checklist(let duties):
            out += wrap(zh ? "共 \(duties.count) 项义务。" : "\(duties.count) dut\(duties.count == 1 ? "y" : "ies").", width)
        case .group(let g, let members, let n):
            let facts = members.map(\.path).joined(separator: ", ")
            let what = g.kind == .checklist ? (zh ? "项陈述" : " statements") : (zh ? "个字段" : " fields")
            if n > 0 {
                out += wrap(zh ? "共 \(members.count) \(what)；这些回答有助于确定 \(n) 项尚未确定的结果。" : "\(members.count)\(what); the answers help decide \(n) result\(n == 1 ? "" : "s") still open.", width)
            } else {
                out += wrap(zh ? "共 \(members.count) \(what)：所勾选义务的证据。" : "\(members.count)\(what): evidence for the duties ticked.", width)
            }
            out += wrap((zh ? "事实：" : "Facts: ") + facts, width, indent: "  ")
        case .evidence(let pack, let id, let title, let citation):
            out += wrap(zh ? "证据：适用但尚未满足的义务 \(title.text(language))（\(citation.text(language))，\(pack)/\(id)）"
                        : "Evidence for a duty that applies and is not met: \(title.text(language)) (\(citation.text(language)), \(pack)/\(id)).", width)
        }
        return out
    }

    /// What `?` shows: the legal basis, the decision aid, and the fact as the vocabulary declares it.
    func basisLines(width: Int) -> [String] {
        var out: [String] = []
        if let b = question?.basis.text(language) { out += wrap((zh ? "法律依据：" : "Legal basis: ") + b, width) }
        if let a = question?.aid?.text(language) { out.append(""); out += wrap(a, width) }
        out.append("")
        out += wrap("\(fact.path) (\(fact.type.name)): " + fact.description.text(language), width, indent: "  ")
        return out
    }

    static func stageTitle(_ s: QuestionStage, _ l: Language) -> String {
        let t: (String, String)
        switch s {
        case .scope: t = ("Scope", "适用范围")
        case .roles: t = ("Roles", "角色")
        case .prohibited: t = ("Prohibited practices", "禁止的实践")
        case .highRisk: t = ("High-risk", "高风险")
        case .transparency: t = ("Transparency", "透明度")
        case .gpai: t = ("General-purpose AI models", "通用人工智能模型")
        case .publicOpinion: t = ("Public-opinion attributes", "舆论属性")
        case .service: t = ("Service duties", "服务义务")
        case .deepSynthesis: t = ("Deep synthesis", "深度合成")
        case .algorithm: t = ("Algorithmic recommendation", "算法推荐")
        case .labeling: t = ("Labelling", "标识")
        case .personalInformation: t = ("Personal information", "个人信息")
        case .security: t = ("Security", "安全")
        case .evidence: t = ("Evidence", "证据")
        }
        return l == .zh ? t.1 : t.0
    }

    func typeHint() -> String {
        switch fact.type {
        case .number: return zh ? "数字，如 12 或 3.8e25" : "a number, e.g. 12 or 3.8e25"
        case .date: return zh ? "日期，格式 YYYY-MM-DD" : "a date, YYYY-MM-DD"
        case .list(.string): return zh ? "以逗号分隔的条目，none 表示无" : "items separated by commas, or none"
        default: return zh ? "文字" : "text"
        }
    }
}

/// Wraps text at word boundaries (CJK text at any character) to `width` columns.
func wrap(_ text: String, _ width: Int, indent: String = "") -> [String] {
    var out: [String] = []
    let w = max(20, width - indent.count)
    for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
        var line = ""
        for word in para.split(separator: " ") {
            var piece = String(word)
            while piece.count > w {
                if !line.isEmpty { out.append(indent + line); line = "" }
                out.append(indent + String(piece.prefix(w)))
                piece = String(piece.dropFirst(w))
            }
            if line.isEmpty { line = piece } else if line.count + 1 + piece.count <= w { line += " " + piece } else {
                out.append(indent + line)
                line = piece
            }
        }
        out.append(indent + line)
    }
    return out
}

/// Asks questions: on a terminal, as plain lines, or from an answers file.
protocol Prompter: AnyObject {
    func ask(_ p: Presented) -> Reply
    /// The jurisdictions to check for, or nil when the prompter cannot ask.
    func chooseJurisdictions(_ loaded: [String]) -> [String]?
    func askName() -> String?
    /// Restores the terminal (or does nothing).
    func finish()
}

/// Answers from a file: a stated fact answers its question, any other question is skipped.
final class AnswerSource: Prompter {
    let values: [String: FactValue]
    let vocabulary: Vocabulary
    private(set) var used = Set<String>()

    init(values: [String: FactValue], vocabulary: Vocabulary) {
        self.values = values
        self.vocabulary = vocabulary
    }

    func ask(_ p: Presented) -> Reply {
        // A group: each member as the file states it; one it leaves out stays unknown.
        if let fields = p.formFields {
            var typed: [String: FactValue] = [:]
            for f in fields { if let v = values[f.path] { typed[f.path] = v; used.insert(f.path) } }
            return typed.isEmpty ? .skip : .form(typed)
        }
        if case .group(_, let members, _) = p.step.reason {
            var yes = Set<String>(), unknown = Set<String>()
            for m in members.map(\.path) {
                switch values[m] {
                case .bool(true)?: yes.insert(m); used.insert(m)
                case .bool(false)?: used.insert(m)
                default: unknown.insert(m)
                }
            }
            return unknown.count == members.count ? .skip : .checks(yes: yes, unknown: unknown)
        }
        // The checklist: tick the duties whose evidence the file states.
        if case .checklist(let duties) = p.step.reason {
            return .value(.list(duties.filter { d in d.evidence.contains { values[$0] != nil } }.map(\.key)))
        }
        guard let v = values[p.fact.path] else { return .skip }
        used.insert(p.fact.path)
        return .value(v)
    }

    func chooseJurisdictions(_ loaded: [String]) -> [String]? { nil }
    func askName() -> String? { nil }
    func finish() {}
}

/// Plain prompts, one line per answer, for pipes and scripts; end of input saves and quits.
final class PlainPrompter: Prompter {
    let language: Language
    init(language: Language) { self.language = language }

    func say(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }

    func read() -> String? { readLine(strippingNewline: true) }

    func ask(_ p: Presented) -> Reply {
        let zh = language == .zh
        say("\n" + p.lines(width: 78).joined(separator: "\n") + "\n")
        if let fields = p.formFields { return form(p, fields) }
        let choices = p.choices
        if let choices {
            for (i, c) in choices.enumerated() { say("  \(i + 1)) \(c.label)\n") }
            if p.isGroup {
                say(zh ? "  （输入属实各项的编号，以逗号分隔；不清楚的写 ?编号，如 1,?3；0 或 none 表示都不属实）\n"
                       : "  (the numbers of the true statements, separated by commas; ?N for one you do not know, e.g. 1,?3; 0 or none if none is true)\n")
            } else if p.multiple { say(zh ? "  （可选多项，以逗号分隔；0 或 none 表示都不是）\n" : "  (several allowed, separated by commas; 0 or none for none of these)\n") }
        }
        if let prev = p.previous { say((zh ? "  此前的回答：" : "  earlier answer: ") + DescriptorText.yaml(prev) + "\n") }
        while true {
            let hint = choices != nil ? (zh ? "编号" : "number") : p.typeHint()
            say((zh ? "回答（\(hint)；? 法律依据，back 返回，skip 跳过，quit 保存并退出）：" : "Answer (\(hint); ? legal basis, back, skip, quit): "))
            guard let line = read() else { say("\n"); return .quit }
            let t = line.trimmingCharacters(in: .whitespaces)
            switch t.lowercased() {
            case "?": say(p.basisLines(width: 78).joined(separator: "\n") + "\n"); continue
            case "back", "b": return .back
            case "": say(zh ? "（空回答：输入 skip 跳过）\n" : "(empty: type skip to skip)\n"); continue
            case "skip", "s": return .skip
            case "quit", "q": return .quit
            default: break
            }
            if let choices, p.isGroup {
                switch PlainPrompter.checks(t, choices.map(\.value)) {
                case .success(let r): return r
                case .failure(let bad):
                    say(zh ? "“\(bad)”不是可选项；请输入 1 到 \(choices.count) 的编号，或 ?编号。\n" : "'\(bad)' is not a choice: give numbers from 1 to \(choices.count), or ?N.\n")
                    continue
                }
            }
            if let choices {
                let tokens = t.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
                if p.multiple && (tokens == ["0"] || tokens == ["none"]) { return .value(.list([])) }
                var picked: [String] = []
                var bad: String?
                for tok in tokens {
                    if let n = Int(tok), n >= 1, n <= choices.count { picked.append(choices[n - 1].value) }
                    else if let c = choices.first(where: { $0.value == tok }) { picked.append(c.value) }
                    else if case .bool = p.fact.type, case .success(let v) = p.interview.parse(tok, for: p.fact), case .bool(let b) = v { picked.append(b ? "true" : "false") }
                    else { bad = tok }
                }
                if let bad { say((zh ? "“\(bad)”不是可选项；请输入 1 到 \(choices.count) 的编号。\n" : "'\(bad)' is not a choice: give a number from 1 to \(choices.count).\n")); continue }
                if p.multiple {
                    var seen = Set<String>()
                    let ordered = choices.map(\.value).filter { picked.contains($0) && seen.insert($0).inserted }
                    return .value(.list(ordered))
                }
                guard picked.count == 1 else { say(zh ? "请只选一项。\n" : "Choose one.\n"); continue }
                if case .bool = p.fact.type { return .value(.bool(picked[0] == "true")) }
                return .value(.string(picked[0]))
            }
            switch p.interview.parse(t, for: p.fact) {
            case .success(let v): return .value(v)
            case .failure(let e): say("\(e.message): \(e.help)\n")
            }
        }
    }

    /// A form, one line per field: an empty line leaves the field unknown; `back` on the first
    /// field goes to the previous question, `skip` leaves the remaining fields unknown.
    func form(_ p: Presented, _ fields: [FactDeclaration]) -> Reply {
        let zh = language == .zh
        var typed: [String: FactValue] = [:]
        var i = 0
        while i < fields.count {
            let f = p.field(fields[i])
            say("  \(i + 1)/\(fields.count) " + (f.question?.text.text(language) ?? f.fact.description.text(language)) + "\n")
            let choices = f.choices
            for (n, c) in (choices ?? []).enumerated() { say("      \(n + 1)) \(c.label)\n") }
            let hint = choices != nil ? (zh ? "编号" : "number") : f.typeHint()
            say(zh ? "  （\(hint)；留空表示不清楚）> " : "  (\(hint); empty if you do not know)> ")
            guard let line = read() else { say("\n"); return .quit }
            let t = line.trimmingCharacters(in: .whitespaces)
            switch t.lowercased() {
            case "": i += 1; continue
            case "?": say(f.basisLines(width: 78).joined(separator: "\n") + "\n"); continue
            case "back", "b": if i == 0 { return .back }; i -= 1; typed[fields[i].path] = nil; continue
            case "skip", "s": return typed.isEmpty ? .skip : .form(typed)
            case "quit", "q": return .quit
            default: break
            }
            switch f.parseField(t) {
            case .success(let v): typed[fields[i].path] = v; i += 1
            case .failure(let e): say("\(e.message): \(e.help)\n")
            }
        }
        return typed.isEmpty ? .skip : .form(typed)
    }

    /// A typed group answer: numbers of the true statements, `?N` for unknown ones, `0`/`none`.
    static func checks(_ text: String, _ values: [String]) -> Result<Reply, BadToken> {
        let tokens = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        if tokens == ["0"] || tokens.map({ $0.lowercased() }) == ["none"] { return .success(.checks(yes: [], unknown: [])) }
        var yes = Set<String>(), unknown = Set<String>()
        for tok in tokens {
            let q = tok.hasPrefix("?")
            guard let n = Int(q ? String(tok.dropFirst()) : tok), n >= 1, n <= values.count else { return .failure(BadToken(text: tok)) }
            if q { unknown.insert(values[n - 1]) } else { yes.insert(values[n - 1]) }
        }
        return .success(.checks(yes: yes.subtracting(unknown), unknown: unknown))
    }

    struct BadToken: Error, CustomStringConvertible {
        let text: String
        var description: String { text }
    }

    func chooseJurisdictions(_ loaded: [String]) -> [String]? {
        let zh = language == .zh
        say(zh ? "\n系统在哪里提供或使用？\n" : "\nWhere is the system offered or used?\n")
        let options = loaded.map { [$0] } + (loaded.count > 1 ? [loaded] : [])
        for (i, o) in options.enumerated() { say("  \(i + 1)) \(o.joined(separator: " + "))\n") }
        while true {
            say(zh ? "编号：" : "Number: ")
            guard let line = read() else { return nil }
            if let n = Int(line.trimmingCharacters(in: .whitespaces)), n >= 1, n <= options.count { return options[n - 1] }
        }
    }

    func askName() -> String? {
        say(language == .zh ? "\n该部署的简称（metadata.name）：" : "\nA short name for this deployment (metadata.name): ")
        return read()?.trimmingCharacters(in: .whitespaces)
    }

    func finish() {}
}
