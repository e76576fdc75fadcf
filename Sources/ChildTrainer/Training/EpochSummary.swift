/// What one epoch achieved.
public struct EpochSummary: Sendable, Hashable, Codable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean training loss over the epoch's batches.
    public var loss: Double
    public var trainAccuracy: Double
    public var validationAccuracy: Double
    /// Wall time since training started, at the end of this epoch.
    public var elapsedSeconds: Double
}
