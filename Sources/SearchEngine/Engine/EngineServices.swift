// SearchEngine never links the child trainer: whoever starts a search hands it the two services
// (see `ChildTraining.swift`), and an experiment, which starts many searches, asks a factory for
// them. The SearchServices module implements both over FPGAModel and ChildTrainer; tests use doubles.

/// The latency model and trainer one search runs on.
public struct EngineServices: Sendable {
    /// Estimates each sampled child's latency on the board.
    public var latency: any LatencyEstimating
    /// Trains the children that are not pruned.
    public var trainer: any ChildTraining

    /// Pairs a latency model with a trainer.
    public init(latency: any LatencyEstimating, trainer: any ChildTraining) {
        self.latency = latency
        self.trainer = trainer
    }
}

/// Makes the services of each search an ``ExperimentRunner`` runs.
///
/// The runner asks once per search it starts, in plan order, on the thread that called
/// ``ExperimentRunner/run(progress:)``; a search that is already complete asks for nothing, so a
/// factory that loads a dataset on first use loads nothing when an experiment has no work left.
public protocol EngineServicesFactory: Sendable {
    /// The latency model and trainer for one search of the experiment.
    ///
    /// - Parameter configuration: the search's configuration (a resumed search's recorded one).
    /// - Throws: ``InputError`` when the configuration's data cannot be loaded or does not fit
    ///   the search space; the experiment stops with it before the search starts.
    func services(for configuration: SearchConfiguration) throws -> EngineServices
}
