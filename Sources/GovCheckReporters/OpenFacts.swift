import GovCheckEngine

/// The facts a system's open items (tiers needing review, undetermined duties, start dates that
/// hang on a route) wait for, counted by how many items each would decide, so the report can name
/// the few that settle the most.
struct OpenFacts {
    /// At most this many facts are named in one list; the rest are counted.
    static let shown = 5

    /// Open items that name at least one deciding fact.
    let items: Int
    /// Every deciding fact with the number of open items it decides: most first, ties by path.
    let ranking: [(path: String, count: Int)]
    let counts: [String: Int]

    init(_ evaluations: [PackEvaluation]) {
        var counts: [String: Int] = [:]
        var items = 0
        for i in Interview.openItems(evaluations) where !i.decidingFacts.isEmpty {
            items += 1
            for f in Set(i.decidingFacts) { counts[f, default: 0] += 1 }
        }
        self.items = items
        self.counts = counts
        self.ranking = counts.map { (path: $0.key, count: $0.value) }.sorted { ($1.count, $0.path) < ($0.count, $1.path) }
    }

    /// `facts` without repeats, those that decide the most open items of the system first.
    func ranked(_ facts: [String]) -> [String] {
        var seen = Set<String>()
        return facts.filter { seen.insert($0).inserted }.sorted { (counts[$1] ?? 0, $0) < (counts[$0] ?? 0, $1) }
    }
}
