import FNASCore

// The two services the engine drives. The engine is written against these protocols so the
// FPGA latency model and the child trainer stay independent modules (and tests can use
// deterministic doubles). FPGAModel's LatencyModel conforms in LatencyModel+Engine.swift; the
// adapter over ChildTrainer lives in the SearchServices module, so SearchEngine never links the trainer.

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
