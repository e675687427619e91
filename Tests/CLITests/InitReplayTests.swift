import Dispatch
import Foundation
import Testing
import TestSupport

/// Every sample, used as the answers to `govcheck init` from an empty descriptor, gives the same
/// result as the sample itself, and needs at most half as many questions (a checklist or form of
/// several facts is one question) as the samples state facts. The figure is the one the README gives.
@Suite("init replays every sample to the same result")
struct InitReplayTests {
    struct Outcome: Sendable {
        let sample: String
        let asked: Int
        let answered: Int
        let facts: Int
        let stated: Int
        let differences: [String]
    }

    /// Tier, timeline and every obligation's status and dates, per pack, from a JSON report.
    static func results(_ path: String) throws -> [String: String] {
        let r = try runGovcheck(["check", "--as-of", "2026-11-22", "--format", "json", "--fail-on", "none", path])
        guard r.status == 0, let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
              let result = (obj["results"] as? [[String: Any]])?.first else { return ["error": r.stderr] }
        var out: [String: String] = [:]
        for e in result["evaluations"] as? [[String: Any]] ?? [] {
            let pack = e["pack"] as! String
            let tier = e["tier"] as! [String: Any]
            out["\(pack) tier"] = "\(tier["status"]!) \(tier["tier"] ?? "-") possible \(tier["possible"] ?? "-")"
            for c in e["timeline"] as? [[String: Any]] ?? [] {
                out["\(pack) from \(c["from"]!)"] = "\(c["status"]!) \(c["tier"] ?? "-")"
            }
            for o in e["obligations"] as? [[String: Any]] ?? [] {
                out["\(pack) \(o["id"]!)"] = "\(o["status"]!) from \(o["appliesFrom"]!) possible \(o["possibleStarts"] ?? "-") tierAtStart \(o["tierAtStart"] ?? "-")"
            }
        }
        return out
    }

    static func replay(_ sample: String, into dir: URL) throws -> Outcome {
        let out = dir.appendingPathComponent((sample as NSString).lastPathComponent).path
        let r = try runGovcheck(["init", "--answers", sample, "--as-of", "2026-11-22", "--output", out])
        guard r.status == 0,
              let asked = r.stdout.firstMatch(of: /Questions: (\d+) asked/).flatMap({ Int($0.1) }),
              let answered = r.stdout.firstMatch(of: /asked, (\d+) answered/).flatMap({ Int($0.1) }),
              let facts = r.stdout.firstMatch(of: /skipped; (\d+) facts? answered/).flatMap({ Int($0.1) }),
              let stated = r.stdout.firstMatch(of: /Answers file: (\d+) facts stated/).flatMap({ Int($0.1) }) else {
            return Outcome(sample: sample, asked: 0, answered: 0, facts: 0, stated: 0, differences: ["init failed (\(r.status)): \(r.stdout)\(r.stderr)"])
        }
        let want = try results(sample)
        let got = try results(out)
        var diffs: [String] = []
        for k in Set(want.keys).union(got.keys).sorted() where want[k] != got[k] {
            diffs.append("\(k): sample \(want[k] ?? "absent"), init \(got[k] ?? "absent")")
        }
        return Outcome(sample: sample, asked: asked, answered: answered, facts: facts, stated: stated, differences: diffs)
    }

    /// The line the README carries, computed from the outcomes.
    static func figure(_ outcomes: [Outcome]) -> String {
        let asked = outcomes.map(\.asked).reduce(0, +)
        let answered = outcomes.map(\.answered).reduce(0, +)
        let facts = outcomes.map(\.facts).reduce(0, +)
        let stated = outcomes.map(\.stated).reduce(0, +)
        let share = Int((Double(asked) / Double(max(stated, 1)) * 100).rounded())
        let perSample = outcomes.map { Double($0.asked) / Double(max($0.stated, 1)) }.reduce(0, +) / Double(max(outcomes.count, 1))
        return "\(outcomes.count) samples: \(asked) questions asked for \(stated) facts stated (\(share) %; \(Int((perSample * 100).rounded())) % per sample on average); "
            + "\(answered) of them answered from the sample, with \(facts) facts; \(asked - answered) about facts the sample leaves unknown"
    }

    @Test("same tier, timeline and obligation statuses for every sample; the README's figure")
    func replayAll() throws {
        let dir = try temporaryFolder("init-replay")
        defer { removeTemporaryFolder(dir) }
        let samples = try FileManager.default.contentsOfDirectory(atPath: TestPaths.root.appendingPathComponent("Samples").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Samples/" + $0 }
        #expect(samples.count >= 40)
        nonisolated(unsafe) var outcomes = [Outcome?](repeating: nil, count: samples.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: samples.count) { i in
            let o = (try? InitReplayTests.replay(samples[i], into: dir))
                ?? Outcome(sample: samples[i], asked: 0, answered: 0, facts: 0, stated: 0, differences: ["replay threw"])
            lock.lock(); outcomes[i] = o; lock.unlock()
        }
        let all = outcomes.compactMap { $0 }
        for o in all {
            #expect(o.differences.isEmpty, "\(o.sample): \(o.differences.prefix(6).joined(separator: "; "))")
            #expect(o.answered <= o.asked && o.facts <= o.stated, "\(o.sample): \(o.answered) answers, \(o.asked) questions, \(o.facts) facts of \(o.stated)")
        }
        // At most one question for every two facts the hand-written samples state: it asks only
        // what decides, and related facts together.
        #expect(all.map(\.asked).reduce(0, +) * 2 <= all.map(\.stated).reduce(0, +))
        let line = InitReplayTests.figure(all)
        let readme = try String(contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains(line), "README.md should state: \(line)")
        let table = all.map { "\(($0.sample as NSString).lastPathComponent) \($0.asked)/\($0.answered)/\($0.facts)/\($0.stated)" }.joined(separator: "\n")
        print("init replay:\n\(table)\n\(line)")
    }
}
