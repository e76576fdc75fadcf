import FNASCore
import FPGAModel
import SearchEngine
@testable import ExplorerUI

/// Hand-made, realistic engine snapshots for the explorer's tests. Layer costs follow the
/// FNAS accelerator model formulas (Tr = Tc = 20, ports of 2 words, 16-bit, 100 MHz) so the
/// numbers on screen are the kind the real model produces.
enum Fixtures {
    static let board = Board(name: "pynq-z1", part: "XC7Z020", dsp: 220, bram18k: 280, title: "PYNQ-Z1 / ZedBoard")
    static let spec = LatencySpec(microseconds: 4500)!

    static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }

    /// A latency report for `architecture` with a DSP budget split by MACs and a pipelined
    /// timeline in which each layer starts after one output tile of the previous layer.
    static func report(_ architecture: Architecture, dsp: Int = 220, bram: Int = 280) -> LatencyReport {
        let shapes = (try? architecture.validated()) ?? []
        let totalMacs = max(1, shapes.reduce(0) { $0 + $1.macs })
        var layers: [LayerDesign] = []
        for (i, sh) in shapes.enumerated() {
            let share = max(1, dsp * sh.macs / totalMacs)
            let tn = min(sh.N, max(1, Int(Double(share).squareRoot())))
            let tm = min(sh.M, max(1, share / tn))
            let tr = min(20, sh.R), tc = min(20, sh.C)
            let trIn = sh.S * tr + sh.K - sh.S, tcIn = sh.S * tc + sh.K - sh.S
            let tI = tn * trIn * tcIn / 2, tW = tm * tn * sh.K * sh.K / 2, tC = sh.K * sh.K * tr * tc, tO = tm * tr * tc / 2
            let lat1 = max(tI, tW, tC)
            let lat2 = max(ceilDiv(sh.N, tn) * lat1, tO)
            let cycles = ceilDiv(sh.R, tr) * ceilDiv(sh.C, tc) * ceilDiv(sh.M, tm) * lat2
            let bottleneck: Bottleneck = lat1 == tC ? .computing : (lat1 == tI ? .loadingIFM : .loadingWeights)
            let bram = 2 * tn * ceilDiv(trIn * tcIn * 16, 18000) + 2 * tm * ceilDiv(tr * tc * 16, 18000)
                + 2 * ceilDiv(tm * tn * sh.K * sh.K * 16, 18000)
            layers.append(LayerDesign(index: i, shape: sh, tiling: Tiling(Tm: tm, Tn: tn, Tr: tr, Tc: tc), dsp: tm * tn,
                                      bram18k: bram, cost: LayerCost(tI: tI, tW: tW, tC: tC, tO: tO, lat1: lat1, lat2: lat2,
                                                                     cycles: cycles, bottleneck: bottleneck)))
        }
        var timeline: [EngineTimeline] = []
        var start = 0
        var end = 0
        for l in layers {
            let tiles = l.cost.cycles / max(1, l.cost.lat2)
            // Two busy stretches with a stall between them, as a waiting downstream engine shows.
            let half = l.cost.cycles / 2
            let gap = l.cost.lat2 / 2
            let spans = [EngineTimeline.Span(start: start, end: start + half),
                         EngineTimeline.Span(start: start + half + gap, end: start + l.cost.cycles + gap)]
            timeline.append(EngineTimeline(layer: l.index, busy: spans, tasks: tiles))
            end = max(end, start + l.cost.cycles + gap)
            start += l.cost.lat2
        }
        let dspUsed = layers.reduce(0) { $0 + $1.dsp }, bramUsed = layers.reduce(0) { $0 + $1.bram18k }
        let feasible = bramUsed <= bram
        return LatencyReport(board: "pynq-z1", clockMHz: 100, template: .pipelined, dse: .paper, layers: layers,
                             latencyCycles: feasible ? end : 0, feasible: feasible,
                             infeasibleReason: feasible ? nil : "needs \(bramUsed) BRAM18K, the board has \(bram)",
                             dspUsed: dspUsed, dspAvailable: dsp, bramUsed: bramUsed, bramAvailable: bram,
                             timeline: feasible ? timeline : [])
    }

    static func architecture(_ layers: [(Int, Int)]) -> Architecture {
        Architecture(input: InputShape(height: 28, width: 28, channels: 1), classes: 10,
                     layers: layers.map { ConvLayer(kernel: $0.0, filters: $0.1) })
    }

    /// `count` trials sampled from the DAC'19 MNIST space with a fixed seed.
    static func trials(count: Int, spec: LatencySpec = spec, seed: UInt64 = 7) -> [Trial] {
        var rng = SeededGenerator(seed: seed)
        var baseline = 0.80
        var out: [Trial] = []
        for episode in 1...max(1, count) {
            let layers = (0..<4).map { _ in ([3, 5, 7][Int(rng.next() % 3)], [9, 18, 36][Int(rng.next() % 3)]) }
            let arch = architecture(layers)
            // Every 13th child is mapped with a small BRAM budget so the infeasible path shows too.
            let rep = report(arch, bram: episode % 13 == 6 ? 40 : 280)
            let verdict: Verdict
            var reason: String?
            var accuracy: Double?
            var reward: Double
            var curve: [EpochPoint] = []
            if !rep.feasible {
                verdict = .infeasible; reason = rep.infeasibleReason; reward = -0.1
            } else if rep.latencyMicroseconds > spec.microseconds {
                verdict = .violated
                let slow = rep.slowestLayer
                reason = "\(Format.ms(rep.latencyMicroseconds)) > \(spec) spec, layer \((slow?.index ?? 0) + 1) \(slow?.cost.bottleneck.rawValue ?? "computing")-bound"
                reward = max(-0.1, (spec.microseconds - rep.latencyMicroseconds) / (10 * spec.microseconds) - 1)
            } else if episode % 11 == 0 {
                verdict = .skipped; reason = "skipped by the user"; reward = 0
            } else {
                verdict = .met
                let macs = Double(rep.layers.reduce(0) { $0 + $1.shape.macs })
                let acc = min(0.93, 0.78 + 0.02 * (macs / 1_000_000).squareRoot() + Double(episode % 5) * 0.004)
                accuracy = acc
                curve = (0..<5).map { e in
                    let f = Double(e + 1) / 5
                    return EpochPoint(epoch: e + 1, loss: 1.6 - 1.2 * f * acc, trainAccuracy: acc * (0.85 + 0.17 * f),
                                      validationAccuracy: acc * (0.88 + 0.12 * f), elapsedSeconds: 9.5 * Double(e + 1))
                }
                reward = max(-0.1, min(0.1, acc - baseline + rep.latencyMicroseconds / (10 * spec.microseconds)))
                baseline = 0.8 * baseline + 0.2 * acc
            }
            out.append(Trial(episode: episode, architecture: arch, latency: rep, spec: spec, verdict: verdict, reason: reason,
                             accuracy: accuracy, reward: reward, baseline: baseline,
                             trainingSeconds: accuracy == nil ? nil : 47.5, curve: curve, reused: false))
        }
        return out
    }

    static func progress(episode: Int) -> TrainingProgress {
        let arch = architecture([(5, 9), (3, 18), (5, 18), (3, 9)])
        let batches = 47 + 40
        let losses: [Double] = (0..<batches).map { (b: Int) -> Double in
            let decay: Double = 2.3 / (1 + Double(b) * 0.05)
            return decay + Double(b % 7) * 0.01
        }
        let accs: [Double] = (0..<batches).map { (b: Int) -> Double in
            let rise: Double = 1 - 1 / (1 + Double(b) * 0.06)
            return min(0.95, 0.1 + 0.8 * rise)
        }
        return TrainingProgress(episode: episode, architecture: arch, epoch: 2, epochs: 5, batch: 40, batchesPerEpoch: 47,
                                batchLosses: losses, batchAccuracies: accs,
                                epochPoints: [EpochPoint(epoch: 1, loss: 0.92, trainAccuracy: 0.71, validationAccuracy: 0.74, elapsedSeconds: 9.8)],
                                elapsedSeconds: 17.2)
    }

    /// A live search 24 episodes in, training child 25.
    static func snapshot(trials count: Int = 24, state: EngineState = .training, readOnly: Bool = false,
                         training: Bool = true) -> EngineSnapshot {
        let trials = trials(count: count)
        let steps = trials.map { ControllerStep(episode: $0.episode, loss: 0.4 - Double($0.episode) * 0.003,
                                                entropy: 2.2 - Double($0.episode) * 0.01, reward: $0.reward, baseline: $0.baseline) }
        return EngineSnapshot(runName: "mnist-fnas", runDirectory: "/tmp/runs/mnist-fnas", board: board, spec: spec,
                              strategy: .fnas, spaceName: "dac19-mnist", episodesPlanned: 100, epochsPerChild: 5, state: state,
                              trials: trials, current: training ? progress(episode: count + 1) : nil, controllerSteps: steps,
                              elapsedSeconds: 723, savedSeconds: 490, message: nil, readOnly: readOnly)
    }

    static func empty() -> EngineSnapshot {
        EngineSnapshot(runName: "mnist-fnas", runDirectory: nil, board: board, spec: spec, strategy: .fnas,
                       spaceName: "dac19-mnist", episodesPlanned: 100, epochsPerChild: 5, state: .starting, trials: [],
                       current: nil, controllerSteps: [], elapsedSeconds: 0.4, savedSeconds: 0, message: nil, readOnly: false)
    }
}
