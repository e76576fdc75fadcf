import FNASCore
import FPGAModel

// What the search engine publishes. A UI reads an `EngineSnapshot` at any time without
// blocking the engine and sends `EngineCommand`s back. These names and fields are a
// contract with the explorer: add fields freely, rename none.

/// How a sampled child was judged against the latency spec.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Latency within the spec: the child was trained.
    case met
    /// Latency over the spec: pruned, never trained.
    case violated
    /// The architecture cannot be mapped onto the board at all: pruned.
    case infeasible
    /// Was training, but a spec change made it violate: stopped and recorded as pruned.
    case prunedLate
    /// Was training and the user skipped it: no accuracy, no controller update.
    case skipped
    /// Latency over the spec, trained anyway: accuracy-only NAS ignores latency.
    case trainedOverSpec

    /// True for every verdict whose child finished training and has an accuracy.
    public var isTrained: Bool { self == .met || self == .trainedOverSpec }

    /// True for every verdict that kept the child from finishing training.
    public var isPruned: Bool { self == .violated || self == .infeasible || self == .prunedLate }
}

/// How the search treats latency.
public enum SearchStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// FNAS: prune children over the spec with a negative reward; train the rest.
    case fnas
    /// Accuracy-only NAS: train every child; latency is recorded but unused.
    case nas
    /// Random search with the same pruning as FNAS (the controller is not used).
    case random
}

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

/// One episode: a sampled child, its latency, the verdict, and (if trained) its accuracy.
public struct Trial: Sendable, Hashable, Codable, Identifiable {
    public var episode: Int
    public var architecture: Architecture
    public var latency: LatencyReport
    /// The spec in force when the child was judged.
    public var spec: LatencySpec
    public var verdict: Verdict
    /// Why it was pruned, e.g. "7.9ms > 5ms spec, layer 3 computing-bound".
    public var reason: String?
    /// Best validation accuracy in [0, 1]; nil when not trained.
    public var accuracy: Double?
    public var reward: Double
    public var baseline: Double
    public var trainingSeconds: Double?
    public var curve: [EpochPoint]
    /// True when the result came from an earlier identical child rather than new training.
    public var reused: Bool

    public var id: Int { episode }

    public init(episode: Int, architecture: Architecture, latency: LatencyReport, spec: LatencySpec,
                verdict: Verdict, reason: String?, accuracy: Double?, reward: Double, baseline: Double,
                trainingSeconds: Double?, curve: [EpochPoint], reused: Bool) {
        self.episode = episode; self.architecture = architecture; self.latency = latency; self.spec = spec
        self.verdict = verdict; self.reason = reason; self.accuracy = accuracy; self.reward = reward
        self.baseline = baseline; self.trainingSeconds = trainingSeconds; self.curve = curve; self.reused = reused
    }

    /// Whether this child would meet `spec` (for re-judging past samples under a new spec).
    public func meets(_ spec: LatencySpec) -> Bool {
        latency.feasible && latency.latencyMicroseconds <= spec.microseconds
    }
}

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
    public var elapsedSeconds: Double

    public init(episode: Int, architecture: Architecture, epoch: Int, epochs: Int, batch: Int, batchesPerEpoch: Int,
                batchLosses: [Double], batchAccuracies: [Double], epochPoints: [EpochPoint], elapsedSeconds: Double) {
        self.episode = episode; self.architecture = architecture; self.epoch = epoch; self.epochs = epochs
        self.batch = batch; self.batchesPerEpoch = batchesPerEpoch; self.batchLosses = batchLosses
        self.batchAccuracies = batchAccuracies; self.epochPoints = epochPoints; self.elapsedSeconds = elapsedSeconds
    }
}

/// What the engine is doing.
public enum EngineState: String, Sendable, Hashable, Codable {
    case starting, sampling, training, paused, stopping, finished, failed
}

/// A controller update after an episode.
public struct ControllerStep: Sendable, Hashable, Codable {
    public var episode: Int
    public var loss: Double
    public var entropy: Double
    public var reward: Double
    public var baseline: Double

    public init(episode: Int, loss: Double, entropy: Double, reward: Double, baseline: Double) {
        self.episode = episode; self.loss = loss; self.entropy = entropy; self.reward = reward; self.baseline = baseline
    }
}

/// An immutable picture of the whole search, published after every change.
public struct EngineSnapshot: Sendable {
    public var runName: String
    public var runDirectory: String?
    public var board: Board
    public var spec: LatencySpec
    public var strategy: SearchStrategy
    public var spaceName: String
    public var episodesPlanned: Int
    public var epochsPerChild: Int
    public var state: EngineState
    /// Every finished trial, oldest first.
    public var trials: [Trial]
    public var current: TrainingProgress?
    public var controllerSteps: [ControllerStep]
    /// Wall-clock seconds since the search started (excluding time before a resume).
    public var elapsedSeconds: Double
    /// Mean training seconds per trained child times the number of pruned children.
    public var savedSeconds: Double
    public var message: String?
    /// Read-only (replay): commands other than spec changes for re-judging are ignored.
    public var readOnly: Bool

    public init(runName: String, runDirectory: String?, board: Board, spec: LatencySpec, strategy: SearchStrategy,
                spaceName: String, episodesPlanned: Int, epochsPerChild: Int, state: EngineState, trials: [Trial],
                current: TrainingProgress?, controllerSteps: [ControllerStep], elapsedSeconds: Double,
                savedSeconds: Double, message: String?, readOnly: Bool) {
        self.runName = runName; self.runDirectory = runDirectory; self.board = board; self.spec = spec
        self.strategy = strategy; self.spaceName = spaceName; self.episodesPlanned = episodesPlanned
        self.epochsPerChild = epochsPerChild; self.state = state; self.trials = trials; self.current = current
        self.controllerSteps = controllerSteps; self.elapsedSeconds = elapsedSeconds
        self.savedSeconds = savedSeconds; self.message = message; self.readOnly = readOnly
    }

    public var trainedCount: Int { trials.filter { $0.verdict.isTrained }.count }
    public var prunedCount: Int { trials.filter { $0.verdict.isPruned }.count }

    /// The most accurate trained child that meets the current spec.
    public var best: Trial? {
        trials.filter { $0.accuracy != nil && $0.meets(spec) }.max { ($0.accuracy ?? 0) < ($1.accuracy ?? 0) }
    }
}

/// What a UI (or a test) asks the engine to do. Safe to send from any thread.
public enum EngineCommand: Sendable, Hashable {
    case pause
    case resume
    /// Applies to every later sample; a child in training that now violates is pruned late.
    case setSpec(LatencySpec)
    /// Abandon the child in training.
    case skip
    /// Finish the current batch, checkpoint, and end the run.
    case stop
}
