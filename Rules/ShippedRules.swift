import Foundation

/// Locates the rule packs that ship with govcheck, so an installed binary works from any directory.
///
/// Order: `GOVCHECK_RULES`, the `Rules/` folder of the source checkout the binary was built from,
/// then the resource bundle SwiftPM copies next to the executable. No lookup ever traps.
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
        // A source checkout reads Rules/ itself, so edits show without a rebuild.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let exeDir = exe.deletingLastPathComponent()
        candidates.append(exeDir.appendingPathComponent(bundleName))
        candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName))
        candidates.append(exeDir.deletingLastPathComponent().appendingPathComponent("share/govcheck/Rules"))
        for url in candidates {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: url.appendingPathComponent("vocabulary").path, isDirectory: &isDir), isDir.boolValue {
                return url.standardizedFileURL
            }
        }
        return nil
    }
}
