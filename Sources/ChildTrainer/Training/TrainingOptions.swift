import Foundation
import FNASCore

/// How to train one child network.
public struct TrainingOptions: Sendable, Hashable, Codable {
    public var epochs: Int
    public var batchSize: Int
    public var optimizer: OptimizerKind
    /// L2 weight decay on conv and dense weights (not on biases or batch-norm parameters).
    public var weightDecay: Float
    /// Fixes the initial weights, the validation split and the shuffles.
    public var seed: UInt64
    /// Threads the layers use (images of a batch are split into this many chunks).
    public var threads: Int
    /// Fraction of the training images held out to measure the validation accuracy (the reward).
    public var validationFraction: Double
    /// Train on at most this many images per epoch (after the validation split), for quick runs.
    public var trainLimit: Int?
    /// Measure the accuracy on the dataset's test images after training, when it has them.
    public var evaluateTest: Bool

    /// Defaults follow the authors' MNIST demo except the epoch count: Adam at 1e-3, batch 256.
    public init(epochs: Int = 1, batchSize: Int = 256, optimizer: OptimizerKind = .adam(learningRate: 1e-3),
                weightDecay: Float = 0, seed: UInt64 = 1,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                validationFraction: Double = 0.1, trainLimit: Int? = nil, evaluateTest: Bool = true) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.optimizer = optimizer
        self.weightDecay = weightDecay
        self.seed = seed
        self.threads = threads
        self.validationFraction = validationFraction
        self.trainLimit = trainLimit
        self.evaluateTest = evaluateTest
    }

    /// Checks every field.
    /// - Throws: ``InputError`` attributed to `source` naming the bad field.
    public func validate(source: String = "training config") throws {
        func fail(_ field: String, _ message: String) -> InputError { InputError(source: source, field: field, message) }
        if epochs < 1 { throw fail("epochs", "must be at least 1 (got \(epochs))") }
        if batchSize < 2 { throw fail("batchSize", "must be at least 2 for batch normalisation (got \(batchSize))") }
        if !(optimizer.learningRate > 0) || !optimizer.learningRate.isFinite {
            throw fail("learningRate", "the learning rate must be a positive number (got \(optimizer.learningRate))")
        }
        if case .sgd(_, let momentum) = optimizer, !(momentum >= 0 && momentum < 1) {
            throw fail("momentum", "must be in [0, 1) (got \(momentum))")
        }
        if !(weightDecay >= 0 && weightDecay.isFinite) { throw fail("weightDecay", "must be zero or a finite positive number (got \(weightDecay))") }
        if threads < 1 { throw fail("threads", "must be at least 1 (got \(threads))") }
        if !(validationFraction > 0 && validationFraction < 1) {
            throw fail("validationFraction", "the validation fraction must be between 0 and 1 (got \(validationFraction))")
        }
        if let trainLimit, trainLimit < 2 { throw fail("trainLimit", "must be at least 2 images (got \(trainLimit))") }
    }
}
