import Foundation
import Testing
import TestSupport

/// docs/configuration.md against the real `govcheck check --help`: each flag is either a config
/// key's ("like `--flag`" in the key table) or in the list of flags that stay on the command line,
/// never both, and neither place names a flag that `check` does not have.
@Suite("docs/configuration.md lists every flag of govcheck check")
struct ConfigurationDocTests {
    /// The `--long` flags named in `text`, in backquotes or not (`--include-hidden/--no-include-hidden` gives both).
    static func flags(_ text: some StringProtocol) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: #"(?<![A-Za-z0-9-])--[a-z][a-z-]*[a-z]"#)
        let s = String(text)
        return Set(regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { String(s[Range($0.range, in: s)!]) })
    }

    /// The flags of the OPTIONS section of `check --help` (each at the start of an option line).
    static func helpFlags() throws -> Set<String> {
        let r = try runGovcheck(["check", "--help"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.components(separatedBy: "\n")
        let start = try #require(lines.firstIndex(of: "OPTIONS:"))
        var out = Set<String>()
        for line in lines[(start + 1)...] {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("-") else { continue }
            // "-h, --help", "--rules <dir>  A pack folder…", "--include-hidden/--no-include-hidden"
            let head = t.split(separator: " ", omittingEmptySubsequences: true).prefix { !$0.hasPrefix("<") }
            out.formUnion(flags(head.prefix(2).joined(separator: " ")))
        }
        return out.subtracting(["--help", "--version"])
    }

    @Test("every flag of check --help is a config key's or listed as command-line only, and no other flag is named")
    func flagsDocumented() throws {
        let doc = try String(contentsOf: TestPaths.root.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        let lines = doc.components(separatedBy: "\n")
        let tableFlags = Self.flags(lines.filter { $0.hasPrefix("| `") }.joined(separator: "\n"))
        let listStart = try #require(lines.firstIndex { $0.hasPrefix("Flags that stay on the command line only:") })
        let list = lines[listStart...].prefix { !$0.isEmpty }.joined(separator: " ")
        let flagOnly = Self.flags(list.components(separatedBy: "A test checks").first!)
        let help = try Self.helpFlags()
        #expect(help.count >= 25, "the help was not read: \(help.sorted())")
        #expect(help.contains("--quiet") && help.contains("--stdin-filename") && help.contains("--no-include-hidden"))

        let undocumented = help.subtracting(tableFlags).subtracting(flagOnly)
        #expect(undocumented.isEmpty, "flags of check --help that docs/configuration.md neither maps to a key nor lists as command-line only: \(undocumented.sorted())")
        let both = tableFlags.intersection(flagOnly)
        #expect(both.isEmpty, "listed as command-line only but also a key's flag: \(both.sorted())")
        // The failOn row points the reader to `govcheck check --help`.
        let unknown = tableFlags.union(flagOnly).subtracting(help).subtracting(["--help", "--version"])
        #expect(unknown.isEmpty, "docs/configuration.md names flags that check does not have: \(unknown.sorted())")
    }
}
