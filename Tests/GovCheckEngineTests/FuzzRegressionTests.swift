import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine

/// Inputs found while fuzzing (Fuzzing/, docs/robustness.md), kept as plain tests so a regression
/// shows in `swift test` without a sanitizer build.
@Suite("Fuzz findings")
struct FuzzRegressionTests {
    /// The full edit distance, written out independently of the engine's bounded one.
    static func reference(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
        }
        return d[a.count][b.count]
    }

    /// What `closest` promised before it was bounded: the nearest name by full edit distance within
    /// a third of the word's length (at least 2), ties broken alphabetically.
    static func referenceClosest(_ word: String, _ candidates: [String]) -> String? {
        let limit = max(2, word.count / 3)
        var best: (name: String, distance: Int)? = nil
        for c in candidates {
            let d: Int = Suggest.distance(word, c)
            guard d <= limit else { continue }
            if let b = best, b.distance < d || (b.distance == d && b.name <= c) { continue }
            best = (c, d)
        }
        return best?.name
    }

    @Test("the bounded edit distance gives the same suggestions as the full one")
    func boundedSuggestionsMatch() {
        let packs = loadPacks([TestPaths.root.appendingPathComponent("Rules").path])
        // Every third shipped fact path and group: neighbours with shared prefixes, kept small
        // because the full distance it is compared with is slow in a debug build.
        let all = packs.vocabulary.sortedPaths + packs.vocabulary.prefixes.sorted()
        let names = all.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)
        #expect(names.count > 100)
        // Deterministic misspellings: drop, double, swap and replace characters at several places,
        // plus unrelated words, empty and Chinese text.
        var words = ["", "x", "eu", "metadata", "apiVersion", "标签", "eu.系统", String(repeating: "k", count: 80)]
        for name in names.enumerated().filter({ $0.offset % 12 == 0 }).map(\.element) {
            let c = Array(name)
            let k = c.count / 2
            words.append(String(c.prefix(k) + c.dropFirst(k + 1)))
            words.append(String(c.prefix(k) + [c[k]] + c.dropFirst(k)))
            if k + 1 < c.count { words.append(String(c.prefix(k) + [c[k + 1], c[k]] + c.dropFirst(k + 2))) }
            words.append(String(c.prefix(c.count - 1)) + "Z")
            words.append(String(c.dropFirst(3)))
        }
        var suggested = 0
        for w in words {
            // Words over the suggestion limit get none, by design (a pasted paragraph or a huge key).
            let expected = w.unicodeScalars.count > Suggest.maxWordLength ? nil : Self.referenceClosest(w, names)
            #expect(Suggest.closest(to: w, in: names) == expected, "suggestion for '\(w)'")
            if expected != nil { suggested += 1 }
        }
        #expect(suggested > 50)
        for (a, b) in [("kitten", "sitting"), ("", "abc"), ("abc", ""), ("flaw", "lawn"), ("标签", "标注"), ("a", "a")] {
            #expect(Suggest.distance(a, b) == Self.reference(a, b))
            #expect(Suggest.distance(Array(a), Array(b), within: 3) == Self.reference(a, b))
        }
        #expect(Suggest.distance(Array("abcdefgh"), Array("hgfedcba"), within: 3) == nil)
    }

    @Test("a pack with hundreds of unknown facts reports each one (took 27 s of suggestions before)")
    func manyUnknownFacts() throws {
        var body = header + okTier + "conditions:\n  many:\n    any:\n"
        for i in 0..<600 { body += "      - {fact: mini.ai_systen_\(i), equals: true}\n" }
        let s = try loadPackText(body)
        let unknown = s.diagnostics.filter { $0.code == "condition.unknown-fact" }
        #expect(unknown.count == 600)
        #expect(s.packs.isEmpty)
    }

    /// fuzz-check's invariant "a deciding fact is one the descriptor leaves unstated": `.nan` used to
    /// type as a number, every comparison with it was unknown, and the result asked for the very
    /// fact the descriptor states. Descriptor typing now rejects it.
    @Test("a NaN number is rejected or decided, never asked for again as a deciding fact")
    func nanIsNotAnUnstatedFact() throws {
        let d = try descriptor(doc("roles: [deployer], markets: [DE], ai_system: true, purpose: chat, compute_flop: .nan"), mini)
        let e = Evaluator.evaluate(pack: mini.packs[0], descriptor: d, asOf: asOf, baseline: nil, includeNotApplicable: true)
        #expect(d.hasErrors, "a NaN is an error in the descriptor")
        #expect(d.hasErrors || !e.tier.decidingFacts.contains("mini.compute_flop"),
                "tier \(e.tier.label) asks for mini.compute_flop, which the descriptor states")
    }
}
