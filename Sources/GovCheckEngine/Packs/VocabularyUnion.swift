extension Vocabulary {
    /// The facts of several vocabularies (those of the packs a command selects); a path declared
    /// in two keeps the first declaration (the loader has already reported real clashes).
    public static func union(_ vocabularies: [Vocabulary]) -> Vocabulary {
        var v = Vocabulary()
        for other in vocabularies { _ = v.merge(other) }
        return v
    }
}
