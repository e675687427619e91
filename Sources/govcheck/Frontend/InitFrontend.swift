import ArgumentParser
import Foundation
import GovCheckEngine
import GovCheckReporters
import ShippedRules
import YAMLTree

/// Orchestrates `init`: load packs and questions, pick the packs, run the questionnaire through a
/// prompter (terminal, plain lines or an answers file), write the descriptor, print the result.
struct InitFrontend {
    let command: Init

    func run() throws {
        let set = try Environment.loadPacks(command.packOptions, color: command.outputOptions.color)
        let lang = command.outputOptions.lang
        let errStyle = Environment.style(command.outputOptions.color, stream: STDERR_FILENO)
        let book = Environment.loadQuestions(command.packOptions, vocabulary: set.vocabulary)
        if !book.diagnostics.isEmpty { Environment.printError(DiagnosticRenderer.render(book.diagnostics, style: errStyle)) }
        if book.hasErrors {
            Environment.printError("error: question files did not load; fix the errors above\n")
            throw ExitCode.inputError
        }
        if let b = command.baseline, !set.packs.contains(where: { p in p.baselines.contains { $0.id == b } }) {
            throw ValidationError("no loaded pack has a baseline '\(b)'")
        }

        // Starting point: an answers file, a descriptor to resume, or nothing.
        var start: [String: FactValue] = [:]
        var envelope = DescriptorText.Envelope(name: command.name ?? "", jurisdictions: [])
        var answerSource: AnswerSource?
        var outputPath = command.output
        if let path = command.resume {
            let d = try readDescriptor(path, set: set, style: errStyle, envelopeOptional: false)
            start = d.descriptor.values
            envelope.name = command.name ?? d.descriptor.name
            envelope.jurisdictions = d.descriptor.jurisdictions ?? []
            envelope.description = d.metadata["description"]
            envelope.owner = d.metadata["owner"]
            if d.descriptor.diagnostics.contains(where: { $0.code == "descriptor.unknown-field" }) && command.output == nil {
                Environment.printError("error: \(path) has fields no vocabulary declares; rewriting it would drop them\n  help: fix or remove them (see the warnings above), or write the result elsewhere with --output\n")
                throw ExitCode.inputError
            }
            if outputPath == nil { outputPath = path }
        } else if let path = command.answers {
            let d = try readDescriptor(path, set: set, style: errStyle, envelopeOptional: true)
            answerSource = AnswerSource(values: d.descriptor.values, vocabulary: set.vocabulary)
            if command.name == nil, d.hasName { envelope.name = d.descriptor.name }
            envelope.jurisdictions = d.descriptor.jurisdictions ?? []
        }
        if !command.jurisdictions.isEmpty { envelope.jurisdictions = try jurisdictions(command.jurisdictions, set) }
        let output = outputPath ?? "deployment.yaml"
        if command.resume == nil, !command.force, FileManager.default.fileExists(atPath: output) {
            Environment.printError("error: \(output) exists\n  help: give another --output, --force to overwrite it, or --resume \(output) to continue it\n")
            throw ExitCode.inputError
        }

        let prompter: Prompter
        if let answerSource {
            prompter = answerSource
        } else if !command.plain, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, let t = TerminalPrompter(language: lang) {
            prompter = t
        } else {
            prompter = PlainPrompter(language: lang)
        }
        defer { prompter.finish() }

        if envelope.jurisdictions.isEmpty && command.resume == nil {
            let loaded = Set(set.packs.map(\.jurisdiction)).sorted()
            guard let chosen = prompter.chooseJurisdictions(loaded) else {
                throw ValidationError("no jurisdiction: give --jurisdiction EU, --jurisdiction CN or both")
            }
            envelope.jurisdictions = chosen
        }
        if envelope.name.isEmpty {
            guard let n = prompter.askName(), !n.isEmpty else {
                throw ValidationError("no name for the deployment: give --name")
            }
            envelope.name = n
        }

        var options = CheckOptions(asOf: command.asOf?.day ?? Environment.today(), baseline: command.baseline, packs: command.packOptions.packs)
        options.includeNotApplicable = false
        let wanted = Set(envelope.jurisdictions)
        let packs = Checker.selectedPacks(set, options).filter { wanted.isEmpty || wanted.contains($0.jurisdiction) }
        guard !packs.isEmpty else {
            throw ValidationError("no selected pack covers \(envelope.jurisdictions.joined(separator: ", "))")
        }
        let interview = Interview(packs: packs, vocabulary: set.vocabulary, book: book, asOf: options.asOf, baseline: command.baseline,
                                  askEvidence: !command.noEvidence)
        var interviewer = interview
        interviewer.lookahead = command.lookahead
        var session = InterviewSession(interview: interviewer, values: start)
        let outcome = session.run(prompter, language: lang)
        if outcome == .aborted {
            Environment.printError("init: stopped without saving\n")
            throw ExitCode(130)
        }

        // The file: comments say why each field matters; unknown facts are listed at the end.
        let evaluations = interview.evaluate(session.values)
        var comments: [String: String] = [:]
        for path in session.values.keys {
            if let q = book[path] { comments[path] = q.basis.text(lang) }
        }
        let open = Interview.openItems(evaluations)
        var unknownFacts: [String] = []
        for i in open { for f in i.decidingFacts where session.values[f] == nil && !unknownFacts.contains(f) { unknownFacts.append(f) } }
        let unknown = unknownFacts.map { f in (path: f, note: book[f]?.text.text(lang) ?? set.vocabulary[f]?.description.text(lang) ?? "") }
        envelope.header = [
            "Written by govcheck init \(GovCheck.version) on \(options.asOf). Each comment gives the legal basis of its field.",
            "Check it with: govcheck check \(output)",
        ]
        let order = vocabularyOrder(set.vocabulary)
        let text = DescriptorText.annotated(session.values, envelope: envelope, order: order, comments: comments, unknown: unknown)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            Environment.printError("error: cannot write '\(output)'\n  help: check that the folder exists and is writable\n")
            throw ExitCode.inputError
        }

