import FNASCore
import Foundation
import Synchronization

/// Trains up to `width` children at once, each on a thread of its own, through any
/// ``ChildTraining`` (in process, worker processes, Ray jobs), and hands back their progress and
/// results as they come, in whatever order the children finish.
///
/// A child whose training throws is tried again, up to `retries` more times, and then reported
/// as failed with the last reason, never as a result. `cancel(episode:)` and `cancelAll()` make
/// the child's `shouldStop` true; its training then ends with a cancelled outcome. While
/// ``pause()`` holds, every child's thread waits at its next batch.
public final class ChildPool: Sendable {
    /// One child to train.
    public struct Job: Sendable, Hashable {
        public var episode: Int
        public var architecture: Architecture
        public var epochs: Int
        public var seed: UInt64

        public init(episode: Int, architecture: Architecture, epochs: Int, seed: UInt64) {
            self.episode = episode; self.architecture = architecture; self.epochs = epochs; self.seed = seed
        }
    }

    /// Why a child could not be trained, after its retries.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        /// Tries made, the first included.
        public var attempts: Int
        public var description: String { "\(reason) (after \(counted(attempts, "attempt")))" }
    }

    /// What the pool reports, in the order it happened.
    public enum Report: Sendable {
        case progress(episode: Int, ChildTrainingEvent)
        /// A try failed and the child is being trained again (`attempt` counts from 2).
        case retrying(episode: Int, attempt: Int, reason: String)
        case finished(episode: Int, Result<ChildTrainingOutcome, Failure>)
    }

    public let width: Int
    public let retries: Int
    private let trainer: any ChildTraining
    private struct State {
        var reports: [Report] = []
        var running: Set<Int> = []
        var cancelled: Set<Int> = []
        var paused = false
    }
    private let state = Mutex(State())
    private let arrived = DispatchSemaphore(value: 0)
    private let gate = NSCondition()

    public init(trainer: any ChildTraining, width: Int, retries: Int = 2) {
        self.trainer = trainer; self.width = max(1, width); self.retries = max(0, retries)
    }

    /// Children submitted and not yet finished.
    public var inFlight: Int { state.withLock { $0.running.count } }
    /// Whether another child can be submitted now.
    public var hasRoom: Bool { inFlight < width }
    /// Episodes of the children in training.
    public var episodes: Set<Int> { state.withLock { $0.running } }

    /// Starts training `job` on a thread of its own.
    public func submit(_ job: Job) {
        state.withLock { s in
            s.running.insert(job.episode)
            s.cancelled.remove(job.episode)
        }
        let thread = Thread { [self] in self.train(job) }
        thread.name = "fnas-child-\(job.episode)"
        thread.start()
    }

    private func train(_ job: Job) {
        var attempt = 1
        while true {
            do {
                let outcome = try trainer.train(job.architecture, epochs: job.epochs, seed: job.seed, progress: { event in
                    self.waitWhilePaused(job.episode)
                    self.post(.progress(episode: job.episode, event))
                }, shouldStop: { self.state.withLock { $0.cancelled.contains(job.episode) } })
                finish(job.episode, .success(outcome))
                return
            } catch {
                let reason = "\(error)"
                if attempt > retries || state.withLock({ $0.cancelled.contains(job.episode) }) {
                    finish(job.episode, .failure(Failure(reason: reason, attempts: attempt)))
                    return
                }
                attempt += 1
                post(.retrying(episode: job.episode, attempt: attempt, reason: reason))
            }
        }
    }

    private func finish(_ episode: Int, _ result: Result<ChildTrainingOutcome, Failure>) {
        state.withLock { s in
            s.running.remove(episode)
            s.cancelled.remove(episode)
        }
        post(.finished(episode: episode, result))
    }

    private func post(_ report: Report) {
        state.withLock { $0.reports.append(report) }
        arrived.signal()
    }

    /// The next report, waiting up to `timeout` seconds for one.
    public func next(timeout: Double) -> Report? {
        guard arrived.wait(timeout: .now() + max(0, timeout)) == .success else { return nil }
        return state.withLock { $0.reports.removeFirst() }
    }

    /// Asks the child of `episode` to stop after its current batch (paused or not).
    public func cancel(episode: Int) {
        state.withLock { s in if s.running.contains(episode) { s.cancelled.insert(episode) } }
        wake()
    }

    /// Asks every child in training to stop.
    public func cancelAll() {
        state.withLock { s in s.cancelled.formUnion(s.running) }
        wake()
    }

    private func wake() {
        gate.lock(); defer { gate.unlock() }
        gate.broadcast()
    }

    /// Holds every child at its next batch until ``resume()``.
    public func pause() {
        gate.lock(); defer { gate.unlock() }
        state.withLock { $0.paused = true }
    }

    public func resume() {
        gate.lock(); defer { gate.unlock() }
        state.withLock { $0.paused = false }
        gate.broadcast()
    }

    /// Waits while the pool is paused, unless the child of `episode` has been cancelled.
    private func waitWhilePaused(_ episode: Int) {
        gate.lock(); defer { gate.unlock() }
        while state.withLock({ $0.paused && !$0.cancelled.contains(episode) }) { gate.wait() }
    }
}
