import FNASCore
import FPGAModel
import Foundation
import Synchronization
import SearchEngine

/// Latency computed analytically from MACs: each layer runs `macsPerCycle` MACs per cycle,
/// layers run one after another at 100 MHz. A layer whose weights exceed `maxWeights` makes
/// the child infeasible. A test double for FPGAModel.LatencyModel.
public struct AnalyticLatency: LatencyEstimating {
    public var macsPerCycle: Int
    public var maxWeights: Int

    public init(macsPerCycle: Int = 64, maxWeights: Int = Int.max) {
        self.macsPerCycle = macsPerCycle
        self.maxWeights = maxWeights
    }

    public func estimate(_ arch: Architecture) throws -> LatencyReport {
        let shapes = try arch.validated()
        var layers: [LayerDesign] = []
        var total = 0
        var reason: String?
        for (i, s) in shapes.enumerated() {
            let cycles = (s.macs + macsPerCycle - 1) / macsPerCycle
            total += cycles
            if s.M * s.N * s.K * s.K > maxWeights, reason == nil {
                reason = "layer \(i + 1) needs \(s.M * s.N * s.K * s.K) weights, over \(maxWeights)"
            }
            let cost = LayerCost(tI: 0, tW: 0, tC: cycles, tO: 0, lat1: cycles, lat2: cycles, cycles: cycles,
                                 bottleneck: i % 2 == 0 ? .computing : .loadingWeights)
            layers.append(LayerDesign(index: i, shape: s, tiling: Tiling(Tm: 8, Tn: 8, Tr: s.R, Tc: s.C),
                                      dsp: 64, bram18k: 2, cost: cost))
        }
        return LatencyReport(board: "test", clockMHz: 100, template: .sequential, dse: .paper, layers: layers,
                             latencyCycles: reason == nil ? total : 0, feasible: reason == nil, infeasibleReason: reason,
                             dspUsed: 64 * layers.count, dspAvailable: 220, bramUsed: 2 * layers.count,
                             bramAvailable: 280, timeline: [])
    }
}

/// A trainer whose accuracy is a deterministic function of the architecture (more filters and
/// larger kernels score higher), emitting `batches` batch events per epoch and polling
/// `shouldStop` between batches. `hook(episodeCall, epoch, batch)` runs after each batch's
/// progress event so tests can synchronise with the engine thread.
public final class ScriptedTrainer: ChildTraining {
    public let batches: Int
    let hook: @Sendable (_ call: Int, _ epoch: Int, _ batch: Int) -> Void
    private let calls = Mutex<[Architecture]>([])

    let untrainable: @Sendable (Architecture) -> String?
    /// When set, a child's `seconds` is its wall time on this clock, callbacks included, as the
    /// real trainer measures it; otherwise one second per epoch.
    let clock: ManualClock?

    public init(batches: Int = 4, clock: ManualClock? = nil, hook: @escaping @Sendable (Int, Int, Int) -> Void = { _, _, _ in },
         untrainable: @escaping @Sendable (Architecture) -> String? = { _ in nil }) {
        self.batches = batches
        self.clock = clock
        self.untrainable = untrainable
        self.hook = hook
    }

    public func untrainableReason(_ architecture: Architecture) -> String? { untrainable(architecture) }

    public var trainedArchitectures: [Architecture] { calls.withLock { $0 } }

    public static func accuracy(_ arch: Architecture) -> Double {
        let score = arch.layers.reduce(0.0) { $0 + Double($1.filters) * Double($1.kernel) }
        return 0.5 + 0.45 * score / (score + 100)
    }

    public func train(_ architecture: Architecture, epochs: Int, seed: UInt64,
               progress: (ChildTrainingEvent) -> Void, shouldStop: () -> Bool) throws -> ChildTrainingOutcome {
        let call = calls.withLock { $0.append(architecture); return $0.count }
        let started = clock?.now()
        func seconds(_ epochs: Int) -> Double { started.map { clock!.now() - $0 } ?? Double(epochs) }
        let final = Self.accuracy(architecture)
        var curve: [EpochPoint] = []
        for epoch in 1...epochs {
            for batch in 1...batches {
                if shouldStop() {
                    return ChildTrainingOutcome(bestValidationAccuracy: curve.last?.validationAccuracy ?? 0,
                                                curve: curve, cancelled: true, seconds: seconds(curve.count))
                }
                let fraction = Double((epoch - 1) * batches + batch) / Double(epochs * batches)
                progress(.batch(epoch: epoch, batch: batch, batchesPerEpoch: batches,
                                loss: 2.3 * (1 - fraction) + 0.1, accuracy: final * fraction))
                hook(call, epoch, batch)
            }
            let point = EpochPoint(epoch: epoch, loss: 2.3 / Double(epoch), trainAccuracy: final * Double(epoch) / Double(epochs),
                                   validationAccuracy: final * Double(epoch) / Double(epochs), elapsedSeconds: Double(epoch))
            curve.append(point)
            progress(.epoch(point))
        }
        return ChildTrainingOutcome(bestValidationAccuracy: final, curve: curve, cancelled: false, seconds: seconds(epochs))
    }
}

/// Collects engine events (thread-safe) and lets a test wait for one without sleeping.
public final class EventRecorder: Sendable {
    private let events = Mutex<[EngineEvent]>([])
    private let waiters = Mutex<[(predicate: @Sendable (EngineEvent) -> Bool, semaphore: DispatchSemaphore)]>([])

    public init() {}

    public func record(_ event: EngineEvent) {
        events.withLock { $0.append(event) }
        let matched = waiters.withLock { list -> [DispatchSemaphore] in
            let hits = list.filter { $0.predicate(event) }.map(\.semaphore)
            list.removeAll { $0.predicate(event) }
            return hits
        }
        for s in matched { s.signal() }
    }

    public var all: [EngineEvent] { events.withLock { $0 } }

    /// A semaphore that is signalled by the next event matching `predicate`.
    public func expect(_ predicate: @escaping @Sendable (EngineEvent) -> Bool) -> DispatchSemaphore {
        let s = DispatchSemaphore(value: 0)
        waiters.withLock { $0.append((predicate, s)) }
        return s
    }
}

extension SearchConfiguration {
    /// A small embedded-space search on PYNQ-Z1 for tests.
    public static func test(episodes: Int = 12, spec: Double = 400, strategy: SearchStrategy = .fnas,
                     space: SearchSpace? = nil, seed: UInt64 = 42, reward: RewardForm = .fnas) -> SearchConfiguration {
        let board = Board.builtIn.first { $0.name == "pynq-z1" } ?? Board.builtIn[0]
        return SearchConfiguration(
            runName: "test", board: board, spec: LatencySpec(microseconds: spec) ?? LatencySpec(microseconds: 1)!,
            space: space ?? SearchSpace.presets[0], strategy: strategy, reward: RewardSettings(form: reward),
            episodes: episodes, epochs: 2, seed: seed, snapshotInterval: 0)
    }
}
