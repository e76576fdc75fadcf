import FNASCore
import FPGAModel

/// Everything that defines a search; written to `config.json` of the run directory.
public struct SearchConfiguration: Sendable, Hashable, Codable {
    public var runName: String
    public var board: Board
    /// The latency spec at the start (commands may change it during the run).
    public var spec: LatencySpec
    public var space: SearchSpace
    public var strategy: SearchStrategy
    public var reward: RewardSettings
    public var controller: ControllerConfig
    public var episodes: Int
    public var epochs: Int
    /// The one seed every random choice derives from.
    public var seed: UInt64
    /// Reuse the result of an identical earlier child instead of training it again.
    public var reuseDuplicates: Bool
    /// Minimum seconds between snapshot publications while batches stream in.
    public var snapshotInterval: Double
    /// How the FPGA model maps children (read by the latency adapter).
    public var latency: LatencySettings
    /// How children are trained (read by the trainer adapter).
    public var training: TrainingSettings

    public init(runName: String, board: Board, spec: LatencySpec, space: SearchSpace,
                strategy: SearchStrategy = .fnas, reward: RewardSettings = .init(),
                controller: ControllerConfig = .init(), episodes: Int, epochs: Int, seed: UInt64,
                reuseDuplicates: Bool = true, snapshotInterval: Double = 0.05,
                latency: LatencySettings = .init(), training: TrainingSettings = .init()) {
        self.runName = runName; self.board = board; self.spec = spec; self.space = space
        self.strategy = strategy; self.reward = reward; self.controller = controller
        self.episodes = episodes; self.epochs = epochs; self.seed = seed
        self.reuseDuplicates = reuseDuplicates; self.snapshotInterval = snapshotInterval
        self.latency = latency; self.training = training
    }

    /// Checks every field.
    ///
    /// - Throws: ``InputError`` naming `source` and the field.
    public func validate(source: String = "configuration") throws {
        if episodes < 1 { throw InputError(source: source, field: "episodes", "must be at least 1 (got \(episodes))") }
        if epochs < 1 { throw InputError(source: source, field: "epochs", "must be at least 1 (got \(epochs))") }
        if !(snapshotInterval.isFinite && snapshotInterval >= 0) {
            throw InputError(source: source, field: "snapshotInterval", "must be zero or positive")
        }
        try board.validate(source: source)
        try space.validate(source: source)
        try reward.validate(source: source)
        try controller.validate(source: source)
        try training.validate(source: source)
    }

    /// Whether the controller learns (random search samples uniformly and never updates it).
    var usesController: Bool { strategy != .random }
    /// Whether children over the spec are pruned (accuracy-only NAS trains everything).
    var prunes: Bool { strategy != .nas }
}

/// The latency model's settings for a search (see FPGAModel's `ModelOptions`).
public struct LatencySettings: Sendable, Hashable, Codable {
    public var template: AcceleratorTemplate
    public var dse: DesignSpaceExploration

    public init(template: AcceleratorTemplate = .pipelined, dse: DesignSpaceExploration = .full) {
        self.template = template; self.dse = dse
    }
}

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
        if let t = trainLimit, t < 2 { throw fail("training.trainLimit", "must be at least 2 images (got \(t))") }
        if !(validationFraction > 0 && validationFraction < 1) {
            throw fail("training.validationFraction", "must be between 0 and 1 (got \(validationFraction))")
        }
        if threads < 0 { throw fail("training.threads", "must be zero (all cores) or positive (got \(threads))") }
    }
}
