import Foundation

extension Linter {
    /// The lint rule of this file, listed with the others in SARIF rule metadata and the docs.
    public static let questionRules: [(id: String, summary: String)] = [
        ("lint.no-question", "a fact that a rule reads has no question (Rules/questions/*.yaml), so 'govcheck init' can only show its description"),
    ]

    /// Facts the given packs' rules read that no question asks for, at the fact's declaration,
    /// plus the question files' own problems.
    public static func questions(_ packs: [RulePack], vocabulary: Vocabulary, book: QuestionBook) -> [Diagnostic] {
        var out = book.diagnostics
        let readers = FactUsage.readers(packs)
        for path in readers.keys.sorted() where book[path] == nil {
            guard let f = vocabulary[path], !f.informational else { continue }
            let by = readers[path]!.prefix(3).map { "\($0.pack)/\($0.rule)" }.joined(separator: ", ")
            out.append(Diagnostic(.warning, "lint.no-question", "fact '\(path)' is read by rules (\(by)) but has no question",
                                  at: f.span,
                                  help: "add it to a question file (kind: Questions) under a questions/ folder, with text, basis and, for enum and bool facts, value labels; see docs/questionnaire.md"))
        }
        return out
    }
}
