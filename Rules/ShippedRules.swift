import Foundation

/// Locates the rule packs that ship with govcheck, so an installed binary works from any directory.
///
/// Order: `GOVCHECK_RULES`; an installed layout (`PREFIX/bin/govcheck` beside
/// `PREFIX/share/govcheck/Rules`, as `make install` lays it out); the `Rules/` folder of the source
/// checkout the binary was built from; then the resource bundle SwiftPM copies next to the
/// executable. An installed binary thus reads the packs installed with it, never a checkout that
/// may have moved on since. No lookup ever traps.
public enum ShippedRules {
    /// The bundle folder name SwiftPM gives this target's resources.
    static let bundleName = "govcheck_ShippedRules.resources"

    /// The folder that holds the shipped packs, or nil when none can be found.
    public static func directory() -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        if let env = ProcessInfo.processInfo.environment["GOVCHECK_RULES"], !env.isEmpty {
            candidates.append(URL(fileURLWithPath: env))
        }
        let exeDir = executable()?.deletingLastPathComponent()
        if let exeDir {
            candidates.append(exeDir.deletingLastPathComponent().appendingPathComponent("share/govcheck/Rules"))
        }
        // A source checkout reads Rules/ itself, so edits show without a rebuild.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        if let exeDir { candidates.append(exeDir.appendingPathComponent(bundleName)) }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName))
        for url in candidates {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: url.appendingPathComponent("vocabulary").path, isDirectory: &isDir), isDir.boolValue {
                return url.standardizedFileURL
            }
        }
        return nil
    }

    /// Why `GOVCHECK_RULES` cannot be used, when it is set to a folder without packs: the caller
    /// stops rather than quietly reading the packs of another place.
    public static func environmentProblem() -> String? {
        guard let env = ProcessInfo.processInfo.environment["GOVCHECK_RULES"], !env.isEmpty else { return nil }
        var isDir: ObjCBool = false
        let vocab = URL(fileURLWithPath: env).appendingPathComponent("vocabulary").path
        if FileManager.default.fileExists(atPath: vocab, isDirectory: &isDir), isDir.boolValue { return nil }
        return "GOVCHECK_RULES is '\(env)', which holds no rule packs (no 'vocabulary' folder in it)"
    }

    /// The running executable with symbolic links resolved. `argv[0]` alone is not enough: a binary
    /// started through `PATH` sees only its bare name there.
    static func executable() -> URL? {
        let fm = FileManager.default
        if let target = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe"), target.hasPrefix("/") {
            return URL(fileURLWithPath: target).resolvingSymlinksInPath()
        }
        if let url = Bundle.main.executableURL, url.path.hasPrefix("/") {
            return url.resolvingSymlinksInPath()
        }
        guard let arg0 = CommandLine.arguments.first, !arg0.isEmpty else { return nil }
        if arg0.contains("/") { return URL(fileURLWithPath: arg0).resolvingSymlinksInPath() }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(arg0)
            if fm.isExecutableFile(atPath: candidate.path) { return candidate.resolvingSymlinksInPath() }
        }
        return nil
    }
}
