import ExplorerUI
import FNASCore
import FPGAModel
import Foundation
import SearchEngine

/// `ui`: frames per second rendering a 200x60 screen from a snapshot with 500 trials, and the
/// time from a key press to a rendered frame (key handling + render), per pane layout.
enum UIBench {
    static func run() {
        let snapshot = syntheticSnapshot(trials: 500)
        let glyphs = Glyphs.unicode
        var state = ExplorerState()
        // Warm up (first-touch allocations).
        _ = ExplorerView.render(state: state, snapshot: snapshot, width: 200, height: 60, glyphs: glyphs)

        let frames = 200
        var clock = ContinuousClock().now
        var checksum = 0
        for _ in 0..<frames {
            checksum &+= ExplorerView.render(state: state, snapshot: snapshot, width: 200, height: 60, glyphs: glyphs).cells.count
        }
        var elapsed = Self.seconds(since: clock)
        print("render 200x60, 500 trials, overview: \(format(Double(frames) / elapsed)) frames/s (\(format(elapsed / Double(frames) * 1000)) ms/frame)")

        for pane in ExplorerState.Pane.allCases {
            state = ExplorerState()
            state.focus = pane
            state.expanded = true
            clock = ContinuousClock().now
            for _ in 0..<50 {
                checksum &+= ExplorerView.render(state: state, snapshot: snapshot, width: 200, height: 60, glyphs: glyphs).cells.count
            }
            elapsed = Self.seconds(since: clock)
            print("  pane \(pane.rawValue) expanded: \(format(elapsed / 50 * 1000)) ms/frame")
        }

        // Key to rendered frame: handle a key, then render the frame the user sees.
        let keys: [Key] = [.down, .down, .up, .character("+"), .character("-"), .pageDown, .enter, .escape, .tab, .character("n")]
        state = ExplorerState()
        var latencies: [Double] = []
        for i in 0..<300 {
            let start = ContinuousClock().now
            _ = state.handle(keys[i % keys.count], snapshot: snapshot)
            checksum &+= ExplorerView.render(state: state, snapshot: snapshot, width: 200, height: 60, glyphs: glyphs).cells.count
            latencies.append(Self.seconds(since: start) * 1000)
        }
        latencies.sort()
        print("key-to-render (200x60, 500 trials): median \(format(latencies[latencies.count / 2])) ms, p99 \(format(latencies[latencies.count * 99 / 100])) ms; input poll 50 ms")
        // A long run: 10,000 children, as make bench-keys replays one. Each key is handled and
        // the frame the user then sees is rendered.
        var big = syntheticSnapshot(trials: 10_000)
        big.readOnly = true
        big.state = .finished
        big.current = nil
        for (name, opening, key) in [("overview, j", [Key](), Key.down), ("trials table, s", [.character("T")], .character("s")),
                                     ("trials table, j", [.character("T")], .down), ("event log, j", [.character("l")], .down)] {
            state = ExplorerState()
            for k in opening { _ = state.handle(k, snapshot: big) }
            _ = ExplorerView.render(state: state, snapshot: big, width: 120, height: 40, glyphs: glyphs)
            var times: [Double] = []
            for _ in 0..<60 {
                let start = ContinuousClock().now
                _ = state.handle(key, snapshot: big)
                checksum &+= ExplorerView.render(state: state, snapshot: big, width: 120, height: 40, glyphs: glyphs).cells.count
                times.append(Self.seconds(since: start) * 1000)
            }
            times.sort()
            print("key-to-render (120x40, 10,000 trials), \(name): median \(format(times[times.count / 2])) ms, "
                  + "p90 \(format(times[times.count * 9 / 10])) ms, max \(format(times[times.count - 1])) ms")
        }
        if checksum == 42 { print("") }  // keeps the work observable to the optimiser
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock().now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    static func format(_ v: Double) -> String { formatDecimal(v, places: v >= 100 ? 0 : 2) }

    /// A snapshot shaped like a long FNAS run: 4-layer children with per-layer designs and
    /// timelines, a third pruned, curves for trained children, controller steps throughout.
    /// Benchmark input only; costs follow the accelerator model's formulas.
    static func syntheticSnapshot(trials count: Int) -> EngineSnapshot {
        let spec = LatencySpec(microseconds: 4500)!
        var rng = SeededGenerator(seed: 11)
        var trials: [Trial] = []
        var steps: [ControllerStep] = []
        for episode in 1...count {
            var layers: [LayerDesign] = []
            var convs: [ConvLayer] = []
            var n = 1
            var cycles = 0
            var timeline: [EngineTimeline] = []
            for i in 0..<4 {
                let k = [3, 5, 7][Int(rng.next() % 3)], m = [9, 18, 36][Int(rng.next() % 3)]
                convs.append(ConvLayer(kernel: k, filters: m))
                let tm = min(m, 9), tn = min(n, 6)
                let tC = k * k * 400
                let lat2 = ((n + tn - 1) / tn) * tC
                let c = 4 * ((m + tm - 1) / tm) * lat2
                let shape = LayerShape(M: m, N: n, R: 28, C: 28, K: k, S: 1, inputRows: 28, inputCols: 28, padTop: k / 2, padLeft: k / 2)
                layers.append(LayerDesign(index: i, shape: shape, tiling: Tiling(Tm: tm, Tn: tn, Tr: 20, Tc: 20), dsp: tm * tn, bram18k: 2 * (tm + tn),
                                          cost: LayerCost(tI: tn * 200, tW: tm * tn * k * k / 2, tC: tC, tO: tm * 200, lat1: tC, lat2: lat2,
                                                          cycles: c, bottleneck: .computing)))
                let start = i * lat2
                timeline.append(EngineTimeline(layer: i, busy: (0..<8).map { j in .init(start: start + j * c / 8, end: start + j * c / 8 + c / 10) }, tasks: c / lat2))
                cycles = max(cycles, start + c)
                n = m
            }
            let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1), layers: convs)
            let report = LatencyReport(board: "pynq-z1", clockMHz: 100, template: .pipelined, dse: .paper, layers: layers, latencyCycles: cycles,
                                       feasible: true, infeasibleReason: nil, dspUsed: layers.reduce(0) { $0 + $1.dsp }, dspAvailable: 220,
                                       bramUsed: layers.reduce(0) { $0 + $1.bram18k }, bramAvailable: 280, timeline: timeline)
            let met = report.meets(spec)
            let accuracy: Double? = met ? 0.8 + Double(rng.next() % 1000) / 10000 : nil
            let curve: [EpochPoint] = met ? (1...5).map { (e: Int) -> EpochPoint in
                let f = Double(e)
                return EpochPoint(epoch: e, loss: 1.7 - 0.2 * f, trainAccuracy: 0.66 + 0.04 * f,
                                  validationAccuracy: 0.685 + 0.035 * f, elapsedSeconds: 10 * f)
            } : []
            trials.append(Trial(episode: episode, architecture: arch, latency: report, spec: spec, verdict: met ? .met : .violated,
                                reason: met ? nil : "\(report.latencyMs)ms > 4.5ms spec, layer 4 computing-bound", accuracy: accuracy,
                                reward: met ? 0.05 : -0.1, baseline: 0.85, trainingSeconds: met ? 50 : nil, curve: curve, reused: false))
            steps.append(ControllerStep(episode: episode, loss: 0.3, entropy: 2.0 - Double(episode) / Double(count), reward: met ? 0.05 : -0.1, baseline: 0.85))
        }
        let current = TrainingProgress(episode: count + 1, architecture: trials[0].architecture, epoch: 2, epochs: 5, batch: 30,
                                       batchesPerEpoch: 47, batchLosses: (0..<124).map { 2.0 / (1 + Double($0) * 0.05) },
                                       batchAccuracies: (0..<124).map { 0.9 - 0.8 / (1 + Double($0) * 0.05) }, epochPoints: [], elapsedSeconds: 30)
        return EngineSnapshot(runName: "bench", runDirectory: nil, board: Board(name: "pynq-z1", part: "XC7Z020", dsp: 220, bram18k: 280),
                              spec: spec, strategy: .fnas, spaceName: "dac19-mnist", episodesPlanned: 1000, epochsPerChild: 5, state: .training,
                              trials: trials, current: current, controllerSteps: steps, elapsedSeconds: 3600, savedSeconds: 1800,
                              message: nil, readOnly: false)
    }
}
