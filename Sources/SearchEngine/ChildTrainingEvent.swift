/// What a child reports while it trains.
public enum ChildTrainingEvent: Sendable, Hashable {
    /// One optimisation step. `epoch` and `batch` count from 1.
    case batch(epoch: Int, batch: Int, batchesPerEpoch: Int, loss: Double, accuracy: Double)
    /// One finished epoch with its validation accuracy.
    case epoch(EpochPoint)
}
