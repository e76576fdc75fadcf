/// Progress reported while training, on the training thread.
public enum TrainingEvent: Sendable {
    /// One optimisation step finished (1-based `batch` of `batches` in 1-based `epoch`).
    case batch(epoch: Int, batch: Int, batches: Int, loss: Double, accuracy: Double)
    /// An epoch finished and the validation accuracy was measured.
    case epoch(EpochSummary)
}
