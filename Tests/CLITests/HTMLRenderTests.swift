import Foundation
import Testing
import TestSupport

/// Debian's `chromium`, when installed; `.ci/run` installs it and sets GOVCHECK_REQUIRE_CHROMIUM=1,
/// so in CI a missing browser is a failure, not a skipped test.
let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
let chromiumRequired = ProcessInfo.processInfo.environment["GOVCHECK_REQUIRE_CHROMIUM"] == "1"

/// Runs a tool under a hang guard (minutes, far above an honest run; not a timing assertion).
func runTool(_ args: [String], seconds: Int = 240) throws -> (status: Int32, stdout: String, stderr: String) {
    let r = try runProcess(URL(fileURLWithPath: "/usr/bin/timeout"), ["-s", "KILL", String(seconds)] + args)
    return (r.status, r.stdout, r.stderr)
}

@Suite("The HTML report renders in a real browser")
struct HTMLRenderTests {
    @Test("headless Chromium paints the report, finds its headings, and prints one system per page",
          .enabled(if: chromium != nil || chromiumRequired))
    func renders() throws {
        guard let chromium else {
            Issue.record("GOVCHECK_REQUIRE_CHROMIUM=1 but no chromium is installed; install it with apt-get install -y chromium")
            return
        }
        let dir = try temporaryFolder("render")
        defer { removeTemporaryFolder(dir) }
        let samples = ["Samples/eu-cv-screening-deployer.yaml", "Samples/both-image-generator.yaml", "Samples/eu-gpai-compute-unknown.yaml"]
        for (lang, headings) in [("en", ["<h1>AI compliance report</h1>", "Rules no reviewer has signed off", "Systems by jurisdiction",
                                         "Upcoming dates", "Timeline", "This report is not legal advice.", "TalentRank CV screener"]),
                                 ("zh", ["<h1>人工智能合规报告</h1>", "未经审核人签核的规则", "各法域下的系统", "即将到来的日期", "时间线",
                                         "本报告不构成法律意见。"])] {
            let html = dir.appendingPathComponent("report-\(lang).html")
            let r = try runGovcheck(["report", "--as-of", "2026-12-01", "--lang", lang, "--html", html.path] + samples)
            #expect(r.status == 0, "\(r.stderr)")
            let browser = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           "--user-data-dir=" + dir.appendingPathComponent("profile-\(lang)").path]
            // The DOM as the browser built it: the headings are there, and no script was injected.
            let dom = try runTool(browser + ["--dump-dom", html.absoluteString])
            #expect(dom.status == 0, "\(dom.stderr)")
            for h in headings { #expect(dom.stdout.contains(h), "\(lang): '\(h)' not in the rendered DOM") }
            #expect(!dom.stdout.contains("<script"), "\(lang): no script in the rendered page")
            // The pixels: a screenshot that is not blank.
            let png = dir.appendingPathComponent("report-\(lang).png")
            let shot = try runTool(browser + ["--screenshot=" + png.path, "--window-size=1000,1400", html.absoluteString])
            #expect(shot.status == 0, "\(shot.stderr)")
            let stats = try runTool(["python3", "scripts/png-stats.py", png.path])
            #expect(stats.status == 0, "\(stats.stderr)")
            let s = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Int] ?? [:]
            #expect(s["width"] == 1000 && s["height"] == 1400, "\(stats.stdout)")
            #expect((s["nonBackground"] ?? 0) > 1000 * 1400 / 20, "\(lang): the page looks blank: \(stats.stdout)")
            #expect((s["colours"] ?? 0) > 64, "\(lang): too few colours for a rendered page: \(stats.stdout)")
            // Print: a page for the cover, then each system starts a page of its own.
            let pdf = dir.appendingPathComponent("report-\(lang).pdf")
            let printed = try runTool(browser + ["--no-pdf-header-footer", "--print-to-pdf=" + pdf.path, html.absoluteString])
            #expect(printed.status == 0, "\(printed.stderr)")
            let bytes = try Data(contentsOf: pdf)
            let pages = String(decoding: bytes, as: UTF8.self).matches(of: /\/Type\s*\/Page[^s]/).count
            #expect(pages >= samples.count + 1, "\(lang): \(pages) printed pages for \(samples.count) systems")
        }
    }

    @Test("the screenshot in the README exists and is small")
    func screenshot() throws {
        let url = TestPaths.root.appendingPathComponent("docs/report-screenshot.png")
        let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        #expect(size > 10_000 && size < 300_000, "docs/report-screenshot.png is \(size) bytes")
        let readme = try String(contentsOf: TestPaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("docs/report-screenshot.png"))
    }
}
