import FNASCore

// The one rule for "meets the spec". The engine's pruning, a trial's verdict, re-judging past
// samples under a new spec, the explorer's marks and the report's verdict text all call
// `meets(_:)`, so they can never disagree at the boundary.

extension LatencyReport {
    /// Whether this child meets `spec`: it maps onto the board and its latency L is at most the
    /// spec r.
    ///
    /// A latency exactly equal to the spec meets it: fnas-method.md prunes only when L > r.
    /// An infeasible report never meets any spec.
    public func meets(_ spec: LatencySpec) -> Bool { feasible && latencyMicroseconds <= spec.microseconds }
}
