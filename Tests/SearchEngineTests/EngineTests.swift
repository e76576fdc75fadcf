import EngineTestSupport
import FNASCore
import FPGAModel
import Foundation
import Synchronization
import Testing
@testable import SearchEngine

@Suite("Search engine")
struct EngineTests {
    func engine(_ config: SearchConfiguration, trainer: ScriptedTrainer = ScriptedTrainer(),
                latency: AnalyticLatency = AnalyticLatency(), directory: String? = nil,
                recorder: EventRecorder? = nil) throws -> SearchEngine {
        let e = try SearchEngine(configuration: config, latency: latency, trainer: trainer, runDirectory: directory)
        if let recorder { e.subscribe { recorder.record($0) } }
        return e
    }

    @Test func sameSeedAndSettingsGiveTheSameTrials() throws {
        let a = try engine(.test(episodes: 15)); try a.run()
        let b = try engine(.test(episodes: 15)); try b.run()
        #expect(a.snapshot.trials == b.snapshot.trials)
        let c = try engine(.test(episodes: 15, seed: 43)); try c.run()
        #expect(c.snapshot.trials.map(\.architecture) != a.snapshot.trials.map(\.architecture))
    }

    @Test func prunedChildrenAreNeverTrainedAndSayWhy() throws {
        let trainer = ScriptedTrainer()
        let e = try engine(.test(episodes: 30), trainer: trainer)
        let summary = try e.run()
        let trials = e.snapshot.trials
        #expect(trials.map(\.episode) == Array(1...30))
        let pruned = trials.filter { $0.verdict == .violated }
        #expect(!pruned.isEmpty && summary.trained > 0, "spec 400us should prune some and keep some")
        for t in pruned {
            #expect(t.latency.latencyMicroseconds > 400 && t.accuracy == nil && t.reward == -0.1)
            #expect(t.reason?.contains("> 0.4ms spec, layer ") == true)
            #expect(!trainer.trainedArchitectures.contains(t.architecture))
        }
        let fresh = trials.filter { $0.verdict == .met && !$0.reused }
        #expect(trainer.trainedArchitectures == fresh.map(\.architecture))
        #expect(summary.pruned == pruned.count && summary.savedSeconds == 2.0 * Double(pruned.count))
    }

