import FNASCore
import FPGAModel
import Testing
@testable import SearchEngine

/// A recorded pair of runs (spec 2 ms): NAS trained all four children and its best is the
/// 6 ms one; FNAS pruned the two children over 2 ms and trained the other two.
@Suite struct ExperimentTableTests {
    static let spec = LatencySpec(microseconds: 2000)!

    static func trial(_ episode: Int, latencyMs: Double, accuracy: Double?, verdict: Verdict) -> Trial {
        let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                layers: [ConvLayer(kernel: 3 + 2 * (episode % 3), filters: 8)])
        let report = LatencyReport(board: "pynq-z1", clockMHz: 100, template: .pipelined, dse: .full, layers: [],
                                   latencyCycles: Int(latencyMs * 100_000), feasible: true, infeasibleReason: nil,
                                   dspUsed: 100, dspAvailable: 220, bramUsed: 50, bramAvailable: 280, timeline: [])
        return Trial(episode: episode, architecture: arch, latency: report, spec: spec, verdict: verdict, reason: nil,
                     accuracy: accuracy, reward: 0, baseline: 0, trainingSeconds: accuracy == nil ? nil : 10,
                     curve: [], reused: false)
    }

    static let nas = ExperimentRun(strategy: .nas, spec: spec, repeatIndex: 0, trials: [
        trial(1, latencyMs: 6.0, accuracy: 0.91, verdict: .met),
        trial(2, latencyMs: 1.5, accuracy: 0.88, verdict: .met),
        trial(3, latencyMs: 3.0, accuracy: 0.90, verdict: .met),
        trial(4, latencyMs: 1.9, accuracy: 0.89, verdict: .met),
    ], wallSeconds: 40)

    static let fnas = ExperimentRun(strategy: .fnas, spec: spec, repeatIndex: 0, trials: [
        trial(1, latencyMs: 6.0, accuracy: nil, verdict: .violated),
        trial(2, latencyMs: 1.5, accuracy: 0.88, verdict: .met),
        trial(3, latencyMs: 3.0, accuracy: nil, verdict: .violated),
        trial(4, latencyMs: 1.9, accuracy: 0.89, verdict: .met),
    ], wallSeconds: 16)

    @Test func pairArithmeticMatchesHandComputedValues() throws {
        let pair = ExperimentPair(fnas: Self.fnas, nas: Self.nas)
        #expect(pair.speedup == 2.5)                                  // 40 s / 16 s
        #expect(try #require(pair.nasLatencyOverSpec) == 3.0)         // NAS best is the 6 ms child
        #expect(pair.fnasMeetsSpec == true)                           // FNAS best is the 1.9 ms child
        #expect(abs(try #require(pair.accuracyDifference) - (0.89 - 0.91)) < 1e-12)
        #expect(Self.fnas.trained == 2 && Self.fnas.pruned == 2 && Self.nas.trained == 4)
    }

    @Test func markdownRowShowsEveryColumn() {
        let table = ExperimentTable(runs: [Self.fnas, Self.nas])
        let lines = table.markdown().split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[2] == "| 2ms | 4 | 2 | 4 | 2 | 16.0 | 40.0 | 2.50x | 89.00% | 91.00% | 3.00x | yes | -2.00 |")
    }

    @Test func repeatsReportMeanAndSpread() throws {
        var fnas2 = Self.fnas
        fnas2.repeatIndex = 1
        fnas2.wallSeconds = 20
        var nas2 = Self.nas
        nas2.repeatIndex = 1
        let row = try #require(ExperimentTable(runs: [Self.fnas, Self.nas, fnas2, nas2]).rows.first)
        let speedup = try #require(row.speedup)
        #expect(abs(speedup.mean - 2.25) < 1e-12)                      // (2.5 + 2.0) / 2
        #expect(abs(speedup.deviation - 0.353553390593) < 1e-9)        // sample sd of {2.5, 2.0}
        #expect(row.fnasMeets == (2, 2))
    }

    @Test func unpairedRunsAreLeftOut() {
        let table = ExperimentTable(runs: [Self.fnas])
        #expect(table.rows.isEmpty)
    }

    @Test func csvHasOneLinePerRepeat() {
        let csv = ExperimentTable(runs: [Self.fnas, Self.nas]).csv().split(separator: "\n")
        #expect(csv.count == 2)
        #expect(csv[1].hasPrefix("2.000000,0,4,2,4,2,16.000000,40.000000,2.500000,0.890000,0.910000,6.000000,3.000000,1.900000,true,"))
    }

    @Test func plotsNameTheSpecsAndBothStrategies() {
        let table = ExperimentTable(runs: [Self.fnas, Self.nas])
        let svg = ExperimentPlot.svg(table, title: "pynq-z1 <test>")
        #expect(svg.hasPrefix("<svg") && svg.contains("2ms") && svg.contains("NAS (accuracy only)") && svg.contains("&lt;test&gt;"))
        let text = ExperimentPlot.text(table, width: 10)
        #expect(text.contains("FNAS ████") && text.contains("NAS  ██████████ 40.0s"))
    }

    @Test func plotsALinePerStrategyWhenStrategiesAreCompared() {
        let evolution = ExperimentRun(strategy: .evolution, spec: Self.spec, repeatIndex: 0, trials: Self.fnas.trials, wallSeconds: 20)
        let random = ExperimentRun(strategy: .random, spec: Self.spec, repeatIndex: 0, trials: Self.nas.trials, wallSeconds: 30)
        let table = ExperimentTable(runs: [Self.fnas, evolution, random])
        let svg = ExperimentPlot.svg(table, title: "strategies")
        #expect(svg.contains(">FNAS<") && svg.contains(">aging evolution<") && svg.contains(">random<"))
        #expect(!svg.contains("NAS (accuracy only)"))
        // Each strategy's marker: once in the legend and once in each of the two panels.
        for colour in ["#1f77b4", "#2ca02c", "#7f7f7f"] {
            #expect(svg.components(separatedBy: "fill=\"\(colour)\"").count - 1 == 3, "\(colour)")
        }
        let text = ExperimentPlot.text(table, width: 10)
        #expect(text == """
            search time and best accuracy by spec
            2ms      FNAS      █████▍     16.0s  best 89.0%
                     evolution ██████▋    20.0s  best 89.0%
                     random    ██████████ 30.0s  best 89.0%

            """)
    }
}
