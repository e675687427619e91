import Foundation
import GovCheckEngine

/// A fact as the text report names it: the vocabulary's words first, then the path, so an officer
/// reads what is meant and whoever edits the descriptor finds the field.
struct FactWording {
    let packs: [RulePack]
    let language: Language

    /// The vocabulary description of `path` up to its first clause (from the pack that reads it,
    /// else any pack of the run); nil for a fact no vocabulary declares.
    func words(_ path: String, pack: String?) -> String? {
        let own = pack.flatMap { id in packs.first { $0.id == id } }?.vocabulary[path]
        guard let d = own ?? packs.lazy.compactMap({ $0.vocabulary[path] }).first else { return nil }
        let s = FactWording.clauses.firstClause(d.description.text(language))
        return s.isEmpty ? nil : s
    }

    /// First clauses already cut, by description: a report names the same facts thousands of times.
    static let clauses = ClauseCache()

    /// `words (path detail)`, or the path alone when no vocabulary has words for it. The path is
    /// one unit for the line folding, kept on one line with its detail where it fits.
    func phrase(_ path: String, pack: String?, detail: String = "") -> String {
        let ref = TextLayout.whole(path) + detail
        guard let w = words(path, pack: pack) else { return TextLayout.citation(ref) }
        return language == .zh ? w + TextLayout.citation("（" + ref + "）") : w + " " + TextLayout.citation("(" + ref + ")")
    }

    /// Abbreviations after which a full stop does not end the clause.
    static let abbreviations: Set<String> = ["Art", "Arts", "art", "arts", "e.g", "i.e", "No", "Nos", "para", "paras", "cf", "p", "pp", "etc", "vs", "approx"]

    /// True when the parenthesis opening at `i` is followed, after it closes, by the end of the text
    /// or a punctuation mark that ends a clause.
    static func endsClause(_ chars: [Character], openingAt i: Int) -> Bool {
        var depth = 0
        for j in i..<chars.count {
            switch chars[j] {
            case "(", "[", "（": depth += 1
            case ")", "]", "）":
                depth -= 1
                if depth == 0 {
                    guard j + 1 < chars.count else { return true }
                    return ".,;:，。；：、—".contains(chars[j + 1]) || (chars[j + 1] == " " && j + 2 < chars.count && chars[j + 2] == "—")
                }
            default: break
            }
        }
        return true
    }

    /// The description up to its first clause: cut before a parenthesis, colon, semicolon, dash or
    /// sentence end that is not inside parentheses, so a long legal description reads as a name.
    static func firstClause(_ s: String) -> String {
        let chars = Array(s)
        var depth = 0
        var end = chars.count
        for (i, c) in chars.enumerated() {
            let spaceAfter = i + 1 == chars.count || chars[i + 1] == " "
            if c == "(" || c == "[" || c == "（" {
                // A parenthesis that ends the clause (a reference, a gloss) is left out; one inside
                // the sentence ("The model (and its output) was …") is part of the words.
                if depth == 0 && i > 0 && (c == "（" || chars[i - 1] == " ") && FactWording.endsClause(chars, openingAt: i) {
                    end = c == "（" ? i : i - 1
                    break
                }
                depth += 1
            } else if c == ")" || c == "]" || c == "）" {
                depth = max(0, depth - 1)
            } else if depth > 0 {
                continue
            } else if "：；。—".contains(c) || ((c == ":" || c == ";") && spaceAfter) {
                end = i; break
            } else if c == "." && spaceAfter {
                var j = i
                while j > 0, chars[j - 1].isLetter || chars[j - 1].isNumber || chars[j - 1] == "." { j -= 1 }
                let word = String(chars[j..<i])
                if word.count <= 1 || abbreviations.contains(word) { continue }
                end = i; break
            }
        }
        var out = String(chars[..<end])
        while let last = out.last, last == " " || last == "," || last == "." || last == "，" { out.removeLast() }
        return out
    }
}

/// A lock-guarded memo of `FactWording.firstClause`, shared by the threads that render reports.
final class ClauseCache: @unchecked Sendable {
    private var cut: [String: String] = [:]
    private let lock = NSLock()

    func firstClause(_ description: String) -> String {
        lock.lock()
        if let known = cut[description] { lock.unlock(); return known }
        lock.unlock()
        let s = FactWording.firstClause(description)
        lock.lock(); cut[description] = s; lock.unlock()
        return s
    }
}
