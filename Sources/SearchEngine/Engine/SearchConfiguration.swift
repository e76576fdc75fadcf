import FNASCore

/// Everything that defines a search; written to `config.json` of the run directory.
public struct SearchConfiguration: Sendable, Hashable, Codable {
    public var runName: String
    public var board: Board
    /// The latency spec at the start (commands may change it during the run).
    public var spec: LatencySpec
    public var space: SearchSpace
    public var strategy: SearchStrategy
    public var reward: RewardSettings
    public var controller: ControllerSettings
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
    /// The `evolution` strategy's population and tournament (nil: the defaults; absent from
    /// runs written before the strategy existed).
    public var evolution: AgingEvolution?

    public init(runName: String, board: Board, spec: LatencySpec, space: SearchSpace,
                strategy: SearchStrategy = .fnas, reward: RewardSettings = .init(),
                controller: ControllerSettings = .init(), episodes: Int, epochs: Int, seed: UInt64,
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
        if let evolution {
            do { try evolution.validate() } catch let e as InputError {
                throw InputError(source: source, field: "evolution." + (e.field ?? ""), e.message)
            }
        }
    }

    /// Whether the controller learns (random search samples uniformly and never updates it).
    var usesController: Bool { strategy == .fnas || strategy == .nas }
    /// Whether children over the spec are pruned (accuracy-only NAS trains everything).
    var prunes: Bool { strategy != .nas }
}
