import FNASCore

/// The child being trained right now.
public struct TrainingProgress: Sendable, Hashable, Codable {
    public var episode: Int
    public var architecture: Architecture
    public var epoch: Int
    public var epochs: Int
    public var batch: Int
    public var batchesPerEpoch: Int
    /// Loss of every batch so far (all epochs), for the live curve.
    public var batchLosses: [Double]
    /// Training accuracy of every batch so far.
    public var batchAccuracies: [Double]
    public var epochPoints: [EpochPoint]
    /// Seconds since this child started training, by the engine's ``EngineClock``.
    public var elapsedSeconds: Double

    public init(episode: Int, architecture: Architecture, epoch: Int, epochs: Int, batch: Int, batchesPerEpoch: Int,
                batchLosses: [Double], batchAccuracies: [Double], epochPoints: [EpochPoint], elapsedSeconds: Double) {
        self.episode = episode; self.architecture = architecture; self.epoch = epoch; self.epochs = epochs
        self.batch = batch; self.batchesPerEpoch = batchesPerEpoch; self.batchLosses = batchLosses
        self.batchAccuracies = batchAccuracies; self.epochPoints = epochPoints; self.elapsedSeconds = elapsedSeconds
    }
}
