import FNASCore
import FPGAModel

/// Estimates a child's inference latency on the board (FNAS-Design, -GG, -Sched, -Analyzer).
///
/// Called on the engine thread only, but must be `Sendable` because the engine hands it to its thread.
public protocol LatencyEstimating: Sendable {
    /// The latency report of `architecture`; an unmappable child returns `feasible == false`.
    ///
    /// - Throws: when the architecture is malformed; the engine records it as infeasible.
    func estimate(_ architecture: Architecture) throws -> LatencyReport
}
