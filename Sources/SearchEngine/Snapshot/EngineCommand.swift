import FNASCore

/// What a UI (or a test) asks the engine to do. Safe to send from any thread.
public enum EngineCommand: Sendable, Hashable {
    case pause
    case resume
    /// Applies to every later sample; a child in training that now violates is pruned late.
    case setSpec(LatencySpec)
    /// Abandon the child in training.
    case skip
    /// Finish the current batch, checkpoint, and end the run.
    case stop
}
