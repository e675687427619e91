import ArgumentParser

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(in progress)")
    func run() throws {}
}
