import FNASCore

/// One row of the paper-style table: every repeat of FNAS vs NAS under one spec.
public struct ExperimentRow: Sendable, Hashable {
    public var spec: LatencySpec
    public var pairs: [ExperimentPair]

    public init(spec: LatencySpec, pairs: [ExperimentPair]) {
        self.spec = spec
        self.pairs = pairs
    }

    public var episodes: Spread? { Spread(pairs.map { Double($0.fnas.episodes) }) }
    public var fnasTrained: Spread? { Spread(pairs.map { Double($0.fnas.trained) }) }
    public var nasTrained: Spread? { Spread(pairs.map { Double($0.nas.trained) }) }
    public var fnasPruned: Spread? { Spread(pairs.map { Double($0.fnas.pruned) }) }
    public var fnasSeconds: Spread? { Spread(pairs.map(\.fnas.wallSeconds)) }
    public var nasSeconds: Spread? { Spread(pairs.map(\.nas.wallSeconds)) }
    public var speedup: Spread? { Spread(pairs.map(\.speedup)) }
    public var fnasBestAccuracy: Spread? { Spread(pairs.compactMap { $0.fnas.best?.accuracy }) }
    public var nasBestAccuracy: Spread? { Spread(pairs.compactMap { $0.nas.best?.accuracy }) }
    public var nasLatencyOverSpec: Spread? { Spread(pairs.compactMap(\.nasLatencyOverSpec)) }
    public var accuracyDifference: Spread? { Spread(pairs.compactMap(\.accuracyDifference)) }
    /// How many repeats' FNAS best met the spec, of those where FNAS trained anything.
    public var fnasMeets: (met: Int, of: Int) {
        let v = pairs.compactMap(\.fnasMeetsSpec)
        return (v.filter { $0 }.count, v.count)
    }
}

/// One strategy under one spec, over its repeats: a row of the by-strategy table that