    @Test func pruneReasonNamesTheSlowestLayerAndItsBottleneck() throws {
        let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                layers: [ConvLayer(kernel: 3, filters: 4), ConvLayer(kernel: 7, filters: 16)])
        let report = try AnalyticLatency().estimate(arch)
        // layer 2: 16 * 4 * 784 * 49 / 64 = 38416 cycles; with layer 1 (441) 38857 cycles = 0.389ms
        #expect(PruneReason.describe(report, spec: LatencySpec(microseconds: 200)!) == "0.389ms > 0.2ms spec, layer 2 loading weights-bound")
        // Printed to the usual three decimals, 0.1281 ms over a 0.128 ms spec read "0.128ms > 0.128ms".
        #expect(PruneReason.overSpec(latencyMs: 0.1281, spec: LatencySpec(microseconds: 128)!) == ("0.1281ms", "0.128ms"))
        #expect(PruneReason.overSpec(latencyMs: 0.12800001, spec: LatencySpec(microseconds: 128)!) == ("0.12800001ms", "0.128ms"))
        #expect(PruneReason.overSpec(latencyMs: 0.389, spec: LatencySpec(microseconds: 200)!) == ("0.389ms", "0.2ms"), "distinct already: as before")
        let infeasible = try AnalyticLatency(maxWeights: 100).estimate(arch)
        #expect(PruneReason.describe(infeasible, spec: LatencySpec(microseconds: 200)!) == "infeasible: layer 2 needs 3136 weights, over 100")
    }

    @Test func infeasibleChildrenArePrunedWithTheModelsReason() throws {
        let e = try engine(.test(episodes: 20, spec: 1_000_000), latency: AnalyticLatency(maxWeights: 600))
        try e.run()
        let infeasible = e.snapshot.trials.filter { $0.verdict == .infeasible }
        #expect(!infeasible.isEmpty)
        for t in infeasible { #expect(t.reason?.hasPrefix("infeasible: layer ") == true && t.accuracy == nil) }
    }

    @Test func duplicateArchitecturesReuseTheEarlierResult() throws {
        let tiny = SearchSpace(name: "tiny", input: InputShape(height: 8, width: 8, channels: 1), layers: 1,
                               kernels: [1, 3], filters: [2, 4], dataset: "test")
        let trainer = ScriptedTrainer()
        let e = try engine(.test(episodes: 20, spec: 1_000_000, space: tiny), trainer: trainer)
        let summary = try e.run()
        #expect(trainer.trainedArchitectures.count == Set(trainer.trainedArchitectures).count)
        #expect(trainer.trainedArchitectures.count <= 4 && summary.reused == 20 - trainer.trainedArchitectures.count)
        for t in e.snapshot.trials where t.reused {
            #expect(t.accuracy == ScriptedTrainer.accuracy(t.architecture) && t.verdict == .met)
        }
    }

    @Test func aChildTheTrainerCannotHoldIsInfeasibleNotAFailedRun() throws {
        // Stands in for a child over ChildTrainer's memory limit: every child with a 16-filter layer.
        let trainer = ScriptedTrainer(untrainable: { arch in
            arch.layers.contains { $0.filters == 16 } ? "needs about 20.0 GB of memory" : nil
        })
        let e = try engine(.test(episodes: 20, strategy: .nas), trainer: trainer)
        try e.run()
        let trials = e.snapshot.trials
        #expect(trials.map(\.episode) == Array(1...20), "the run goes on past such children")
        let refused = trials.filter { $0.architecture.layers.contains { $0.filters == 16 } }
        #expect(!refused.isEmpty, "the test space samples 16-filter layers")
        for t in refused {
            #expect(t.verdict == .infeasible && t.accuracy == nil)
            #expect(t.reason == "cannot be trained here: needs about 20.0 GB of memory")
            #expect(!trainer.trainedArchitectures.contains(t.architecture))
        }
    }

    @Test func accuracyOnlyNASTrainsEveryChild() throws {
        let trainer = ScriptedTrainer()
        let e = try engine(.test(episodes: 10, strategy: .nas), trainer: trainer)
        try e.run()
        #expect(e.snapshot.trials.allSatisfy { $0.verdict.isTrained && $0.accuracy != nil })
        #expect(e.snapshot.trials.contains { !$0.meets(LatencySpec(microseconds: 400)!) }, "latency recorded, not used")
        for t in e.snapshot.trials {
            #expect(t.verdict == (t.meets(t.spec) ? .met : .trainedOverSpec), "over-spec children are marked as such")
        }
    }

    @Test func randomSearchPrunesButNeverUpdatesAController() throws {
        let e = try engine(.test(episodes: 10, strategy: .random))
        try e.run()
        #expect(e.snapshot.controllerSteps.isEmpty)
        #expect(e.snapshot.trials.contains { $0.verdict == .violated })
    }

    @Test func everyNonSkippedEpisodeUpdatesTheController() throws {
        let recorder = EventRecorder()
        let e = try engine(.test(episodes: 8), recorder: recorder)
        try e.run()
        #expect(e.snapshot.controllerSteps.map(\.episode) == Array(1...8))
        let updates = recorder.all.compactMap { if case .controllerUpdated(let s) = $0 { return s } else { return nil } }
        #expect(updates.count == 8 && updates.allSatisfy { $0.entropy > 0 })
    }
}

@Suite("Search engine: malformed children")
struct MalformedChildTests {
    @Test func impossibleShapesAreInfeasibleEvenForAccuracyOnlyNAS() throws {
        // 4x4 input, three stride-2 layers: 4 -> 2 -> 1, then stride 2 on a 1x1 map.
        let space = SearchSpace(name: "shrinking", input: InputShape(height: 4, width: 4, channels: 1), layers: 3,
                                kernels: [1, 3], filters: [2], strides: [2], dataset: "test")
        let trainer = ScriptedTrainer()
        let engine = try SearchEngine(configuration: .test(episodes: 5, strategy: .nas, space: space),
                                      latency: AnalyticLatency(), trainer: trainer)
        try engine.run()
        #expect(trainer.trainedArchitectures.isEmpty)
        for t in engine.snapshot.trials {
            #expect(t.verdict == .infeasible && t.reason?.contains("stride 2 is larger than the 1x1 input map") == true)
        }
    }
}

@Suite("Search engine: lifecycle")
struct EngineLifecycleTests {
    @Test func waitingOnAnEngineThatWasNeverStartedIsAnErrorNotAHang() throws {
        let engine = try SearchEngine(configuration: .test(episodes: 2), latency: AnalyticLatency(), trainer: ScriptedTrainer())
        #expect(throws: InputError.self) { try engine.wait() }
        engine.start()
        #expect(try engine.wait().episodes == 2)
        #expect(try engine.wait().episodes == 2, "a second wait returns the same result")
    }
}
