/// A small, fast, seedable random number generator (SplitMix64).
///
/// Every random choice in fnas (controller sampling, exploration, weight initialisation,
/// shuffling) draws from one of these, derived from the run's `--seed`, so a run with the
/// same seed and settings on one thread repeats exactly. Not thread-safe: one per owner.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable, Codable {
    public private(set) var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for a named sub-stream, so that adding draws to one consumer does not
    /// shift another's (e.g. `derive("controller")`, `derive("train", 17)`).
    public func derive(_ label: String, _ index: Int = 0) -> SeededGenerator {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325   // FNV-1a over the label
        for b in label.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        var g = SeededGenerator(seed: state ^ h ^ (UInt64(bitPattern: Int64(index)) &* 0x9E37_79B9_7F4A_7C15))
        _ = g.next()
        return g
    }

    /// A uniform Double in [0, 1).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }
}
