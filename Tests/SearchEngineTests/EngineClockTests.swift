import EngineTestSupport
import FNASCore
import FNASTestSupport
import Foundation
import Synchronization
import Testing
@testable import SearchEngine

/// The engine reads time only through its `EngineClock`. With a `ManualClock` that the trainer
/// double advances by a fixed step per batch, every elapsed figure is an exact number.
@Suite("Engine clock")
struct EngineClockTests {
    @Test func manualClockMovesOnlyForwardAndOnlyWhenAdvanced() {
        let clock = ManualClock(start: 10)
        #expect(clock.now() == 10 && clock.now() == 10)
        clock.advance(by: 2.5)
        #expect(clock.now() == 12.5)
        clock.advance(by: -1)
        clock.advance(by: .nan)
        #expect(clock.now() == 12.5, "time never runs backwards")
    }

    /// 4 batches x 2 epochs of 0.5 s each: a freshly trained child takes 4 s of clock time, a
    /// pruned or reused one none, so the wall time is 4 s per fresh child exactly.
    @Test func wallTimeAndAChildsElapsedTimeComeFromTheClock() throws {
        let clock = ManualClock()
        let engineSlot = Mutex<SearchEngine?>(nil)
        let seen = Mutex<[Double]>([])
        let trainer = ScriptedTrainer(batches: 4) { call, _, _ in
            if call == 1, let e = engineSlot.withLock({ $0 }), let s = e.snapshot.current?.elapsedSeconds {
                seen.withLock { $0.append(s) }
            }
            clock.advance(by: 0.5)
        }
        let engine = try SearchEngine(configuration: .test(episodes: 6, spec: 1_000_000), latency: AnalyticLatency(),
                                      trainer: trainer, clock: clock)
        engineSlot.withLock { $0 = engine }
        let summary = try engine.run()
        let fresh = engine.snapshot.trials.filter { $0.verdict.isTrained && !$0.reused }.count
        #expect(fresh > 0)
        #expect(summary.wallSeconds == 4.0 * Double(fresh))
        #expect(engine.snapshot.elapsedSeconds == summary.wallSeconds)
        // Read right after each batch's progress, before the double advances the clock.
        #expect(seen.withLock { $0 } == [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5])
    }

