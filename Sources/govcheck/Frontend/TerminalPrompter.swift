import Foundation
import GovCheckEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The questionnaire on a terminal: one screen per question, arrow keys or numbers to choose,
/// Enter to confirm, space to tick list items, `?` legal basis, `b` back, `s` skip, `q` save and
/// quit, Ctrl-C stop without saving. The terminal is put back as it was on every way out.
final class TerminalPrompter: Prompter {
    enum Key: Equatable {
        case up, down, left, right, enter, space, backspace, escape, ctrlC, ctrlD, ctrlU
        case char(Character)
    }

    let language: Language
    private var saved = termios()
    private var restored = false

    init?(language: Language) {
        self.language = language
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return nil }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
    }

    func finish() {
        guard !restored else { return }
        restored = true
        var t = saved
        tcsetattr(STDIN_FILENO, TCSANOW, &t)
        write("\u{1B}[?25h")
    }

    deinit { finish() }

    var zh: Bool { language == .zh }

    func write(_ s: String) { FileHandle.standardOutput.write(Data(s.utf8)) }

    /// Terminal rows; a list longer than the screen is shown as a window around the cursor.
    var height: Int {
        var w = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_row > 8 { return Int(w.ws_row) }
        return 24
    }

    var width: Int {
        var w = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &w) == 0, w.ws_col > 20 { return min(Int(w.ws_col), 100) - 1 }
        return 79
    }

    func byte(timeoutMs: Int32 = -1) -> UInt8? {
        if timeoutMs >= 0 {
            var fds = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, timeoutMs) > 0 else { return nil }
        }
        var b: UInt8 = 0
        return Foundation.read(STDIN_FILENO, &b, 1) == 1 ? b : nil
    }

    func key() -> Key {
        guard let b = byte() else { return .ctrlD }
        switch b {
        case 0x1B:
            guard let n = byte(timeoutMs: 50) else { return .escape }
            if n == UInt8(ascii: "[") || n == UInt8(ascii: "O") {
                switch byte(timeoutMs: 50) {
                case UInt8(ascii: "A"): return .up
                case UInt8(ascii: "B"): return .down
                case UInt8(ascii: "C"): return .right
                case UInt8(ascii: "D"): return .left
                default: return .escape
                }
            }
            return .escape
        case 13, 10: return .enter
        case 32: return .space
        case 127, 8: return .backspace
        case 3: return .ctrlC
        case 4: return .ctrlD
        case 21: return .ctrlU
        default:
            // UTF-8: the lead byte says how many continuation bytes follow.
            var bytes = [b]
            let extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0
            for _ in 0..<extra { if let c = byte(timeoutMs: 50) { bytes.append(c) } }
            guard let s = String(bytes: bytes, encoding: .utf8), let c = s.first else { return .escape }
            return .char(c)
        }
    }

    func screen(_ lines: [String]) {
        write("\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\r\n") + "\r\n")
    }

    func ask(_ p: Presented) -> Reply {
        if let fields = p.formFields { return form(p, fields) }
        let choices = p.choices
        var cursor = 0
        var ticked = Set<Int>()
        var unsure = Set<Int>()
        if let choices, let prev = p.previous {
            switch prev {
            case .bool(let b): cursor = b ? 0 : 1
            case .string(let s): cursor = choices.firstIndex { $0.value == s } ?? 0
            case .list(let items): ticked = Set(choices.indices.filter { items.contains(choices[$0].value) })
            default: break
            }
        }
        var showBasis = false
        var message: String?
        var digits = ""
        let items = choices?.map(\.label) ?? [zh ? "输入答案…" : "Type the answer…"]
        while true {
            var lines = p.lines(width: width)
            lines.append("")
            var itemLines: [(item: Int, text: String)] = []
            for (i, label) in items.enumerated() {
                let mark = choices != nil && p.multiple ? (ticked.contains(i) ? "[x] " : unsure.contains(i) ? "[?] " : "[ ] ") : ""
                let pointer = i == cursor ? "\u{1B}[7m>" : " "
                let number = choices != nil ? "\(i + 1)) " : ""
                let first = wrap(label, width - 8)
                itemLines.append((i, "\(pointer) \(mark)\(number)\(first[0])" + (i == cursor ? "\u{1B}[0m" : "")))
                for more in first.dropFirst() { itemLines.append((i, "      " + more)) }
            }
            lines += TerminalPrompter.window(itemLines, cursor: cursor, room: height - lines.count - 6 - (showBasis ? 8 : 0), zh: zh)
            if p.isGroup {
                lines.append(zh ? "  （空格切换：[x] 属实 · [?] 不清楚 · [ ] 否）" : "  (space cycles: [x] true · [?] don't know · [ ] no)")
            } else if p.multiple { lines.append(zh ? "  （空格勾选；不勾选即“都不是”）" : "  (space ticks; nothing ticked means none of these)") }
            if let prev = p.previous, choices == nil { lines.append((zh ? "  此前的回答：" : "  earlier answer: ") + DescriptorText.yaml(prev)) }
            lines.append("")
            if showBasis { lines += p.basisLines(width: width); lines.append("") }
            if let m = message { lines.append(m); message = nil }
            lines.append(zh ? "↑↓ 或编号选择 · Enter 确认 · ? 法律依据 · b 返回 · s 跳过 · q 保存并退出"
                         : "↑↓ or number to choose · Enter confirm · ? legal basis · b back · s skip · q save and quit")
            screen(lines)
            let k = key()
            if case .char(let c) = k, let d = c.wholeNumberValue, choices != nil {
                digits += String(d)
                if let n = Int(digits), n >= 1, n <= items.count { cursor = n - 1 } else { digits = String(d); if d >= 1 && d <= items.count { cursor = d - 1 } }
                continue
            }
            digits = ""
            switch k {
            case .up: cursor = max(0, cursor - 1)
            case .down: cursor = min(items.count - 1, cursor + 1)
            case .space:
                if p.isGroup {
                    // [ ] -> [x] -> [?] -> [ ]
                    if ticked.contains(cursor) { ticked.remove(cursor); unsure.insert(cursor) }
                    else if unsure.contains(cursor) { unsure.remove(cursor) }
                    else { ticked.insert(cursor) }
                } else if p.multiple { if ticked.contains(cursor) { ticked.remove(cursor) } else { ticked.insert(cursor) } }
            case .enter:
                guard let choices else {
                    if let r = typed(p) { return r }
                    continue
                }
                if p.isGroup {
                    return .checks(yes: Set(ticked.map { choices[$0].value }), unknown: Set(unsure.map { choices[$0].value }))
                }
                if p.multiple { return .value(.list(choices.indices.filter(ticked.contains).map { choices[$0].value })) }
                if case .bool = p.fact.type { return .value(.bool(choices[cursor].value == "true")) }
                return .value(.string(choices[cursor].value))
            case .char("?"): showBasis.toggle()
            case .char("b"), .char("B"), .left: return .back
            case .char("s"), .char("S"): return .skip
            case .char("q"), .char("Q"), .ctrlD: return .quit
            case .ctrlC: return .abort
            default: message = zh ? "（按 ? 查看法律依据，q 保存并退出）" : "(press ? for the legal basis, q to save and quit)"
            }
        }
    }

    /// A form: one field after another on one screen, with the values typed so far. Enter on an
    /// empty field leaves it unknown; Esc goes back a field (from the first, to the previous question).
    func form(_ p: Presented, _ fields: [FactDeclaration]) -> Reply {
        var typed: [String: FactValue] = [:]
        var i = 0
        var buffer = ""
        var message: String?
        while i < fields.count {
            let f = p.field(fields[i])
            var lines = p.lines(width: width)
            lines.append("")
            for (j, other) in fields.enumerated() {
                let q = p.field(other).question?.text.text(language) ?? other.description.text(language)
                let value = typed[other.path].map { DescriptorText.yaml($0) } ?? (j < i ? (zh ? "（不清楚）" : "(unknown)") : "")
                let first = wrap("\(j + 1)) \(q)", width - 4)
                lines.append((j == i ? "> " : "  ") + first[0])
                for more in first.dropFirst() { lines.append("    " + more) }
                if j < i { lines.append("      = " + value) }
                if j == i, let choices = f.choices {
                    for (n, c) in choices.enumerated() { lines.append("      \(n + 1)) \(c.label)") }
                }
            }
            lines.append("")
            let hint = f.choices != nil ? (zh ? "编号" : "a number") : f.typeHint()
            lines.append((zh ? "  请输入（\(hint)；留空表示不清楚）：" : "  Type \(hint) (empty if you do not know):"))
            lines.append("  > " + buffer + "\u{1B}[7m \u{1B}[0m")
            if let m = message { lines.append(""); lines += wrap(m, width, indent: "  "); message = nil }
            lines.append("")
            lines += f.basisLines(width: width).prefix(2)
            lines.append("")
            lines.append(zh ? "Enter 确认 · Esc 上一项 · Ctrl-U 清空 · Ctrl-D 保存并退出" : "Enter submit · Esc previous field · Ctrl-U clear · Ctrl-D save and quit")
            screen(lines)
            switch key() {
            case .enter:
                if buffer.trimmingCharacters(in: .whitespaces).isEmpty { typed[fields[i].path] = nil; i += 1; continue }
                switch f.parseField(buffer) {
                case .success(let v): typed[fields[i].path] = v; i += 1; buffer = ""
                case .failure(let e): message = "\(e.message): \(e.help)"
                }
            case .escape, .left:
                if i == 0 { return .back }
                i -= 1
                buffer = typed[fields[i].path].map { v -> String in if case .string(let s) = v { return s }; return DescriptorText.yaml(v) } ?? ""
                typed[fields[i].path] = nil
            case .ctrlC: return .abort
            case .ctrlD: return .quit
            case let k: TerminalPrompter.edit(&buffer, k)
            }
        }
        return typed.isEmpty ? .skip : .form(typed)
    }

    /// The lines of a list that fit in `room` rows, around the cursor's item, with a note of how
    /// many are above and below.
    static func window(_ lines: [(item: Int, text: String)], cursor: Int, room: Int, zh: Bool) -> [String] {
        let room = max(room, 5)
        guard lines.count > room else { return lines.map(\.text) }
        let at = lines.firstIndex { $0.item == cursor } ?? 0
        var start = max(0, at - (room - 2) / 2)
        let end = min(lines.count, start + room - 2)
        start = max(0, end - (room - 2))
        var out: [String] = []
        out.append(start > 0 ? (zh ? "  ↑ 上方还有 \(Set(lines[..<start].map(\.item)).count) 项" : "  ↑ \(Set(lines[..<start].map(\.item)).count) more above") : "")
        out += lines[start..<end].map(\.text)
        out.append(end < lines.count ? (zh ? "  ↓ 下方还有 \(Set(lines[end...].map(\.item)).count) 项" : "  ↓ \(Set(lines[end...].map(\.item)).count) more below") : "")
        return out
    }

    /// The line editor for numbers, dates and text: Enter submits, Esc returns to the menu.
    func typed(_ p: Presented) -> Reply? {
        var buffer = p.previous.map { v -> String in if case .string(let s) = v { return s }; return DescriptorText.yaml(v) } ?? ""
        var message: String?
        while true {
            var lines = p.lines(width: width)
            lines.append("")
            lines.append((zh ? "  请输入（\(p.typeHint())）：" : "  Type \(p.typeHint()):"))
            lines.append("  > " + buffer + "\u{1B}[7m \u{1B}[0m")
            if let m = message { lines.append(""); lines += wrap(m, width, indent: "  ") }
            lines.append("")
            lines.append(zh ? "Enter 确认 · Esc 返回菜单 · Ctrl-U 清空" : "Enter submit · Esc back to the menu · Ctrl-U clear")
            screen(lines)
            switch key() {
            case .enter:
                switch p.interview.parse(buffer, for: p.fact) {
                case .success(let v): return .value(v)
                case .failure(let e): message = "\(e.message): \(e.help)"
                }
            case .escape, .left: return nil
            case .ctrlC: return .abort
            case .ctrlD: return .quit
            case let k: TerminalPrompter.edit(&buffer, k)
            }
        }
    }

    /// The line editing keys of a typed answer: backspace, Ctrl-U clears, space and characters type.
    static func edit(_ buffer: inout String, _ k: Key) {
        switch k {
        case .backspace: if !buffer.isEmpty { buffer.removeLast() }
        case .ctrlU: buffer = ""
        case .space: buffer += " "
        case .char(let c): buffer.append(c)
        default: break
        }
    }

    func chooseJurisdictions(_ loaded: [String]) -> [String]? {
        let options = loaded.map { [$0] } + (loaded.count > 1 ? [loaded] : [])
        var cursor = 0
        while true {
            var lines = [zh ? "系统在哪里提供或使用？" : "Where is the system offered or used?", ""]
            for (i, o) in options.enumerated() {
                lines.append((i == cursor ? "\u{1B}[7m> " : "  ") + "\(i + 1)) " + o.joined(separator: " + ") + (i == cursor ? "\u{1B}[0m" : ""))
            }
            lines.append("")
            lines.append(zh ? "↑↓ 或编号选择 · Enter 确认 · q 退出" : "↑↓ or number to choose · Enter confirm · q quit")
            screen(lines)
            switch key() {
            case .up: cursor = max(0, cursor - 1)
            case .down: cursor = min(options.count - 1, cursor + 1)
            case .enter: return options[cursor]
            case .char(let c) where c.wholeNumberValue != nil:
                if let n = c.wholeNumberValue, n >= 1, n <= options.count { cursor = n - 1 }
            case .char("q"), .ctrlC, .ctrlD: return nil
            default: break
            }
        }
    }

    func askName() -> String? {
        var buffer = ""
        while true {
            screen([zh ? "该部署的简称（metadata.name）：" : "A short name for this deployment (metadata.name):", "", "  > " + buffer + "\u{1B}[7m \u{1B}[0m", "",
                    zh ? "Enter 确认 · Ctrl-C 退出" : "Enter confirm · Ctrl-C quit"])
            switch key() {
            case .enter: if !buffer.trimmingCharacters(in: .whitespaces).isEmpty { return buffer.trimmingCharacters(in: .whitespaces) }
            case .backspace: if !buffer.isEmpty { buffer.removeLast() }
            case .space: buffer += " "
            case .char(let c): buffer.append(c)
            case .ctrlC, .ctrlD: return nil
            default: break
            }
        }
    }
}
