// swift-tools-version:6.0
// libFuzzer targets for govcheck: a separate package, so `swift build` at the root never builds
// them. Build and run through scripts/fuzz.sh (it passes the sanitizer flags; see docs/robustness.md).
import PackageDescription

/// Fuzz entry points are C functions called by libFuzzer's own main, so no Swift main is emitted.
let entryPoint: [SwiftSetting] = [.unsafeFlags(["-parse-as-library"])]

let package = Package(
    name: "govcheck-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "govcheck", path: ".."),
    ],
    targets: [
        // Locating the checkout, and the checks every target applies to what the engine returns.
        .target(
            name: "FuzzSupport",
            dependencies: [
                .product(name: "YAMLTree", package: "govcheck"),
                .product(name: "GovCheckEngine", package: "govcheck"),
                .product(name: "GovCheckReporters", package: "govcheck"),
            ]),
        // Bytes → YAMLReader.read(bytes:path:).
        .executableTarget(name: "fuzz-yaml", dependencies: ["FuzzSupport"], swiftSettings: entryPoint),
        // Bytes → documents → Descriptor → Checker.evaluate against the shipped packs.
        .executableTarget(name: "fuzz-check", dependencies: ["FuzzSupport"], swiftSettings: entryPoint),
        // Bytes as a pack.yaml beside the shipped vocabularies → PackLoader.load.
        .executableTarget(name: "fuzz-pack", dependencies: ["FuzzSupport"], swiftSettings: entryPoint),
    ]
)
