import EngineTestSupport
import FNASCore
import FNASTestSupport
import Foundation
import Synchronization
import Testing
@testable import SearchEngine

/// Commands sent from the test thread while the engine thread is inside a child's training.
/// The trainer double stops at a chosen batch and waits for the test (a handshake through two
/// semaphores), so every command lands at a known point without sleeping.
@Suite("Engine commands under concurrency")
struct EngineCommandTests {
    /// Blocks the engine thread at (call, epoch 1, batch) until the test says go.
    final class Handshake: Sendable {
        let call: Int, batch: Int
        let arrived = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        init(call: Int, batch: Int = 2) { self.call = call; self.batch = batch }
        func hook(_ call: Int, _ epoch: Int, _ batch: Int) {
            if call == self.call && epoch == 1 && batch == self.batch {
                arrived.signal()
                _ = go.wait(timeout: .now() + 30)
            }
        }
    }

    func start(_ config: SearchConfiguration, _ handshake: Handshake, directory: String? = nil)
        throws -> (SearchEngine, EventRecorder) {
        let trainer = ScriptedTrainer(batches: 4) { handshake.hook($0, $1, $2) }
        let engine = try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: trainer,
                                      runDirectory: directory)
        let recorder = EventRecorder()
        engine.subscribe { recorder.record($0) }
        engine.start()
        return (engine, recorder)
    }

    func arrived(_ s: DispatchSemaphore) -> Bool { s.wait(timeout: .now() + 30) == .success }

    @Test func pauseHoldsTrainingBetweenBatchesUntilResume() throws {
        let hs = Handshake(call: 1)
        let (engine, recorder) = try start(.test(episodes: 3, spec: 1_000_000), hs)
        #expect(arrived(hs.arrived))
        let paused = recorder.expect { if case .paused = $0 { true } else { false } }
        engine.send(.pause)
        hs.go.signal()
        #expect(arrived(paused))
        let snapshot = engine.snapshot
        #expect(snapshot.state == .paused)
        #expect(snapshot.current?.batchLosses.count == 2 && snapshot.current?.episode == 1)
        engine.send(.resume)
        try engine.wait()
        // No batch can arrive between `paused` and `resumed`: the engine thread was held.
        let names = recorder.all.compactMap { event -> String? in
            switch event {
            case let .batch(episode, epoch, batch, _, _, _) where episode == 1 && epoch == 1: "b\(batch)"
            case .paused: "paused"
            case .resumed: "resumed"
            default: nil
            }
        }
        #expect(names == ["b1", "b2", "paused", "resumed", "b3", "b4"])
        #expect(engine.snapshot.trials.count == 3 && engine.snapshot.state == .finished)
    }

    @Test func specChangeStopsAChildThatNowViolatesAndPrunesItLate() throws {
        let hs = Handshake(call: 1)
        let (engine, _) = try start(.test(episodes: 4, spec: 1_000_000), hs)
        #expect(arrived(hs.arrived))
        let tight = LatencySpec(microseconds: 1)!
        engine.send(.setSpec(tight))
        hs.go.signal()
        try engine.wait()
        let trials = engine.snapshot.trials
        #expect(trials.map(\.episode) == [1, 2, 3, 4])
        #expect(trials[0].verdict == .prunedLate && trials[0].spec == tight && trials[0].reward == -0.1)
        #expect(trials[0].reason?.hasPrefix("spec changed to 1us: ") == true)
        #expect(trials[0].curve.isEmpty && trials[0].accuracy == nil)
        #expect(trials.dropFirst().allSatisfy { $0.verdict == .violated }, "later samples are judged by the new spec")
        #expect(engine.snapshot.controllerSteps.map(\.episode) == [1, 2, 3, 4])
        #expect(engine.snapshot.spec == tight)
    }

    @Test func skipAbandonsTheChildWithoutAControllerUpdate() throws {
        let hs = Handshake(call: 2)
        let (engine, recorder) = try start(.test(episodes: 4, spec: 1_000_000), hs)
        #expect(arrived(hs.arrived))
        engine.send(.skip)
        hs.go.signal()
        try engine.wait()
        let trials = engine.snapshot.trials
        let skipped = trials.filter { $0.verdict == .skipped }
        #expect(skipped.count == 1 && skipped[0].reason == "skipped by the user" && skipped[0].accuracy == nil)
        #expect(!engine.snapshot.controllerSteps.contains { $0.episode == skipped[0].episode })
        #expect(trials.map(\.episode) == [1, 2, 3, 4])
        #expect(recorder.all.contains { if case .skipped = $0 { true } else { false } })
    }

    @Test func stopFinishesTheBatchCheckpointsAndEndsWithoutLosingTrials() throws {
        let dir = temporaryDirectory("stop")
        let hs = Handshake(call: 3)
        let (engine, _) = try start(.test(episodes: 10, spec: 1_000_000), hs, directory: dir)
        #expect(arrived(hs.arrived))
        engine.send(.stop)
        hs.go.signal()
        let summary = try engine.wait()
        #expect(summary.stopped && summary.episodes == engine.snapshot.trials.count)
        #expect(engine.snapshot.state == .finished)
        let log = try RunLog.load(dir)
        #expect(log.trials == engine.snapshot.trials)
        #expect(log.checkpoint?.episode == log.trials.count)
        // Resume to the planned 10 episodes: 1...10, no gap, no duplicate.
        let resumed = try SearchEngine(configuration: log.configuration, latency: AnalyticLatency(),
                                       trainer: ScriptedTrainer(), resuming: log)
        try resumed.run()
        #expect(try RunLog.load(dir).trials.map(\.episode) == Array(1...10))
    }

    @Test func commandsFromManyThreadsNeverWedgeTheEngine() throws {
        let trainer = ScriptedTrainer(batches: 3)
        let engine = try SearchEngine(configuration: .test(episodes: 40, spec: 500), latency: AnalyticLatency(), trainer: trainer)
        engine.start()
        let specs = [300.0, 500, 800].compactMap { LatencySpec(microseconds: $0) }
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in 0..<50 {
                switch (worker + i) % 4 {
                case 0: engine.send(.pause)
                case 1: engine.send(.resume)
                case 2: engine.send(.setSpec(specs[i % specs.count]))
                default: _ = engine.snapshot
                }
            }
        }
        engine.send(.resume)
        let summary = try engine.wait()
        #expect(summary.episodes == 40)
        #expect(engine.snapshot.trials.map(\.episode) == Array(1...40))
        let judged = engine.snapshot.trials.filter { $0.verdict == .violated || $0.verdict == .met }
        #expect(!judged.isEmpty, "children are judged against the spec while commands arrive")
        for t in judged {
            #expect((t.verdict == .met) == t.meets(t.spec), "episode \(t.episode): \(t.verdict) under \(t.spec)")
        }
    }
}
