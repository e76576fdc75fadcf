import Synchronization
import SearchEngine

/// Remembers what is derived from a whole list of trials (the trials table's rows, the longest
/// architecture name), so frames and keys over 10,000 children do not sort, hash and format
/// them all again: the same trials, sort and filter give back the last result.
///
/// A list is recognised first by its storage: the memo keeps the array it was given, so while
/// another array shares that storage it cannot change (copy-on-write copies it first), and the
/// same storage means the same content. Another array with the same content (a new snapshot of
/// the same trials) is recognised by a fingerprint of everything the table shows or sorts by.
/// So a result is never stale and rendering stays a pure function of state and snapshot.
/// Holds the last few results; thread-safe.
final class TrialsMemo: Sendable {
    static let shared = TrialsMemo()

    /// One list of trials and what does not depend on the table's settings.
    private struct Base {
        var trials: [Trial]
        var fingerprint: Int
        /// The length of each trial's architecture name, and the longest.
        var lengths: [Int]
        var longest: Int
    }

    private struct Key: Hashable {
        var fingerprint: Int
        var sort: TrialsTable.SortKey
        var descending: Bool
        var filter: String
    }

    private struct Entry {
        var key: Key
        var rows: [Trial]
        var longest: Int
    }

    private struct State {
        var bases: [Base] = []
        var entries: [Entry] = []
    }

    private let state = Mutex(State())
    private static let capacity = 6

    /// The table's rows for `trials`, and the longest architecture name among them.
    func rows(_ trials: [Trial], _ table: TrialsTable) -> (rows: [Trial], longest: Int) {
        let base = self.base(trials)
        let key = Key(fingerprint: base.fingerprint, sort: table.sort, descending: table.descending, filter: table.filter.source)
        if let hit = state.withLock({ $0.entries.first { $0.key == key } }) { return (hit.rows, hit.longest) }
        let indices = table.rowIndices(trials)
        let entry = Entry(key: key, rows: indices.map { trials[$0] }, longest: indices.reduce(0) { max($0, base.lengths[$1]) })
        state.withLock { s in
            s.entries.insert(entry, at: 0)
            if s.entries.count > Self.capacity { s.entries.removeLast() }
        }
        return (entry.rows, entry.longest)
    }

    /// The longest architecture name among `trials` (pane 1 sizes its column by it).
    func longestLayers(_ trials: [Trial]) -> Int { base(trials).longest }

    private func base(_ trials: [Trial]) -> Base {
        if let hit = state.withLock({ s in s.bases.first { Self.sameStorage($0.trials, trials) } }) { return hit }
        let fingerprint = Self.fingerprint(trials)
        if let hit = state.withLock({ s -> Base? in
            guard let i = s.bases.firstIndex(where: { $0.fingerprint == fingerprint }) else { return nil }
            s.bases[i].trials = trials   // the newest storage of these trials
            return s.bases[i]
        }) { return hit }
        let lengths = trials.indices.map { trials[$0].architecture.compactLayers.count }
        let made = Base(trials: trials, fingerprint: fingerprint, lengths: lengths, longest: lengths.max() ?? 0)
        state.withLock { s in
            s.bases.insert(made, at: 0)
            if s.bases.count > 2 { s.bases.removeLast() }
        }
        return made
    }

    /// Whether `a` and `b` share their storage (and so their content).
    static func sameStorage(_ a: [Trial], _ b: [Trial]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
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