        var out = "\nWrote \(output): \(session.values.count) fact\(session.values.count == 1 ? "" : "s").\n"
        out += "Questions: \(session.asked) asked, \(session.answered) answered, \(session.skippedQuestions) skipped; \(session.factsAnswered) fact\(session.factsAnswered == 1 ? "" : "s") answered, \(session.skipped.count) left unknown.\n"
        if !session.skipped.isEmpty { out += "Skipped (left unknown): \(session.skipped.joined(separator: ", "))\n" }
        if let a = answerSource {
            let stated = a.values.keys.filter { !(set.vocabulary[$0]?.informational ?? true) }
            let unused = stated.filter { !a.used.contains($0) }.sorted()
            out += "Answers file: \(stated.count) facts stated (informational ones not counted), \(unused.count) not needed for the result.\n"
        }
        out += "\n" + InitFrontend.classification(evaluations, packs: packs, vocabulary: set.vocabulary, book: book, language: lang)
        out += "\nEvery obligation with its citation and deadline: govcheck check \(output)\n"
        Environment.write(out)
        if outcome == .quit && !open.isEmpty { throw ExitCode.findings }
    }

    /// Facts in vocabulary order (file, then line), so the written file reads like the vocabularies.
    func vocabularyOrder(_ v: Vocabulary) -> [String] {
        v.facts.values.sorted { ($0.span.file.path, $0.span.start.line, $0.path) < ($1.span.file.path, $1.span.start.line, $1.path) }.map(\.path)
    }

    func jurisdictions(_ given: [String], _ set: PackSet) throws -> [String] {
        let known = Set(set.packs.map(\.jurisdiction))
        var out: [String] = []
        for raw in given.flatMap({ $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }) {
            let up = raw.uppercased()
            if up == "BOTH" { out += known.sorted(); continue }
            let code = Checker.euMemberStates.contains(up) ? "EU" : up
            guard known.contains(code) else {
                throw ValidationError("no loaded pack covers jurisdiction '\(raw)'; loaded: \(known.sorted().joined(separator: ", "))")
            }
            out.append(code)
        }
        return Array(Set(out)).sorted()
    }

    struct ReadDescriptor {
        let descriptor: Descriptor
        let metadata: [String: String]
        let hasName: Bool
    }

    /// Reads a descriptor (or, for answers, a bare mapping of facts) with the vocabulary's typing;
    /// type errors stop the run with their file:line:column.
    func readDescriptor(_ path: String, set: PackSet, style: Style, envelopeOptional: Bool) throws -> ReadDescriptor {
        let docs: [YAMLDocument]
        do { docs = try YAMLReader.read(path: path) } catch {
            Environment.printError(DiagnosticRenderer.render([Diagnostic(error)], style: style))
            throw ExitCode.inputError
        }
        guard docs.count == 1 else {
            Environment.printError("error: \(path) holds \(docs.count) YAML documents; init reads one\n")
            throw ExitCode.inputError
        }
        let d = Descriptor(document: docs[0], path: path, vocabulary: set.vocabulary)
        let envelopeCodes: Set<String> = ["descriptor.missing-api-version", "descriptor.missing-kind", "descriptor.missing-name"]
        let shown = d.diagnostics.filter { !(envelopeOptional && envelopeCodes.contains($0.code)) }
        if !shown.isEmpty { Environment.printError(DiagnosticRenderer.render(shown, style: style)) }
        if shown.contains(where: { $0.severity == .error }) { throw ExitCode.inputError }
        var metadata: [String: String] = [:]
        for p in docs[0].root["metadata"]?.mapping ?? [] { if let s = p.value.scalar?.text { metadata[p.key] = s } }
        return ReadDescriptor(descriptor: d, metadata: metadata, hasName: !d.diagnostics.contains { $0.code == "descriptor.missing-name" })
    }

    /// The result in a few lines per pack: the tier, what is still open and which facts decide it.
    static func classification(_ evaluations: [PackEvaluation], packs: [RulePack], vocabulary: Vocabulary, book: QuestionBook,
                               language: Language) -> String {
        var out = ""
        let width = evaluations.map(\.pack.count).max() ?? 0
        for e in evaluations {
            let title = packs.first { $0.id == e.pack }.flatMap { p in p.current.tiers.first { $0.id == e.tier.tier }?.title.text(language) }
            let pad = String(repeating: " ", count: width - e.pack.count)
            out += "\(e.pack)\(pad)  \(e.tier.label)" + (e.tier.status == .decided ? title.map { " — \($0)" } ?? "" : "") + "\n"
            let indent = String(repeating: " ", count: width + 2)
            if e.tier.status == .needsReview {
                out += "\(indent)possible: \(e.tier.possible.joined(separator: ", "))\n"
            }
            for c in e.timeline { out += "\(indent)from \(c.from): \(c.decision.label)\n" }
            var counts: [ObligationStatus: Int] = [:]
            for o in e.obligations { counts[o.status, default: 0] += 1 }
            let parts = ObligationStatus.allCases.compactMap { s in counts[s].map { "\($0) \(s.rawValue)" } }
            out += "\(indent)obligations: \(parts.isEmpty ? "none apply" : parts.joined(separator: ", "))\n"
            var deciding: [String] = []
            for i in Interview.openItems([e]) { for f in i.decidingFacts where !deciding.contains(f) { deciding.append(f) } }
            if !deciding.isEmpty { out += "\(indent)still open, decided by: \(deciding.joined(separator: ", "))\n" }
        }
        return out
    }
}

