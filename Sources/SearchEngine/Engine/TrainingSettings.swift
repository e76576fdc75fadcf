import FNASCore

/// How each child is trained (the trainer adapter turns these into ChildTrainer's config).
public struct TrainingSettings: Sendable, Hashable, Codable {
    /// `embedded` (the Fashion-MNIST subset inside fnas), `fashion-mnist` (the Debian package's
    /// full set), or a directory of MNIST-style IDX files or CIFAR-10 binary batches. nil: the
    /// space's dataset.
    public var dataset: String?
    public var batchSize: Int
    public var learningRate: Double
    /// Train on at most this many images per epoch (nil: all).
    public var trainLimit: Int?
    public var validationFraction: Double
    /// Threads for one child's training (0: all cores).
    public var threads: Int

    public init(dataset: String? = nil, batchSize: Int = 64, learningRate: Double = 1e-3, trainLimit: Int? = nil,
                validationFraction: Double = 0.1, threads: Int = 0) {
        self.dataset = dataset; self.batchSize = batchSize; self.learningRate = learningRate
        self.trainLimit = trainLimit; self.validationFraction = validationFraction; self.threads = threads
    }

    /// Checks every field.
    ///
    /// - Throws: ``InputError`` naming the bad field of `source`.
    public func validate(source: String = "training") throws {
        func fail(_ field: String, _ message: String) -> InputError { InputError(source: source, field: field, message) }
        if batchSize < 2 { throw fail("training.batchSize", "must be at least 2 (got \(batchSize))") }
        if !(learningRate.isFinite && learningRate > 0) { throw fail("training.learningRate", "must be positive (got \(learningRate))") }
        // Children train in 32-bit floats: checked as the Float it becomes, not as the Double it
        // is here (1e39 passed and became inf, 5e-324 became 0, after the run directory existed).
        let asFloat = Float(learningRate)
        if !asFloat.isFinite {
            throw fail("training.learningRate", "must be at most \(Float.greatestFiniteMagnitude), the largest 32-bit float children train with (got \(learningRate))")
        }
        if asFloat == 0 {
            throw fail("training.learningRate", "must be at least \(Float.leastNonzeroMagnitude), the smallest 32-bit float children train with (got \(learningRate))")
        }
        if let t = trainLimit, t < 2 { throw fail("training.trainLimit", "must be at least 2 images (got \(t))") }
        if !(validationFraction > 0 && validationFraction < 1) {
            throw fail("training.validationFraction", "must be between 0 and 1 (got \(validationFraction))")
        }
        if threads < 0 { throw fail("training.threads", "must be zero (all cores) or positive (got \(threads))") }
    }
}
