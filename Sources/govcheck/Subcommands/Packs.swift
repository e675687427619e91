import ArgumentParser

struct Packs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "(in progress)")
    func run() throws {}
}
