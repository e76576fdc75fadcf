import FNASCore
import FPGAModel

/// Something the engine did, delivered to subscribers on the engine thread, in order.
///
/// Handlers must return quickly (hand heavy work to your own queue): the engine waits for them.
public enum EngineEvent: Sendable {
    /// The loop started (or resumed at `episode`, the next episode to run).
    case started(episode: Int, resumed: Bool)
    /// The controller (or uniform exploration when `explored`) sampled a child.
    case sampled(episode: Int, architecture: Architecture, explored: Bool)
    /// The FPGA model mapped the child; the report has the per-layer breakdown.
    case latencyEstimated(episode: Int, report: LatencyReport)
    /// A child missed the spec (or could not be mapped, or was pruned late); `reason` says why.
    case pruned(Trial)
    /// A child that meets the spec starts training (or reuses an earlier identical child's result).
    case trainingStarted(episode: Int, architecture: Architecture, reused: Bool)
    /// One batch of the child in training.
    case batch(episode: Int, epoch: Int, batch: Int, batchesPerEpoch: Int, loss: Double, accuracy: Double)
    /// One epoch of the child in training.
    case epoch(episode: Int, point: EpochPoint)
    /// A child finished training (or reused a result).
    case trained(Trial)
    /// The user skipped the child in training.
    case skipped(Trial)
    /// REINFORCE updated the controller.
    case controllerUpdated(ControllerStep)
    case specChanged(from: LatencySpec, to: LatencySpec)
    case paused
    case resumed
    /// The loop ended: all episodes done, or stopped by a command.
    case finished(SearchSummary)
    /// The loop ended with an error (e.g. the trainer could not read its data).
    case failed(String)
}
