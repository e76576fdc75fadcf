/// The result of training one child.
public struct ChildTrainingOutcome: Sendable, Hashable, Codable {
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
