import FNASCore
import FPGAModel
import SearchEngine
import Synchronization
@testable import ExplorerUI

/// A source that serves one fixed snapshot and records the commands it receives.
final class RecordingSource: ExplorerSource {
    let current: Mutex<EngineSnapshot>
    let commands = Mutex<[EngineCommand]>([])

    init(_ snapshot: EngineSnapshot) { current = Mutex(snapshot) }

    func snapshot() -> EngineSnapshot { current.withLock { $0 } }
    func send(_ command: EngineCommand) {
        commands.withLock { $0.append(command) }
        if command == .stop { current.withLock { $0.state = .finished } }
    }
}

enum BackendFixtures {
    /// Two single-layer trials: one met (1.2 ms), one over a 1 ms spec.
    static func snapshot() -> EngineSnapshot {
        let board = Board(name: "pynq-z1", part: "XC7Z020", dsp: 220, bram18k: 280)
        func trial(_ episode: Int, filters: Int, cycles: Int, verdict: Verdict, accuracy: Double?) -> Trial {
            let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1), layers: [ConvLayer(kernel: 5, filters: filters)])
            let shape = LayerShape(M: filters, N: 1, R: 28, C: 28, K: 5, S: 1, inputRows: 28, inputCols: 28, padTop: 2, padLeft: 2)
            let cost = LayerCost(tI: 288, tW: 75, tC: 10000, tO: 1200, lat1: 10000, lat2: 10000, cycles: cycles, bottleneck: .computing)
            let layer = LayerDesign(index: 0, shape: shape, tiling: Tiling(Tm: 6, Tn: 1, Tr: 20, Tc: 20), dsp: 6, bram18k: 16, cost: cost)
            let report = LatencyReport(board: "pynq-z1", clockMHz: 100, template: .pipelined, dse: .paper, layers: [layer],
                                       latencyCycles: cycles, feasible: true, infeasibleReason: nil, dspUsed: 6, dspAvailable: 220,
                                       bramUsed: 16, bramAvailable: 280,
                                       timeline: [EngineTimeline(layer: 0, busy: [.init(start: 0, end: cycles)], tasks: cycles / 10000)])
            return Trial(episode: episode, architecture: arch, latency: report, spec: LatencySpec(microseconds: 1000)!,
                         verdict: verdict, reason: verdict == .violated ? "1.2ms > 1ms spec, layer 1 computing-bound" : nil,
                         accuracy: accuracy, reward: accuracy == nil ? -0.1 : 0.05, baseline: 0.8,
                         trainingSeconds: accuracy == nil ? nil : 30, curve: [], reused: false)
        }
        return EngineSnapshot(runName: "demo", runDirectory: nil, board: board, spec: LatencySpec(microseconds: 1000)!,
                              strategy: .fnas, spaceName: "dac19-mnist", episodesPlanned: 10, epochsPerChild: 5, state: .sampling,
                              trials: [trial(1, filters: 6, cycles: 80_000, verdict: .met, accuracy: 0.81),
                                       trial(2, filters: 18, cycles: 120_000, verdict: .violated, accuracy: nil)],
                              current: nil, controllerSteps: [ControllerStep(episode: 1, loss: 0.3, entropy: 2.1, reward: 0.05, baseline: 0.8)],
                              elapsedSeconds: 61, savedSeconds: 30, message: nil, readOnly: false)
    }
}
