import Foundation
import Testing
import TestSupport

@Suite("Samples/README.md states what govcheck really reports")
struct SamplesTests {
    /// (sample, pack) → tier, from the table between the expected-results markers.
    func expectedTable() throws -> [String: String] {
        let text = try String(contentsOf: TestPaths.root.appendingPathComponent("Samples/README.md"), encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- expected-results:begin -->"))
        let end = try #require(text.range(of: "<!-- expected-results:end -->"))
        var table: [String: String] = [:]
        for line in text[begin.upperBound..<end.lowerBound].split(separator: "\n") where line.hasPrefix("| ") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, cells[1].hasSuffix(".yaml") else { continue }
            let key = "\(cells[1]) \(cells[2])"
            #expect(table[key] == nil, "row \(key) is listed twice")
            table[key] = cells[3]
        }
        return table
    }

    @Test("every row matches `govcheck check --as-of 2026-11-22 Samples`, and every result has a row")
    func table() throws {
        let expected = try expectedTable()
        #expect(expected.count >= 100)
        let r = try runGovcheck(["check", "--as-of", "2026-11-22", "--format", "json", "--fail-on", "none", "Samples"])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect((obj["errors"] as? [Any])?.isEmpty == true, "every sample is valid")
        var actual: [String: String] = [:]
        for result in obj["results"] as! [[String: Any]] {
            let file = ((result["file"] as! String) as NSString).lastPathComponent
            #expect(((result["diagnostics"] as? [Any]) ?? []).isEmpty, "\(file) has warnings")
            for e in result["evaluations"] as! [[String: Any]] {
                let tier = e["tier"] as! [String: Any]
                let label = tier["status"] as? String == "decided" ? tier["tier"] as! String : tier["status"] as! String
                actual["\(file) \(e["pack"] as! String)"] = label
            }
        }
        for (key, want) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(actual[key] == want, "\(key): README says \(want), govcheck reports \(actual[key] ?? "no result")")
        }
        for key in Set(actual.keys).subtracting(expected.keys).sorted() {
            Issue.record("\(key) (\(actual[key]!)) has no row in Samples/README.md")
        }
    }

    @Test("the samples cover every tier of every shipped pack")
    func coverage() throws {
        let expected = try expectedTable()
        let r = try runGovcheck(["packs", "list"])
        #expect(r.status == 0)
        let seen = Set(expected.map { "\($0.key.split(separator: " ")[1]) \($0.value)" })
        for pack in ["eu-ai-act", "eu-ai-act-gpai"] {
            for tier in ["out-of-scope", "needs-review"] { #expect(seen.contains("\(pack) \(tier)"), "\(pack) \(tier)") }
        }
        for t in ["eu-ai-act prohibited", "eu-ai-act limited-risk", "eu-ai-act minimal-risk", "eu-ai-act-gpai gpai",
                  "eu-ai-act-gpai gpai-systemic-risk", "cn-genai-measures public-opinion-service", "cn-genai-measures public-genai-service",
                  "cn-genai-measures out-of-scope", "cn-deep-synthesis deep-synthesis-service", "cn-algorithm-filing filing-required",
                  "cn-ai-content-labeling labeling-required", "cn-pipl-genai processes-sensitive-personal-information"] {
            #expect(seen.contains(t), "no sample reaches \(t)")
        }
    }
}
