import EngineTestSupport
import FNASCore
import Synchronization
import Testing
@testable import SearchEngine

/// Collects what a console sends: whole lines, and statuses (when it is told it may show them).
final class RecordingOutput: ConsoleOutput {
    let showsStatus: Bool
    let lines = Mutex<[String]>([])
    let statuses = Mutex<[String]>([])
    init(showsStatus: Bool) { self.showsStatus = showsStatus }
    func status(_ text: String) { statuses.withLock { $0.append(text) } }
    func line(_ text: String) { lines.withLock { $0.append(text) } }
}

@Suite("Headless console")
struct HeadlessConsoleTests {
    @Test func progressBarFillsInProportion() {
        #expect(HeadlessConsole.progressBar(done: 5, total: 20, width: 8) == "[##......]  5/20")
        #expect(HeadlessConsole.progressBar(done: 20, total: 20, width: 4) == "[####] 20/20")
    }

    @Test func printsOneLinePerEpisodeAndTheSummary() throws {
        let out = RecordingOutput(showsStatus: false)
        let console = HeadlessConsole(episodes: 6, output: out)
        let engine = try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(), trainer: ScriptedTrainer())
        engine.subscribe { console.handle($0) }
        try engine.run()
        let lines = out.lines.withLock { $0 }
        #expect(lines.count == 6 + 4)
        #expect(out.statuses.withLock { $0 }.isEmpty, "no progress status where it cannot be redrawn")
        for (i, t) in engine.snapshot.trials.enumerated() { #expect(lines[i] == t.summaryLine) }
        #expect(lines[6].hasPrefix("episodes 6: trained "))
        let distinct = Set(engine.snapshot.trials.map(\.architecture)).count
        #expect(lines[7].hasPrefix("distinct children \(distinct) of 6 "))
        #expect(lines[8].hasPrefix("wall time ") && lines[8].contains("pruning saved"))
        #expect(lines[9].hasPrefix("best: "))
    }

    /// Batch redraws of the progress bar come at most once per `redrawInterval` (0.1 s) on the
    /// console's clock; the first batch always draws.
    @Test func batchRedrawsAreRateLimitedByTheClock() {
        let clock = ManualClock()
        let out = RecordingOutput(showsStatus: true)
        let console = HeadlessConsole(episodes: 3, clock: clock, output: out)
        func batch(_ b: Int) -> EngineEvent { .batch(episode: 1, epoch: 1, batch: b, batchesPerEpoch: 9, loss: 1, accuracy: 0.5) }
        console.handle(batch(1))
        console.handle(batch(2))
        clock.advance(by: 0.05)
        console.handle(batch(3))
        clock.advance(by: 0.05)
        console.handle(batch(4))
        let drawn = out.statuses.withLock { $0 }
        #expect(drawn.count == 2)
        #expect(drawn.first?.contains("epoch 1 batch 1/9") == true && drawn.last?.contains("epoch 1 batch 4/9") == true)
    }

    @Test func summaryLineShowsLatencyVerdictAccuracyAndReward() {
        let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1), layers: [ConvLayer(kernel: 3, filters: 8)])
        let report = try? AnalyticLatency().estimate(arch)
        guard let report else { Issue.record("estimate failed"); return }
        let t = Trial(episode: 7, architecture: arch, latency: report, spec: LatencySpec(microseconds: 5000)!, verdict: .met,
                      reason: nil, accuracy: 0.8625, reward: 0.041, baseline: 0.85, trainingSeconds: 3, curve: [], reused: false)
        // 8 * 784 * 9 / 64 = 882 cycles = 8.82us
        #expect(t.summaryLine == "#   7 k3f8  8.82us met  acc 86.25%  R +0.041")
    }
}

@Suite("Headless console: accuracy-only NAS")
struct HeadlessNASLineTests {
    @Test func childrenOverTheSpecTrainedByNASAreNotCalledMet() throws {
        let engine = try SearchEngine(configuration: .test(episodes: 10, strategy: .nas), latency: AnalyticLatency(),
                                      trainer: ScriptedTrainer())
        try engine.run()
        let over = engine.snapshot.trials.filter { !$0.meets($0.spec) }
        #expect(!over.isEmpty)
        for t in over { #expect(t.summaryLine.contains(" trained-over-spec")) }
    }
}
