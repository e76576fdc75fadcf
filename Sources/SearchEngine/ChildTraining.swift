import FNASCore
import FPGAModel

// The two services the engine drives. The engine is written against these protocols so the
// FPGA latency model and the child trainer stay independent modules (and tests can use
// deterministic doubles). FPGAModel's LatencyModel conforms in LatencyModel+Engine.swift; the
// adapter over ChildTrainer lives in the SearchServices module, so SearchEngine never links the trainer.

/// Estimates a child's inference latency on the board (FNAS-Design, -GG, -Sched, -Analyzer).
///
/// Called on the engine thread only, but must be `Sendable` because the engine hands it to its thread.
public protocol LatencyEstimating: Sendable {
    /// The latency report of `architecture`; an unmappable child returns `feasible == false`.
    ///
    /// - Throws: when the architecture is malformed; the engine records it as infeasible.
    func estimate(_ architecture: Architecture) throws -> LatencyReport
}

/// What a child reports while it trains.
public enum ChildTrainingEvent: Sendable, Hashable {
    /// One optimisation step. `epoch` and `batch` count from 1.
    case batch(epoch: Int, batch: Int, batchesPerEpoch: Int, loss: Double, accuracy: Double)
    /// One finished epoch with its validation accuracy.
    case epoch(EpochPoint)
}

/// The result of training one child.
public struct ChildTrainingOutcome: Sendable, Hashable {
    /// Best validation accuracy over the epochs, in [0, 1] (the reward uses the best epoch).
    public var bestValidationAccuracy: Double
    public var curve: [EpochPoint]
    /// True when `shouldStop` ended training early; the accuracy is then not meaningful.
    public var cancelled: Bool
    /// Wall-clock seconds spent training.
    public var seconds: Double

    public init(bestValidationAccuracy: Double, curve: [EpochPoint], cancelled: Bool, seconds: Double) {
        self.bestValidationAccuracy = bestValidationAccuracy; self.curve = curve
        self.cancelled = cancelled; self.seconds = seconds
    }
}

/// Trains a child network and reports its best validation accuracy.
public protocol ChildTraining: Sendable {
    /// Trains `architecture` for `epochs` epochs, deterministically from `seed`.
    ///
    /// - Parameters:
    ///   - progress: called on the calling thread after every batch and epoch; it may block
    ///     (the engine pauses training there).
    ///   - shouldStop: polled between batches; when it returns true, return promptly with
    ///     `cancelled == true`.
    /// - Throws: when the child cannot be built or the data cannot be read.
    func train(_ architecture: Architecture, epochs: Int, seed: UInt64,
               progress: (ChildTrainingEvent) -> Void, shouldStop: () -> Bool) throws -> ChildTrainingOutcome

    /// Why `architecture` cannot be trained here at all (e.g. it needs more memory than the
    /// trainer allows), or nil. Such a child is recorded as infeasible instead of failing the run.
    func untrainableReason(_ architecture: Architecture) -> String?
}

extension ChildTraining {
    /// By default every well-formed child can be trained.
    public func untrainableReason(_ architecture: Architecture) -> String? { nil }
}
