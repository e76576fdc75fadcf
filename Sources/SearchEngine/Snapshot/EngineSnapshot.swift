import FNASCore

// What the search engine publishes. A UI reads an `EngineSnapshot` at any time without
// blocking the engine and sends `EngineCommand`s back. These names and fields are a
// contract with the explorer: add fields freely, rename none.

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
    public var trials: [Trial] { didSet { distinctCount = Self.distinct(trials) } }
    /// Different children among the trials: a search that keeps exploring keeps this growing.
    /// Stored, and counted when the trials change (once an episode), not on every rendered frame.
    public private(set) var distinctCount: Int
    public var current: TrainingProgress?
    public var controllerSteps: [ControllerStep]
    /// Seconds since this session of the search started (excluding time before a resume), by
    /// the engine's ``EngineClock``.
    public var elapsedSeconds: Double
    /// Mean training seconds per trained child times the number of pruned children.
    public var savedSeconds: Double
    public var message: String?
    /// Read-only (replay): commands other than spec changes for re-judging are ignored.
    public var readOnly: Bool
    /// What the strategy has learned: per layer and decision, each choice's probability.
    /// Updated after every episode; in a replay, the end of the run's (nil when its checkpoint
    /// is behind the log).
    public var policy: PolicyView?
    /// Sessions, spec changes, pauses, new bests and ends, oldest first (the event log view).
    public var events: [RunEvent]

    public init(runName: String, runDirectory: String?, board: Board, spec: LatencySpec, strategy: SearchStrategy,
                spaceName: String, episodesPlanned: Int, epochsPerChild: Int, state: EngineState, trials: [Trial],
                current: TrainingProgress?, controllerSteps: [ControllerStep], elapsedSeconds: Double,
                savedSeconds: Double, message: String?, readOnly: Bool, policy: PolicyView? = nil,
                events: [RunEvent] = []) {
        self.runName = runName; self.runDirectory = runDirectory; self.board = board; self.spec = spec
        self.strategy = strategy; self.spaceName = spaceName; self.episodesPlanned = episodesPlanned
        self.epochsPerChild = epochsPerChild; self.state = state; self.trials = trials; self.current = current
        distinctCount = Self.distinct(trials)
        self.controllerSteps = controllerSteps; self.elapsedSeconds = elapsedSeconds
        self.savedSeconds = savedSeconds; self.message = message; self.readOnly = readOnly
        self.policy = policy; self.events = events
    }

    public var trainedCount: Int { trials.filter { $0.verdict.isTrained }.count }
    public var prunedCount: Int { trials.filter { $0.verdict.isPruned }.count }
    static func distinct(_ trials: [Trial]) -> Int { Set(trials.map(\.architecture)).count }

    /// The most accurate trained child that meets the current spec.
    public var best: Trial? {
        trials.filter { $0.accuracy != nil && $0.meets(spec) }.max { ($0.accuracy ?? 0) < ($1.accuracy ?? 0) }
    }
}
