import FNASCore
import FPGAModel
import Foundation
import Synchronization

/// The FNAS search loop on its own thread, watched through snapshots and events and steered by
/// commands.
///
/// Thread safety: every public member may be called from any thread at any time. `snapshot`
/// copies an immutable value out of a lock the engine holds only to swap values in; the engine
/// never waits on a reader. Subscribers run on the engine thread.
///
/// ```swift
/// let engine = try SearchEngine(configuration: config, latency: model, trainer: trainer, runDirectory: "runs/a")
/// engine.subscribe { event in ... }
/// engine.start()
/// engine.send(.setSpec(spec))
/// let summary = try engine.wait()
/// ```
public final class SearchEngine: Sendable {
    public let configuration: SearchConfiguration
    private let channel: EngineChannel
    private let loop: Mutex<EpisodeLoop?>

    /// Prepares a search (nothing runs until `start()` or `run()`).
    ///
    /// - Parameters:
    ///   - runDirectory: where to write config, events, checkpoint, trials and best child;
    ///     nil keeps everything in memory.
    ///   - log: a run read with ``RunLog/load(_:)`` to continue; its directory is reused and its
    ///     configuration must be `configuration` (apart from `episodes`).
    ///   - clock: where every elapsed figure of the snapshots and the summary comes from; tests
    ///     pass a ``ManualClock``.
    /// - Throws: ``InputError`` for a bad configuration or run directory; ``RunInUseError`` when
    ///   another process (or another engine) is writing the run directory.
    public init(configuration: SearchConfiguration, latency: any LatencyEstimating, trainer: any ChildTraining,
                runDirectory: String? = nil, resuming log: RunLog? = nil,
                clock: any EngineClock = SystemClock()) throws {
        // Everything is checked (configuration, run directory files, checkpoint, log, every
        // logged architecture) before the first byte is written, under the run's lock: a
        // refused resume leaves the run directory exactly as it was.
        try configuration.validate()
        self.configuration = configuration
        let lock = try log.map { try RunLock(directory: $0.directory) }
        let episodeLoop: EpisodeLoop
        do {
            episodeLoop = try Self.prepare(configuration, latency: latency, trainer: trainer,
                                           runDirectory: runDirectory, log: log, lock: lock, clock: clock)
        } catch {
            lock?.abandon()
            throw error
        }
        channel = episodeLoop.channel
        loop = Mutex(episodeLoop)
    }

    private static func prepare(_ configuration: SearchConfiguration, latency: any LatencyEstimating,
                                trainer: any ChildTraining, runDirectory: String?, log: RunLog?, lock: RunLock?,
                                clock: any EngineClock) throws -> EpisodeLoop {
        if let log { try RunWriter.checkResumable(log, configuration: configuration) }
        let snapshot = EngineSnapshot(
            runName: configuration.runName, runDirectory: log?.directory ?? runDirectory, board: configuration.board,
            spec: log?.currentSpec ?? configuration.spec, strategy: configuration.strategy,
            spaceName: configuration.space.name, episodesPlanned: configuration.episodes,
            epochsPerChild: configuration.epochs, state: .starting, trials: log?.trials ?? [], current: nil,
            controllerSteps: log?.controllerSteps ?? [], elapsedSeconds: 0, savedSeconds: 0,
            message: log?.warnings.first, readOnly: false)
        let channel = EngineChannel(snapshot)
        let episodeLoop = try EpisodeLoop(configuration: configuration, latency: latency, trainer: trainer,
                                          channel: channel, log: log, clock: clock)
        if let log, let lock {
            try episodeLoop.attach(RunWriter(resuming: log, configuration: configuration, lock: lock))
        } else if let runDirectory {
            try episodeLoop.attach(RunWriter(creating: runDirectory, configuration: configuration))
        }
        return episodeLoop
    }

    /// The latest published picture of the search; never blocks on the engine's work.
    public var snapshot: EngineSnapshot { channel.box.withLock { $0 } }

    /// Queues a command; the engine applies it at its next check (between batches at the latest).
    public func send(_ command: EngineCommand) { channel.inbox.post(command) }

    /// Calls `handler` on the engine thread for every later event, in order.
    public func subscribe(_ handler: @escaping @Sendable (EngineEvent) -> Void) {
        channel.subscribers.withLock { $0.append(handler) }
    }

    /// Runs the search on a new background thread and returns at once.
    public func start() {
        guard let episodeLoop = takeLoop() else { return }
        let channel = self.channel
        let thread = Thread {
            let result = Result { try episodeLoop.run() }
            channel.finished.withLock { $0 = result }
            channel.done.signal()
        }
        thread.name = "fnas-engine"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Runs the search on the calling thread until it finishes or is stopped.
    ///
    /// - Returns: the summary of this session.
    /// - Throws: when the trainer fails or the run directory cannot be written.
    @discardableResult
    public func run() throws -> SearchSummary {
        guard let episodeLoop = takeLoop() else { return try wait() }
        let result = Result { try episodeLoop.run() }
        channel.finished.withLock { $0 = result }
        channel.done.signal()
        return try result.get()
    }

    /// Blocks until a search started with `start()` ends.
    ///
    /// - Throws: the search's error, or ``InputError`` when the search was never started.
    @discardableResult
    public func wait() throws -> SearchSummary {
        if loop.withLock({ $0 != nil }) {
            throw InputError(source: "engine", "wait() before start(): the search is not running")
        }
        channel.done.wait()
        channel.done.signal()   // let other waiters through too
        guard let result = channel.finished.withLock({ $0 }) else {
            throw InputError(source: "engine", "ended without a result")
        }
        return try result.get()
    }

    private func takeLoop() -> EpisodeLoop? {
        loop.withLock { slot in
            let l = slot
            slot = nil
            return l
        }
    }
}