/// Runs the questionnaire: ask, record, go back, skip; counts what was asked.
struct InterviewSession {
    enum Outcome { case finished, quit, aborted }

    /// One question answered or skipped: the facts it set or left unknown, with their values before.
    struct Entry {
        let key: String
        var before: [(fact: String, value: FactValue?)] = []
        var unknown: [String] = []
        var answered: Int { before.count - unknown.count }
    }

    let interview: Interview
    var values: [String: FactValue]
    /// The questions of this session, in order.
    var history: [Entry] = []
    var done = Set<String>()
    /// The duties ticked in the evidence checklist (nil until it is answered).
    var evidenceFor: Set<String>?
    /// The duties listed in the checklists so far (a later checklist lists only new ones).
    var offered = Set<String>()

    init(interview: Interview, values: [String: FactValue]) {
        self.interview = interview
        self.values = values
    }

    /// Questions asked (a checklist of several facts is one question).
    var asked: Int { history.count }
    /// Questions that set at least one fact, or ticked duties in the evidence checklist.
    var answered: Int { history.filter { $0.answered > 0 || ($0.key == Interview.checklistPath && $0.unknown.isEmpty) }.count }
    /// Questions skipped as a whole.
    var skippedQuestions: Int { asked - answered }
    /// Facts the answers set.
    var factsAnswered: Int { history.map(\.answered).reduce(0, +) }
    /// Facts asked and left unknown, in the order asked.
    var skipped: [String] { history.flatMap(\.unknown).filter { $0 != Interview.checklistPath } }

