import FNASCore

/// `fnas experiment --strategies` adds when it compares more than FNAS and NAS.
public struct StrategyRow: Sendable, Hashable {
    public var spec: LatencySpec
    public var strategy: SearchStrategy
    /// Its runs, by repeat.
    public var runs: [ExperimentRun]

    public init(spec: LatencySpec, strategy: SearchStrategy, runs: [ExperimentRun]) {
        self.spec = spec; self.strategy = strategy; self.runs = runs.sorted { $0.repeatIndex < $1.repeatIndex }
    }

    public var episodes: Spread? { Spread(runs.map { Double($0.episodes) }) }
    public var trained: Spread? { Spread(runs.map { Double($0.trained) }) }
    public var pruned: Spread? { Spread(runs.map { Double($0.pruned) }) }
    public var seconds: Spread? { Spread(runs.map(\.wallSeconds)) }
    /// Distinct children among each run's trials.
    public var distinct: Spread? { Spread(runs.map { Double(Set($0.trials.map(\.architecture)).count) }) }
    /// The best accuracy each run would hand to the user (``ExperimentRun/best``).
    public var bestAccuracy: Spread? { Spread(runs.compactMap { $0.best?.accuracy }) }
    public var bestLatencyOverSpec: Spread? {
        Spread(runs.compactMap { run in run.best.map { $0.latency.latencyMicroseconds / run.spec.microseconds } })
    }
    /// How many runs' best child meets the spec, of those that trained anything.
    public var bestMeets: (met: Int, of: Int) {
        let v = runs.compactMap { run in run.best.map { $0.meets(run.spec) } }
        return (v.filter { $0 }.count, v.count)
    }
}
