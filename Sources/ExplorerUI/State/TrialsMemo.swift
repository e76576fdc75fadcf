import Synchronization
import SearchEngine

/// Remembers what is derived from a whole list of trials (the trials table's rows, the longest
/// architecture name), so frames and keys over 10,000 children do not sort and format them all
/// again: the same trials, sort and filter give back the last result.
///
/// Keyed by a fingerprint of the trials' content (episode, architecture, verdict, results,
/// latency figures), never by identity, so a result is never stale and rendering stays a pure
/// function of state and snapshot. Holds the last few results; thread-safe.
final class TrialsMemo: Sendable {
    static let shared = TrialsMemo()

    private struct Key: Hashable {
        var fingerprint: Int
        var sort: TrialsTable.SortKey?
        var descending: Bool
        var filter: String
    }

    private struct Entry {
        var key: Key
        var rows: [Trial]
        var longest: Int
    }

    private let entries = Mutex<[Entry]>([])
    private static let capacity = 6

    /// The table's rows for `trials`, and the longest architecture name among them.
    func rows(_ trials: [Trial], _ table: TrialsTable) -> (rows: [Trial], longest: Int) {
        let key = Key(fingerprint: Self.fingerprint(trials), sort: table.sort, descending: table.descending,
                      filter: table.filter.source)
        return remembered(key) {
            let rows = table.rows(trials)
            return (rows, Self.longest(rows))
        }
    }

    /// The longest architecture name among `trials` (pane 1 sizes its column by it).
    func longestLayers(_ trials: [Trial]) -> Int {
        let key = Key(fingerprint: Self.fingerprint(trials), sort: nil, descending: false, filter: "")
        return remembered(key) { ([], Self.longest(trials)) }.longest
    }

    private func remembered(_ key: Key, _ make: () -> (rows: [Trial], longest: Int)) -> (rows: [Trial], longest: Int) {
        if let hit = entries.withLock({ $0.first { $0.key == key } }) { return (hit.rows, hit.longest) }
        let made = make()
        entries.withLock { list in
            list.insert(Entry(key: key, rows: made.rows, longest: made.longest), at: 0)
            if list.count > Self.capacity { list.removeLast() }
        }
        return made
    }

    static func longest(_ trials: [Trial]) -> Int {
        trials.reduce(0) { max($0, $1.architecture.compactLayers.count) }
    }

    /// A hash of everything the table shows or sorts by (not the curves or the tile timeline,
    /// which are large and shown only in the detail view).
    static func fingerprint(_ trials: [Trial]) -> Int {
        var h = Hasher()
        h.combine(trials.count)
        for t in trials {
            h.combine(t.episode)
            h.combine(t.architecture)
            h.combine(t.verdict)
            h.combine(t.reused)
            h.combine(t.reusedFrom)
            h.combine(t.accuracy?.bitPattern)
            h.combine(t.reward.bitPattern)
            h.combine(t.trainingSeconds?.bitPattern)
            h.combine(t.latency.feasible)
            h.combine(t.latency.latencyCycles)
            h.combine(t.latency.clockMHz.bitPattern)
            h.combine(t.latency.dspUsed)
            h.combine(t.latency.bramUsed)
        }
        return h.finalize()
    }
}