    mutating func run(_ prompter: Prompter, language: Language) -> Outcome {
        var redo: FactValue?
        while let step = interview.next(values, asked: done, evidenceFor: evidenceFor, offered: offered) {
            let reply = prompter.ask(Presented(step: step, number: history.count + 1, language: language, previous: redo, interview: interview))
            redo = nil
            let f = step.fact.path
            switch reply {
            case .back:
                guard let last = history.popLast() else { continue }
                if last.key == Interview.checklistPath { evidenceFor = nil; offered = []; continue }
                // A single question shows its earlier answer again; a checklist or form starts afresh.
                if last.before.count == 1 { redo = values[last.before[0].fact] }
                for (fact, before) in last.before.reversed() {
                    values[fact] = before
                    done.remove(fact)
                }
                continue
            case .quit: return .quit
            case .abort: return .aborted
            default: break
            }
            if f == Interview.checklistPath {
                let listed: [String]
                if case .checklist(let duties) = step.reason { listed = duties.map(\.key) } else { listed = [] }
                switch reply {
                case .value(.list(let keys)):
                    evidenceFor = (evidenceFor ?? []).union(keys); offered.formUnion(listed); history.append(Entry(key: f))
                case .skip:
                    evidenceFor = evidenceFor ?? []; offered.formUnion(listed); history.append(Entry(key: f, unknown: [f]))
                default: continue
                }
                continue
            }
            if case .group(_, let members, _) = step.reason {
                var entry = Entry(key: f)
                let yes: Set<String>, unknown: Set<String>
                switch reply {
                case .checks(let y, let u): yes = y; unknown = u
                case .form(let typed):
                    for m in members.map(\.path) {
                        entry.before.append((m, values[m]))
                        done.insert(m)
                        if let v = typed[m] { values[m] = v } else { entry.unknown.append(m) }
                    }
                    history.append(entry)
                    continue
                case .skip: yes = []; unknown = Set(members.map(\.path))
                default: continue
                }
                for m in members.map(\.path) {
                    entry.before.append((m, values[m]))
                    done.insert(m)
                    if unknown.contains(m) { entry.unknown.append(m) } else { values[m] = .bool(yes.contains(m)) }
                }
                history.append(entry)
                continue
            }
            switch reply {
            case .value(let v):
                history.append(Entry(key: f, before: [(f, values[f])]))
                values[f] = v
                done.insert(f)
            case .skip:
                history.append(Entry(key: f, before: [(f, values[f])], unknown: [f]))
                done.insert(f)
            default: continue
            }
        }
        return .finished
    }
}
