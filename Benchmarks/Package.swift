// swift-tools-version:6.0
// The govcheck benchmark: a separate package, so the main build and CI do not build it.
// Build the tool (swift build -c release at the root), then from this folder:
//   swift run -c release govcheck-bench [--files N] [--large N] [--reps N]
import PackageDescription

let package = Package(
    name: "govcheck-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "govcheck", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "govcheck-bench",
            dependencies: [
                .product(name: "GovCheckEngine", package: "govcheck"),
                .product(name: "YAMLTree", package: "govcheck"),
            ]),
    ]
)
