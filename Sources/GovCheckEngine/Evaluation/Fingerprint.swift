/// A finding's stable identity across runs, edits and machines: the descriptor's name, the pack
/// and the rule (an obligation id, or `tier/<id>` for a tier), hashed. SARIF's
/// `partialFingerprints` and findings baselines use the same value, so a baselined finding is
/// recognised whatever the report format, and moving a descriptor's lines does not change it.
public enum Fingerprint {
    /// 16 hexadecimal digits (64-bit FNV-1a over the three parts, separated by U+001F).
    public static func of(descriptor name: String, pack: String, rule: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, part) in [name, pack, rule].enumerated() {
            if i > 0 { h = (h ^ 0x1F) &* 0x0000_0100_0000_01B3 }
            for b in part.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The rule part for a tier decision (`tier/high-risk`) and for a later tier (`timeline/high-risk`).
    public static func tierRule(_ tier: String) -> String { "tier/" + tier }
    public static func timelineRule(_ tier: String) -> String { "timeline/" + tier }
}
