import FNASCore
import FPGAModel
import SearchEngine
import Synchronization
@testable import ExplorerUI

/// Engine snapshots for the explorer's tests. Every latency report comes from the real
/// ``LatencyModel`` (PYNQ-Z1 with the search's default options: pipelined template, full design search), so the numbers on
/// screen are exactly what a search on that board shows; only the trials' accuracies are made up.
enum Fixtures {
    static let board = Board.builtIn.first { $0.name == "pynq-z1" }!
    static let spec = LatencySpec(microseconds: 4500)!

    static let model = try! LatencyModel(board: board, options: ModelOptions())
    /// The same board with 8 BRAM18K, so that some children cannot be mapped at all.
    static let smallModel: LatencyModel = {
        var small = board
        small.bram18k = 8
        return try! LatencyModel(board: small, options: ModelOptions())
    }()

    /// Reports already made, by model and architecture: the full design search is slow in a
    /// debug build, and every test asks for the same few dozen children.
    private static let reports = Mutex<[String: LatencyReport]>([:])

    /// The real model's report for `architecture`, on the board with 8 BRAM18K when `smallBRAM`.
    static func report(_ architecture: Architecture, smallBRAM: Bool = false) -> LatencyReport {
        let key = "\(smallBRAM) \(architecture.input) \(architecture.compactLayers)"
        if let known = reports.withLock({ $0[key] }) { return known }
        let made = try! (smallBRAM ? smallModel : model).estimate(architecture)
        reports.withLock { $0[key] = made }
        return made
    }

    static func architecture(_ layers: [(Int, Int)]) -> Architecture {
        Architecture(input: InputShape(height: 28, width: 28, channels: 1), classes: 10,
                     layers: layers.map { ConvLayer(kernel: $0.0, filters: $0.1) })
    }

    /// The space the fixture trials are drawn from: 4 layers, kernels 3/5/7, filters 9/18/36.
    static let space = SearchSpace(name: "dac19-mnist", input: InputShape(height: 28, width: 28, channels: 1), layers: 4,
                                   kernels: [3, 5, 7], filters: [9, 18, 36], dataset: "mnist")

    /// Views already made, by the trials' episodes and specs (LSTM updates are slow in debug builds).
    private static let policies = Mutex<[String: PolicyView]>([:])

    /// The view of a real controller that learned from `trials` (advantage: accuracy over 85%).
    static func policy(_ trials: [Trial]) -> PolicyView {
        let key = trials.map { "\($0.episode)@\($0.spec)" }.joined(separator: ",")
        if let known = policies.withLock({ $0[key] }) { return known }
        let made = learnedPolicy(trials)
        policies.withLock { $0[key] = made }
        return made
    }

    static func learnedPolicy(_ trials: [Trial]) -> PolicyView {
        var rng = SeededGenerator(seed: 11)
        var controller = LSTMController(config: ControllerSettings(learningRate: 0.02), kindSizes: space.kindSizes,
                                        plan: space.plan, rng: &rng)
        // Five passes, as if the search had run five times longer: the odds have moved.
        for _ in 0..<5 {
            for t in trials {
                guard let choices = space.choices(for: t.architecture) else { continue }
                controller.update(actions: choices, advantage: (t.accuracy ?? 0.8) - 0.85)
            }
        }
        return .controller(controller, space: space)
    }

    /// `count` trials sampled from the DAC'19 MNIST space with a fixed seed; from episode
    /// `loosenedAt` on, children are judged by `loosened` (the user changed the spec).
    static func trials(count: Int, spec: LatencySpec = spec, seed: UInt64 = 7,
                       loosenedAt: Int = .max, loosened: LatencySpec? = nil) -> [Trial] {
        var rng = SeededGenerator(seed: seed)
        var baseline = 0.80
        var out: [Trial] = []
        for episode in 1...max(1, count) {
            let layers = (0..<4).map { _ in ([3, 5, 7][Int(rng.next() % 3)], [9, 18, 36][Int(rng.next() % 3)]) }
            let arch = architecture(layers)
            // Every 13th child is mapped with a small BRAM budget so the infeasible path shows too.
            let rep = report(arch, smallBRAM: episode % 13 == 6)
            let spec = episode >= loosenedAt ? loosened ?? spec : spec
            let verdict: Verdict
            var reason: String?
            var accuracy: Double?
            var reward: Double
            var curve: [EpochPoint] = []
            if !rep.feasible {
                verdict = .infeasible; reason = PruneReason.describe(rep, spec: spec); reward = -0.1
            } else if !rep.meets(spec) {
                verdict = .violated
                reason = PruneReason.describe(rep, spec: spec)
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

    /// A live search 24 episodes in, training child 25; the spec went from 4.5 ms to 6 ms at
    /// episode `loosenedAt` when given.
    static func snapshot(trials count: Int = 24, state: EngineState = .training, readOnly: Bool = false,
                         training: Bool = true, loosenedAt: Int = .max) -> EngineSnapshot {
        let trials = trials(count: count, loosenedAt: loosenedAt, loosened: LatencySpec(microseconds: 6000))
        let steps = trials.map { ControllerStep(episode: $0.episode, loss: 0.4 - Double($0.episode) * 0.003,
                                                entropy: 2.2 - Double($0.episode) * 0.01, reward: $0.reward, baseline: $0.baseline) }
        return EngineSnapshot(runName: "mnist-fnas", runDirectory: "/tmp/runs/mnist-fnas", board: board,
                              spec: trials.last?.spec ?? spec,
                              strategy: .fnas, spaceName: "dac19-mnist", episodesPlanned: 100, epochsPerChild: 5, state: state,
                              trials: trials, current: training ? progress(episode: count + 1) : nil, controllerSteps: steps,
                              elapsedSeconds: 723, savedSeconds: 490, message: nil, readOnly: readOnly,
                              policy: readOnly ? nil : policy(trials), events: events(trials, loosenedAt: loosenedAt))
    }

    /// When the fixture run started: 2025-12-08 02:59:00 UTC (12m03s before its last event).
    static let startTime = 1_765_162_740.0

    /// The events such a run logs: its start, each new best, a pause and resume before
    /// episode 12, the spec change; 30 s per episode.
    static func events(_ trials: [Trial], loosenedAt: Int = .max) -> [RunEvent] {
        func at(_ episode: Int, _ kind: RunEvent.Kind, plus: Double = 0) -> RunEvent {
            RunEvent(time: startTime + Double(episode) * 30 + plus, episode: episode, kind: kind)
        }
        var events = [at(1, .started(resumed: false, spec: spec))]
        var best = -1.0
        for t in trials {
            if t.episode == 12 { events += [at(12, .paused, plus: 1), at(12, .resumed, plus: 16)] }
            if t.episode == loosenedAt, let changed = LatencySpec(microseconds: 6000) { events.append(at(t.episode, .spec(changed))) }
            if t.verdict == .met, !t.reused, let a = t.accuracy, a > best { best = a; events.append(at(t.episode, .best(accuracy: a), plus: 29)) }
        }
        return events
    }

    static func empty() -> EngineSnapshot {
        EngineSnapshot(runName: "mnist-fnas", runDirectory: nil, board: board, spec: spec, strategy: .fnas,
                       spaceName: "dac19-mnist", episodesPlanned: 100, epochsPerChild: 5, state: .starting, trials: [],
                       current: nil, controllerSteps: [], elapsedSeconds: 0.4, savedSeconds: 0, message: nil, readOnly: false)
    }
}
