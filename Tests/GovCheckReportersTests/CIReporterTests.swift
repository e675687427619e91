import Foundation
import Testing
import TestSupport
@testable import GovCheckEngine
@testable import GovCheckReporters

@Suite("CI reporters: escaping for workflow commands, URIs and markdown")
struct CIReporterTests {
    @Test("workflow-command values escape %, CR, LF, and in properties ':' and ','")
    func githubEscapes() {
        #expect(GitHubCommands.property("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
        #expect(GitHubCommands.data("a:b,c%\r\n") == "a:b,c%25%0D%0A")
        #expect(GitHubCommands.data("%0A") == "%250A", "an escape written by the user stays text")
        #expect(GitHubCommands.data("客服") == "客服")
    }

    @Test("artifact URIs are percent-encoded: spaces, '#', '%', ':', '?', non-ASCII; absolute paths are file URIs")
    func uris() {
        #expect(SARIFReporter.encodePath("a b#c%d:e?f/客") == "a%20b%23c%25d%3Ae%3Ff/%E5%AE%A2")
        #expect(SARIFReporter.encodePath("ok-._~/!$&'()*+,;=@") == "ok-._~/!$&'()*+,;=@")
        let rel = SARIFReporter.artifact("./x y.yaml")
        #expect(rel.uri == "x%20y.yaml" && rel.uriBaseId == "%SRCROOT%")
        let abs = SARIFReporter.artifact("/tmp/x y.yaml")
        #expect(abs.uri == "file:///tmp/x%20y.yaml" && abs.uriBaseId == nil)
        #expect(SARIFReporter.helpURI("https://eur-lex.europa.eu/eli/reg/2024/1689/oj") != nil)
        #expect(SARIFReporter.helpURI("not a url") == nil)
        #expect(SARIFReporter.helpURI("ftp://x/y") == nil)
        #expect(SARIFReporter.helpURI("https://例子.cn/x") == nil, "a non-ASCII host is not a 'uri'")
    }

    @Test("markdown from packs and descriptors cannot add links, HTML, emphasis or table cells")
    func markdown() {
        #expect(Markdown.text("a|b <script>*x* [l](u) `c` _d_ &amp;") == "a\\|b &lt;script&gt;\\*x\\* \\[l\\](u) \\`c\\` \\_d\\_ &amp;amp;")
        #expect(Markdown.text("line\nbreak") == "line\\\\nbreak", "a line break stays visible, on one line")
    }

    @Test("waiver globs: '*' and '?' within a folder, '**' across folders, whole-path matches")
    func globs() {
        #expect(Glob.matches("teams/*/a.yaml", "teams/hr/a.yaml"))
        #expect(!Glob.matches("teams/*/a.yaml", "teams/hr/x/a.yaml"))
        #expect(Glob.matches("teams/**", "teams/hr/x/a.yaml"))
        #expect(Glob.matches("**/a.yaml", "a.yaml"))
        #expect(Glob.matches("**/a.yaml", "x/y/a.yaml"))
        #expect(!Glob.matches("**/a.yaml", "x/ba.yaml"))
        #expect(Glob.matches("teams/**/a.yaml", "teams/a.yaml"))
        #expect(Glob.matches("t?ams/*.yaml", "teams/x.yaml"))
        #expect(!Glob.matches("t?ams/*.yaml", "t/ams/x.yaml"))
        #expect(!Glob.matches("teams", "teams/x.yaml"))
        #expect(Glob.matches("**", "anything/at/all.yaml"))
        #expect(Glob.normalized("././a/b") == "a/b")
        // Linear, not exponential: a pattern of many stars over a long path answers at once.
        let stars = String(repeating: "*", count: 200) + "b"
        #expect(!Glob.matches(stars, String(repeating: "a", count: 5_000)))
    }
}
