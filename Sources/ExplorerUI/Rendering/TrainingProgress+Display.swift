import SearchEngine

extension TrainingProgress {
    /// The epoch being trained, counted from 1 as the engine and trainer count it (0 before
    /// the first batch is shown as 1).
    var displayEpoch: Int { min(max(epoch, 1), max(epochs, 1)) }
}
