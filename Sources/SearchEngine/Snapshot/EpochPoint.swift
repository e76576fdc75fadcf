/// One epoch of a child's training.
public struct EpochPoint: Sendable, Hashable, Codable {
    public var epoch: Int
    public var loss: Double
    public var trainAccuracy: Double
    public var validationAccuracy: Double
    /// Wall-clock seconds since the child started training.
    public var elapsedSeconds: Double

    public init(epoch: Int, loss: Double, trainAccuracy: Double, validationAccuracy: Double, elapsedSeconds: Double) {
        self.epoch = epoch; self.loss = loss; self.trainAccuracy = trainAccuracy
        self.validationAccuracy = validationAccuracy; self.elapsedSeconds = elapsedSeconds
    }
}
