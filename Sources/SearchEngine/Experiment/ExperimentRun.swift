import FNASCore

/// One finished search, as the experiment table needs it.
public struct ExperimentRun: Sendable, Hashable, Codable {
    public var strategy: SearchStrategy
    public var spec: LatencySpec
    public var repeatIndex: Int
    public var trials: [Trial]
    /// Wall-clock seconds the search took (sampling, estimating, training, updating).
    public var wallSeconds: Double

    public init(strategy: SearchStrategy, spec: LatencySpec, repeatIndex: Int, trials: [Trial], wallSeconds: Double) {
        self.strategy = strategy; self.spec = spec; self.repeatIndex = repeatIndex
        self.trials = trials; self.wallSeconds = wallSeconds
    }

    public var episodes: Int { trials.count }
    /// Children that finished training (reused results count: they are still trained children).
    public var trained: Int { trials.filter { $0.accuracy != nil }.count }
    public var pruned: Int { trials.filter { $0.verdict.isPruned }.count }

    /// The architecture this search would hand to the user: FNAS only returns children that
    /// meet the spec; accuracy-only NAS returns its most accurate child, whatever its latency.
    public var best: Trial? {
        let candidates = trials.filter { t in
            t.accuracy != nil && (strategy == .nas || t.meets(spec))
        }
        return candidates.max { a, b in
            (a.accuracy ?? 0, -a.episode) < (b.accuracy ?? 0, -b.episode)
        }
    }
}
