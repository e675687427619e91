import Foundation

/// What a descriptor says the system is (its descriptive facts, as written), so a report can head
/// each system with words a reader knows rather than a file name; nothing is filled in.
public struct SystemAbout: Sendable, Hashable {
    /// `system.name`: the name the system is offered under.
    public let name: String?
    /// `organisation.name`: the organisation that files the descriptor (provider, deployer …).
    public let organisation: String?
    /// `system.intended_purpose`.
    public let purpose: String?
    /// `system.description`, for a descriptor that states no intended purpose.
    public let description: String?
    /// `model.name` and `model.version`, for a descriptor of a model rather than a system.
    public let model: String?

    public init(name: String? = nil, organisation: String? = nil, purpose: String? = nil, description: String? = nil, model: String? = nil) {
        self.name = name
        self.organisation = organisation
        self.purpose = purpose
        self.description = description
        self.model = model
    }

    /// The descriptive facts of `d`; control characters become visible escapes, as in `metadata.name`.
    public init(_ d: Descriptor) {
        func text(_ path: String) -> String? {
            if case .string(let s)? = d.values[path] {
                let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
                return t.isEmpty ? nil : DisplayText.escaped(t)
            }
            return nil
        }
        let model = text("model.name").map { n in text("model.version").map { "\(n) \($0)" } ?? n }
        self.init(name: text("system.name"), organisation: text("organisation.name"), purpose: text("system.intended_purpose"),
                  description: text("system.description"), model: model)
    }
}
