// swift-tools-version:6.0
import Foundation
import PackageDescription

/// Every folder under Rules/ (the packs, their tests and the shared vocabularies) ships as a
/// resource, so a new pack needs no manifest edit.
let rulesRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Rules")
let ruleFolders: [String] = {
    let root = rulesRoot
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return names.filter { name in
        var isDir: ObjCBool = false
        return !name.hasPrefix(".")
            && FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDir)
            && isDir.boolValue
    }.sorted()
}()

let package = Package(
    name: "govcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "govcheck", targets: ["govcheck"]),
        .library(name: "YAMLTree", targets: ["YAMLTree"]),
        .library(name: "GovCheckEngine", targets: ["GovCheckEngine"]),
        .library(name: "GovCheckReporters", targets: ["GovCheckReporters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C boundary: libyaml from the system (Debian libyaml-dev).
        .systemLibrary(
            name: "CLibYAML", pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        // YAML events to a tree of nodes with source marks; no rule knowledge.
        .target(name: "YAMLTree", dependencies: ["CLibYAML"]),
        // Packs, conditions, descriptors, evaluation, pack tests, lint; never prints.
        .target(name: "GovCheckEngine", dependencies: ["YAMLTree"]),
        // Pure renderers of finished results: text, JSON, SARIF, JUnit.
        .target(name: "GovCheckReporters", dependencies: ["GovCheckEngine"]),
        // The shipped packs, bundled as resources (their generated READMEs are documentation only).
        .target(
            name: "ShippedRules", path: "Rules",
            exclude: ruleFolders.map { "\($0)/README.md" }.filter { FileManager.default.fileExists(atPath: rulesRoot.appendingPathComponent($0).path) },
            sources: ["ShippedRules.swift"],
            resources: ruleFolders.map { .copy($0) }),
        // Thin CLI.
        .executableTarget(
            name: "govcheck",
            dependencies: [
                "GovCheckEngine", "GovCheckReporters", "ShippedRules",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .target(name: "TestSupport", dependencies: ["GovCheckEngine", "YAMLTree"], path: "Tests/TestSupport"),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree", "TestSupport"]),
        .testTarget(name: "GovCheckEngineTests", dependencies: ["GovCheckEngine", "TestSupport"]),
        .testTarget(name: "GovCheckReportersTests", dependencies: ["GovCheckReporters", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport", "GovCheckEngine"]),
    ]
)
