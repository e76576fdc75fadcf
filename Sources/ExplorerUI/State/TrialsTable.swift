import SearchEngine

/// The trials table (`T`): every child in one sortable, filterable list.
public struct TrialsTable: Sendable, Hashable {
    /// The column the rows are sorted by; `s` cycles through them in this order.
    public enum SortKey: String, Sendable, Hashable, CaseIterable {
        case episode, architecture, latency, verdict, accuracy, reward, seconds

        var next: SortKey {
            let all = Self.allCases
            return all[(all.firstIndex(of: self)! + 1) % all.count]
        }
    }

    public var sort = SortKey.episode
    /// `S` reverses; the table opens newest first.
    public var descending = true
    /// The filter in force (empty: every trial).
    public var filter = TrialFilter.everything
    /// The `/` line while it is being typed, and the error of the last Enter.
    public var editing: String?
    public var error: String?

    public init() {}

    /// The rows to show: the trials `filter` matches, sorted by `sort` (ties by episode, so the
    /// order is stable from frame to frame). Trials without a value for the key (the accuracy of
    /// a pruned child, a non-finite reward) sort after those with one, in either direction.
    public func rows(_ trials: [Trial]) -> [Trial] { rowIndices(trials).map { trials[$0] } }

    /// ``rows(_:)`` as indices into `trials`. Indices and keys are sorted, not the trials:
    /// moving a trial copies all of its arrays.
    func rowIndices(_ trials: [Trial]) -> [Int] {
        let shown = filter.isEmpty ? Array(trials.indices) : trials.indices.filter { filter.matches(trials[$0]) }
        let (key, descending) = (sort, descending)
        // Each key is computed once per trial, not once per comparison.
        let values = shown.map { Self.sortValue(trials[$0], key) }
        let episodes = shown.map { trials[$0].episode }
        let order = shown.indices.sorted { a, b in
            switch (values[a], values[b]) {
            case (.some, .none): return true
            case (.none, .some): return false
            case let (x?, y?) where x != y: return descending ? y < x : x < y
            default: return descending ? episodes[a] > episodes[b] : episodes[a] < episodes[b]
            }
        }
        return order.map { shown[$0] }
    }

    /// What a trial is sorted by under a key: a number, or a sequence of numbers compared
    /// element by element (an architecture's kernel, filters and stride, layer by layer, so
    /// k3f8 comes before k3f16, and no text is built or compared).
    enum SortValue: Comparable {
        case number(Double)
        case numbers([Int])

        static func < (a: SortValue, b: SortValue) -> Bool {
            switch (a, b) {
            case let (.number(x), .number(y)): x < y
            case let (.numbers(x), .numbers(y)): x.lexicographicallyPrecedes(y)
            case (.number, .numbers): true
            case (.numbers, .number): false
            }
        }
    }

    /// The verdicts in the order the table sorts them: trained first, then pruned, then skipped.
    static let verdictRank: [Verdict: Double] = [.met: 0, .trainedOverSpec: 1, .violated: 2, .prunedLate: 3,
                                                  .infeasible: 4, .skipped: 5]

    /// `t`'s value under `key`, nil when it has none (no accuracy, an infeasible latency, a
    /// reused result's borrowed seconds, anything not finite).
    static func sortValue(_ t: Trial, _ key: SortKey) -> SortValue? {
        func number(_ v: Double?) -> SortValue? { v.flatMap { $0.isFinite ? .number($0) : nil } }
        switch key {
        case .episode: return .number(Double(t.episode))
        case .architecture: return .numbers(t.architecture.layers.flatMap { [$0.kernel, $0.filters, $0.stride] })
        case .latency: return t.latency.feasible ? number(t.latency.latencyMicroseconds) : nil
        case .verdict: return .number(verdictRank[t.verdict] ?? 6)
        case .accuracy: return number(t.accuracy)
        case .reward: return number(t.reward)
        case .seconds: return t.reused ? nil : number(t.trainingSeconds)
        }
    }
}
