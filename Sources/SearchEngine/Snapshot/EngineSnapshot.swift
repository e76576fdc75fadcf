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
    public var trials: [Trial] { didSet { recount() } }
    /// Different children among the trials: a search that keeps exploring keeps this growing.
    /// Stored, and counted when the trials change (once an episode), not on every rendered frame.
    public private(set) var distinctCount = 0
    /// How many trials got each verdict, counted with ``distinctCount``.
    public private(set) var verdictCounts: [Verdict: Int] = [:]
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
        self.controllerSteps = controllerSteps; self.elapsedSeconds = elapsedSeconds
        self.savedSeconds = savedSeconds; self.message = message; self.readOnly = readOnly
        self.policy = policy; self.events = events
        recount()
    }

    private mutating func recount() {
        distinctCount = Self.distinct(trials)
        var counts: [Verdict: Int] = [:]
        for i in trials.indices { counts[trials[i].verdict, default: 0] += 1 }
        verdictCounts = counts
    }

    /// Trials with verdict `v`.
    public func count(of v: Verdict) -> Int { verdictCounts[v] ?? 0 }

    public var trainedCount: Int { verdictCounts.reduce(0) { $0 + ($1.key.isTrained ? $1.value : 0) } }
    public var prunedCount: Int { verdictCounts.reduce(0) { $0 + ($1.key.isPruned ? $1.value : 0) } }
    static func distinct(_ trials: [Trial]) -> Int { Set(trials.map(\.architecture)).count }

    /// The most accurate trained child that meets the current spec.
    public var best: Trial? {
        // The first of the most accurate (as `max(by:)` picks), found without copying the rest.
        var at: Int?
        for i in trials.indices {
            guard let a = trials[i].accuracy, trials[i].meets(spec) else { continue }
            if let j = at, (trials[j].accuracy ?? 0) >= a { continue }
            at = i
        }
        return at.map { trials[$0] }
    }
}