    /// With `snapshotInterval` 1 s and batches 0.25 s apart, a batch publishes only once a full
    /// second has passed since the last publication (the start of training, at 0 s).
    @Test func unforcedSnapshotsWaitForTheIntervalOnTheClock() throws {
        let clock = ManualClock()
        let engineSlot = Mutex<SearchEngine?>(nil)
        let published = Mutex<[Int]>([])
        let trainer = ScriptedTrainer(batches: 8) { call, epoch, _ in
            if call == 1 && epoch == 1, let e = engineSlot.withLock({ $0 }) {
                published.withLock { $0.append(e.snapshot.current?.batchLosses.count ?? -1) }
            }
            clock.advance(by: 0.25)
        }
        var config = SearchConfiguration.test(episodes: 1, spec: 1_000_000)
        config.snapshotInterval = 1
        let engine = try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: trainer, clock: clock)
        engineSlot.withLock { $0 = engine }
        try engine.run()
        // Batch 5 arrives at 1.0 s and publishes; batches 6-8 are within a second of it.
        #expect(published.withLock { $0 } == [0, 0, 0, 0, 5, 5, 5, 5])
    }

    /// A resumed run's wall time is the sum of its sessions, each measured by the clock.
    @Test func aResumedSessionMeasuresOnlyItsOwnTime() throws {
        let dir = temporaryDirectory("clock-resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(start: 100)
        let trainer = ScriptedTrainer(batches: 4) { _, _, _ in clock.advance(by: 0.5) }
        let first = try SearchEngine(configuration: .test(episodes: 2, spec: 1_000_000), latency: AnalyticLatency(),
                                     trainer: trainer, runDirectory: dir, clock: clock).run()
        var log = try RunLog.load(dir)
        log.configuration.episodes = 5
        let second = try SearchEngine(configuration: log.configuration, latency: AnalyticLatency(), trainer: trainer,
                                      resuming: log, clock: clock).run()
        let trials = try RunLog.load(dir).trials
        func fresh(_ range: ClosedRange<Int>) -> Double {
            Double(trials.filter { range.contains($0.episode) && $0.verdict.isTrained && !$0.reused }.count)
        }
        #expect(first.wallSeconds == 4 * fresh(1...2) && second.wallSeconds == 4 * fresh(3...5))
        #expect(try RunLog.load(dir).wallSeconds == first.wallSeconds + second.wallSeconds)
    }

    /// The user holds the search for 100 s in the middle of a child: the child's training time,
    /// the live elapsed time and the replay's all leave those 100 s out (a live run once showed
    /// 3m43s where its replay showed 3m17s), and so does a session that was killed.
    @Test func timeSpentPausedCountsNowhere() throws {
        let dir = temporaryDirectory("clock-pause")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(start: 1_700_000_000)
        let arrived = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0)
        let trainer = ScriptedTrainer(batches: 4, clock: clock) { call, epoch, batch in
            clock.advance(by: 0.5)
            if call == 1 && epoch == 1 && batch == 2 { arrived.signal(); _ = go.wait(timeout: .now() + 30) }
        }
        let engine = try SearchEngine(configuration: .test(episodes: 3, spec: 1_000_000), latency: AnalyticLatency(),
                                      trainer: trainer, runDirectory: dir, clock: clock)
        let recorder = EventRecorder()
        engine.subscribe { recorder.record($0) }
        engine.start()
        #expect(arrived.wait(timeout: .now() + 30) == .success)
        let paused = recorder.expect { if case .paused = $0 { true } else { false } }
        engine.send(.pause)
        go.signal()
        #expect(paused.wait(timeout: .now() + 30) == .success)
        clock.advance(by: 100)
        engine.send(.resume)
        let summary = try engine.wait()
        let fresh = engine.snapshot.trials.filter { $0.verdict.isTrained && !$0.reused }
        #expect(!fresh.isEmpty && fresh.allSatisfy { $0.trainingSeconds == 4 })
        #expect(summary.wallSeconds == 4 * Double(fresh.count))
        #expect(engine.snapshot.elapsedSeconds == summary.wallSeconds)
        #expect(try RunLog.load(dir).snapshot().elapsedSeconds == summary.wallSeconds)
        // Killed before its last line: the session counts to its last trial, less the pause.
        let events = RunFiles.path(dir, RunFiles.events)
        let lines = try String(contentsOfFile: events, encoding: .utf8).split(separator: "\n")
        #expect(lines.last?.contains("\"type\":\"finished\"") == true)
        try (lines.dropLast().joined(separator: "\n") + "\n").write(toFile: events, atomically: true, encoding: .utf8)
        let killed = try #require(try RunLog.load(dir).sessions.first)
        #expect(!killed.endedCleanly && killed.pausedSeconds == 100)
        #expect(killed.seconds == summary.wallSeconds)
    }

    /// Every line the engine logs is stamped by its clock: the session line at the start, the
    /// finished line at start + wall time.
    @Test func runLogTimestampsComeFromTheClock() throws {
        let dir = temporaryDirectory("clock-log")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = ManualClock(start: 1_700_000_000)
        let trainer = ScriptedTrainer(batches: 4) { _, _, _ in clock.advance(by: 0.5) }
        let summary = try SearchEngine(configuration: .test(episodes: 3, spec: 1_000_000), latency: AnalyticLatency(),
                                       trainer: trainer, runDirectory: dir, clock: clock).run()
        let session = try #require(try RunLog.load(dir).sessions.first)
        #expect(summary.wallSeconds > 0)
        #expect(session.startTime == 1_700_000_000)
        #expect(session.lastTime == 1_700_000_000 + summary.wallSeconds)
    }
}
