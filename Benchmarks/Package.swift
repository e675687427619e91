// swift-tools-version:6.0
// The govcheck benchmark: a separate package so the main build does not compile Yams.
// Run from this folder: swift run -c release govcheck-bench [--files N]
import PackageDescription

let package = Package(
    name: "govcheck-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "govcheck", path: ".."),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "govcheck-bench",
            dependencies: [
                .product(name: "GovCheckEngine", package: "govcheck"),
                .product(name: "YAMLTree", package: "govcheck"),
                .product(name: "Yams", package: "Yams"),
            ]),
    ]
)
