/// The outcome of training a child.
public struct TrainingResult: Sendable {
    /// The best validation accuracy of any finished epoch: FNAS's reward for the child.
    public var bestValidationAccuracy: Double
    public var finalValidationAccuracy: Double
    public var epochs: [EpochSummary]
    /// Wall time of the whole call, evaluation included.
    public var seconds: Double
    /// Optimisation steps taken.
    public var batches: Int
    /// Training images processed (forward + backward), for images/s.
    public var trainedImages: Int
    /// Wall time spent in optimisation steps only.
    public var trainingSeconds: Double
    /// True when `shouldStop` ended training early.
    public var cancelled: Bool
    /// Accuracy on the dataset's test images with the final weights, when measured.
    public var testAccuracy: Double?

    /// Training throughput, images per second of optimisation.
    public var imagesPerSecond: Double { trainingSeconds > 0 ? Double(trainedImages) / trainingSeconds : 0 }
}
