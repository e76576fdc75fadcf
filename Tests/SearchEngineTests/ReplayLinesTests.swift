import EngineTestSupport
import FNASCore
import FNASTestSupport
import Foundation
import Testing
@testable import SearchEngine

@Suite("Replay lines and per-space training defaults")
struct ReplayLinesTests {
    @Test func replayLinesListEveryTrialThenCountsAndBest() throws {
        let dir = temporaryDirectory("replay-lines")
        let engine = try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(),
                                      trainer: ScriptedTrainer(), runDirectory: dir)
        try engine.run()
        let log = try RunLog.load(dir)
        let lines = log.replayLines
        #expect(lines.count == 1 + 6 + 2)
        #expect(lines[0].hasPrefix("run \(dir): ") && lines[0].contains("6 of 6 episodes (finished)"))
        #expect(Array(lines[1...6]) == log.trials.map(\.summaryLine))
        #expect(lines[7].hasPrefix("episodes 6: trained "))
        #expect(lines[8].hasPrefix("best: "))
        #expect(!lines.contains { $0.hasPrefix("wall time") }, "the log records no wall time")
    }

    @Test func anInterruptedRunSaysSo() throws {
        let dir = temporaryDirectory("replay-partial")
        try SearchEngine(configuration: .test(episodes: 3), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        var log = try RunLog.load(dir)
        log.configuration.episodes = 10
        #expect(log.replayLines[0].contains("3 of 10 episodes (stopped or interrupted)"))
    }

    @Test func embeddedSpaceTrainsAtItsTunedRateOthersAtTheDefault() throws {
        let embedded = try SearchSpace.named("embedded")
        #expect(TrainingSettings.defaults(for: embedded).learningRate == TrainingSettings.embeddedLearningRate)
        #expect(TrainingSettings.defaults(for: embedded, dataset: "fashion-mnist").dataset == "fashion-mnist")
        let cifar = try SearchSpace.named("fnas-cifar")
        #expect(TrainingSettings.defaults(for: cifar) == TrainingSettings())
        var lookalike = embedded
        lookalike.layers = 4
        #expect(TrainingSettings.defaults(for: lookalike).learningRate == TrainingSettings().learningRate,
                "only the preset itself was tuned")
    }
}
