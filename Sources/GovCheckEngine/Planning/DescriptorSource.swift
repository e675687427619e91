import YAMLTree

/// Reads descriptor files into typed descriptors, for commands that need the descriptor itself
/// (to evaluate it on several dates, or to read its descriptive facts), not only its result.
public enum DescriptorSource {
    /// Every document of a file as a descriptor; a file that does not read and a document with
    /// errors are input errors, as `check` reports them. `-` reads `stdin`.
    public static func read(_ path: String, vocabulary: Vocabulary,
                            stdin: () -> [UInt8] = { YAMLReader.standardInputBytes() }) -> (descriptors: [Descriptor], errors: [InputError]) {
        let display = path == "-" ? "<stdin>" : path
        let docs: [YAMLDocument]
        do {
            docs = path == "-" ? try YAMLReader.read(bytes: stdin(), path: display) : try YAMLReader.read(path: path)
        } catch {
            return ([], [InputError(file: display, document: nil, diagnostics: [DiagnosticRecord(Diagnostic(error))])])
        }
        var descriptors: [Descriptor] = []
        var errors: [InputError] = []
        for doc in docs {
            let d = Descriptor(document: doc, path: display, vocabulary: vocabulary)
            if d.hasErrors {
                errors.append(InputError(file: display, document: doc.index, diagnostics: d.diagnostics.map(DiagnosticRecord.init)))
            } else {
                descriptors.append(d)
            }
        }
        return (descriptors, errors)
    }

    /// Evaluates a descriptor as `check` does; a descriptor that no pack evaluates is an input error.
    public static func evaluate(_ d: Descriptor, packs: [RulePack], options: CheckOptions, loaded: Set<String>) -> Evaluated {
        let r = Checker.evaluate(d, packs: packs, options: options, loaded: loaded)
        if r.diagnostics.contains(where: { $0.severity == .error }) {
            return .error(InputError(file: r.file, document: r.document, diagnostics: r.diagnostics))
        }
        return .result(r)
    }

    /// A descriptor's evaluation, or why it could not be evaluated.
    public enum Evaluated: Sendable {
        case result(DescriptorResult)
        case error(InputError)
    }

    /// A descriptive string fact as written (`system.name`, `organisation.name`), if stated.
    public static func text(_ d: Descriptor, _ path: String) -> String? {
        if case .string(let s) = d.values[path], !s.isEmpty { return s }
        return nil
    }
}
