/// How close the `full` design search came to the optimum of its objective (the summed layer
/// cycles for `sequential` and `shared`, the pipelined makespan for `pipelined`) over its
/// design space, under the board's DSP and BRAM budgets.
public struct DesignOptimality: Sendable, Hashable, Codable {
    /// No design of the space that fits the board has fewer cycles than this.
    public var lowerBoundCycles: Int
    /// Whether the design is proven optimal: its cycles equal the lower bound.
    public var proven: Bool

    public init(lowerBoundCycles: Int, cycles: Int) {
        self.lowerBoundCycles = min(lowerBoundCycles, cycles)
        proven = lowerBoundCycles >= cycles
    }

    /// At most how much slower than the optimum the design can be, as a fraction of the bound
    /// (0 when proven optimal).
    public func gap(cycles: Int) -> Double {
        guard !proven, lowerBoundCycles > 0 else { return 0 }
        return Double(cycles - lowerBoundCycles) / Double(lowerBoundCycles)
    }
}
