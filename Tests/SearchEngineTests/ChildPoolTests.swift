import EngineTestSupport
import FNASCore
import Foundation
import Synchronization
import Testing
@testable import SearchEngine

/// The pool that keeps several children in training: results in the order children finish,
/// retries then a failure with its reason, cancel, pause.
@Suite struct ChildPoolTests {
    /// Trains a child in `filters` x 20 ms of batches (4 batches per epoch); a child whose first
    /// layer has 13 filters fails its first `failures` tries.
    final class TimedTrainer: ChildTraining, Sendable {
        let failures: Int
        let tries = Mutex<[Int: Int]>([:])
        init(failures: Int = 0) { self.failures = failures }

        func train(_ architecture: Architecture, epochs: Int, seed: UInt64,
                   progress: (ChildTrainingEvent) -> Void, shouldStop: () -> Bool) throws -> ChildTrainingOutcome {
            let filters = architecture.layers[0].filters
            let attempt = tries.withLock { t -> Int in t[filters, default: 0] += 1; return t[filters]! }
            if filters == 13 && attempt <= failures { throw ChildPool.Failure(reason: "worker crashed", attempts: 0) }
            for batch in 1...4 {
                if shouldStop() { return ChildTrainingOutcome(bestValidationAccuracy: 0, curve: [], cancelled: true, seconds: 0) }
                Thread.sleep(forTimeInterval: Double(filters) * 0.005)
                progress(.batch(epoch: 1, batch: batch, batchesPerEpoch: 4, loss: 1, accuracy: 0.5))
            }
            return ChildTrainingOutcome(bestValidationAccuracy: Double(filters) / 100, curve: [], cancelled: false, seconds: 0)
        }
    }

    static func job(_ episode: Int, filters: Int) -> ChildPool.Job {
        ChildPool.Job(episode: episode, architecture: Architecture(input: InputShape(height: 8, width: 8, channels: 1),
                                                                   layers: [ConvLayer(kernel: 3, filters: filters)]),
                      epochs: 1, seed: UInt64(episode))
    }

    /// Drains reports until `count` children finished.
    static func finished(_ pool: ChildPool, count: Int) -> [(Int, Result<ChildTrainingOutcome, ChildPool.Failure>)] {
        var out: [(Int, Result<ChildTrainingOutcome, ChildPool.Failure>)] = []
        let deadline = Date().addingTimeInterval(30)
        while out.count < count, Date() < deadline {
            if case .finished(let e, let r)? = pool.next(timeout: 0.5) { out.append((e, r)) }
        }
        return out
    }

    @Test func resultsComeAsChildrenFinishNotAsTheyWereSubmitted() throws {
        let pool = ChildPool(trainer: TimedTrainer(), width: 3)
        pool.submit(Self.job(1, filters: 30))
        pool.submit(Self.job(2, filters: 2))
        pool.submit(Self.job(3, filters: 12))
        #expect(pool.inFlight == 3 && !pool.hasRoom)
        let done = Self.finished(pool, count: 3)
        #expect(done.map(\.0) == [2, 3, 1])
        #expect(try done.map { try $0.1.get().bestValidationAccuracy } == [0.02, 0.12, 0.30])
        #expect(pool.inFlight == 0 && pool.hasRoom)
    }

    @Test func aFailingChildIsRetriedThenReportedWithItsReason() throws {
        let flaky = ChildPool(trainer: TimedTrainer(failures: 2), width: 2, retries: 2)
        flaky.submit(Self.job(7, filters: 13))
        var retries: [Int] = []
        var result: Result<ChildTrainingOutcome, ChildPool.Failure>?
        while result == nil, let report = flaky.next(timeout: 10) {
            if case .retrying(_, let attempt, let reason) = report { retries.append(attempt); #expect(reason.contains("worker crashed")) }
            if case .finished(_, let r) = report { result = r }
        }
        let accuracy = try result?.get().bestValidationAccuracy
        #expect(retries == [2, 3] && accuracy == 0.13)

        let broken = ChildPool(trainer: TimedTrainer(failures: 5), width: 1, retries: 2)
        broken.submit(Self.job(8, filters: 13))
        let done = Self.finished(broken, count: 1)
        guard case .failure(let failure)? = done.first?.1 else { Issue.record("expected a failure: \(done)"); return }
        #expect(failure.attempts == 3 && failure.reason.contains("worker crashed"))
        #expect("\(failure)".hasSuffix("(after 3 attempts)"))
    }

    @Test func cancelStopsOneChildAndPauseHoldsThemAll() throws {
        let pool = ChildPool(trainer: TimedTrainer(), width: 2)
        pool.pause()
        pool.submit(Self.job(1, filters: 4))
        pool.submit(Self.job(2, filters: 4))
        // Held at their first batch: nothing finishes while paused.
        Thread.sleep(forTimeInterval: 0.2)
        #expect(pool.inFlight == 2)
        // A cancelled child leaves even while the pool is paused.
        pool.cancel(episode: 2)
        let first = Self.finished(pool, count: 1)
        let firstCancelled = try first.first?.1.get().cancelled
        #expect(first.map(\.0) == [2] && firstCancelled == true)
        #expect(pool.inFlight == 1)
        pool.resume()
        let second = Self.finished(pool, count: 1)
        let secondCancelled = try second.first?.1.get().cancelled
        #expect(second.map(\.0) == [1] && secondCancelled == false)
    }
}
