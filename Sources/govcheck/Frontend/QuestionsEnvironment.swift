import Foundation
import GovCheckEngine
import ShippedRules

extension Environment {
    /// The question files of the run: those shipped beside the vocabularies (unless
    /// --no-shipped-rules) and those in questions/ folders under each --rules path.
    static func questionRoots(_ options: PackOptions) -> [String] {
        var roots: [String] = []
        if !options.noShippedRules, let dir = ShippedRules.directory() { roots.append(dir.path) }
        return roots + options.rules
    }

    static func loadQuestions(_ options: PackOptions, vocabulary: Vocabulary) -> QuestionBook {
        QuestionLoader.load(roots: questionRoots(options), vocabulary: vocabulary)
    }
}
