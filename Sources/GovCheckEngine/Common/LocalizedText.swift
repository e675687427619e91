/// A language govcheck reports in; packs carry English and, for Chinese law, Chinese text.
public enum Language: String, Sendable, CaseIterable, Codable {
    case en, zh
}

/// Human-readable text in several languages, so one pack serves English and Chinese readers.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var en: String
    public var zh: String?

    public init(en: String, zh: String? = nil) {
        self.en = en
        self.zh = zh
    }

    /// The text in `language`, falling back to English where a translation is missing.
    public func text(_ language: Language) -> String {
        switch language {
        case .en: return en
        case .zh: return zh ?? en
        }
    }
}
