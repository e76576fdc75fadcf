import EngineTestSupport
import FNASCore
import FPGAModel
import Testing
@testable import SearchEngine

/// Every child of `FixedLatency` takes exactly 400us (40000 cycles at 100 MHz), so a 400us
/// spec sits on the boundary of the one "meets the spec" rule.
@Suite("Spec boundary in the engine")
struct SpecBoundaryTests {
    struct FixedLatency: LatencyEstimating {
        func estimate(_ arch: Architecture) throws -> LatencyReport {
            var report = try AnalyticLatency().estimate(arch)
            report.latencyCycles = 40_000
            return report
        }
    }

    func run(spec: Double, strategy: SearchStrategy = .fnas) throws -> [Trial] {
        let engine = try SearchEngine(configuration: .test(episodes: 4, spec: spec, strategy: strategy),
                                      latency: FixedLatency(), trainer: ScriptedTrainer())
        try engine.run()
        return engine.snapshot.trials
    }

    @Test func aChildExactlyAtTheSpecIsTrainedAsMet() throws {
        let trials = try run(spec: 400)
        #expect(trials.count == 4)
        #expect(trials.allSatisfy { $0.latency.latencyMicroseconds == 400 && $0.verdict == .met && $0.meets($0.spec) })
    }

    @Test func aChildJustOverTheSpecIsPruned() throws {
        let trials = try run(spec: Double(400).nextDown)
        #expect(trials.count == 4)
        #expect(trials.allSatisfy { $0.verdict == .violated && !$0.meets($0.spec) && $0.accuracy == nil })
    }

    /// Accuracy-only NAS trains it anyway; the same rule labels it over the spec.
    @Test func accuracyOnlyNASLabelsAChildJustOverTheSpecTrainedOverSpec() throws {
        #expect(try run(spec: Double(400).nextDown, strategy: .nas).allSatisfy { $0.verdict == .trainedOverSpec })
        #expect(try run(spec: 400, strategy: .nas).allSatisfy { $0.verdict == .met })
    }
}
