import Foundation
import TestSupport

/// A realistic repository in a temporary folder, as a CI engineer meets one: a `.git` folder, a
/// GitHub workflow, Kubernetes manifests, a docs config, a YAML file broken from its first line,
/// a build folder holding a copy of a descriptor, and descriptors in service subfolders.
struct FleetRepository {
    let root: URL

    /// The shipped sample each service's descriptor is copied from.
    static let chat = "Samples/eu-customer-service-chatbot.yaml"
    static let hr = "Samples/eu-public-authority-cv-screening.yaml"

    init(_ name: String) throws {
        root = try temporaryFolder(name)
        try write(".git/HEAD", "ref: refs/heads/main\n")
        try write(".github/workflows/ci.yml", """
            name: CI
            on: [push, pull_request]
            jobs:
              check:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: govcheck check

            """)
        try write("deploy/k8s/app.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: chat
            spec:
              replicas: 2
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: chat}

            """)
        // Broken after its apiVersion: what it is can be told, so it is skipped.
        try write("deploy/k8s/legacy.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n  key: [unclosed\n")
        try write("docs/mkdocs.yml", "site_name: Fleet\nnav:\n  - Home: index.md\n")
        // Broken before anything can be told: an input error.
        try write("tools/broken.yml", "steps: [\n  - run: make\n")
        try write("services/chat/govcheck.yaml", Self.sample(Self.chat))
        try write("services/hr/cv-screening.yaml", Self.sample(Self.hr))
        try write(".build/debug/copy.yaml", Self.sample(Self.chat).replacingOccurrences(of: "customer-service-chatbot", with: "build-copy"))
    }

    static func sample(_ path: String) -> String {
        (try? String(contentsOf: TestPaths.root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    func url(_ rel: String) -> URL { root.appendingPathComponent(rel) }

    func write(_ rel: String, _ text: String) throws {
        let u = url(rel)
        try FileManager.default.createDirectory(at: u.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: u)
    }

    func read(_ rel: String) -> String? { try? String(contentsOf: url(rel), encoding: .utf8) }

    func remove(_ rel: String) { try? FileManager.default.removeItem(at: url(rel)) }

    /// Runs `govcheck` from `folder` of the repository (its root by default).
    func run(_ args: [String], in folder: String = "") throws -> CLIResult {
        try runGovcheck(args, in: folder.isEmpty ? root : url(folder))
    }

    /// The JSON report of a run, parsed.
    static func json(_ r: CLIResult) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    func cleanUp() { removeTemporaryFolder(root) }
}
