import FNASCore
import FPGAModel
import Foundation
import SearchEngine

// The `engine` suite: what the search loop itself costs, with the FPGA model and the trainer
// replaced by fixed-cost stand-ins, so the figures are the engine's overhead (controller
// sampling and update, reward, bookkeeping, snapshots, events, run-directory writes).

/// Latency from MACs at 64 MACs per cycle: a fixed, tiny cost in place of FPGAModel.
private struct MACLatency: LatencyEstimating {
    func estimate(_ arch: Architecture) throws -> LatencyReport {
        let shapes = try arch.validated()
        var layers: [LayerDesign] = []
        var total = 0
        for (i, s) in shapes.enumerated() {
            let cycles = (s.macs + 63) / 64
            total += cycles
            layers.append(LayerDesign(index: i, shape: s, tiling: Tiling(Tm: 8, Tn: 8, Tr: s.R, Tc: s.C), dsp: 64, bram18k: 2,
                                      cost: LayerCost(tI: 0, tW: 0, tC: cycles, tO: 0, lat1: cycles, lat2: cycles,
                                                      cycles: cycles, bottleneck: .computing)))
        }
        return LatencyReport(board: "bench", clockMHz: 100, template: .sequential, dse: .paper, layers: layers,
                             latencyCycles: total, feasible: true, infeasibleReason: nil, dspUsed: 64 * layers.count,
                             dspAvailable: 220, bramUsed: 2 * layers.count, bramAvailable: 280, timeline: [])
    }
}

/// Returns one stored training outcome at once: "training replaced by a cached result".
private struct CachedResultTrainer: ChildTraining {
    let outcome = ChildTrainingOutcome(
        bestValidationAccuracy: 0.82,
        curve: [EpochPoint(epoch: 1, loss: 0.6, trainAccuracy: 0.8, validationAccuracy: 0.82, elapsedSeconds: 2.5)],
        cancelled: false, seconds: 2.5)

    func train(_ architecture: Architecture, epochs: Int, seed: UInt64,
               progress: (ChildTrainingEvent) -> Void, shouldStop: () -> Bool) throws -> ChildTrainingOutcome {
        progress(.batch(epoch: 1, batch: 1, batchesPerEpoch: 1, loss: 0.6, accuracy: 0.8))
        progress(.epoch(outcome.curve[0]))
        return outcome
    }
}

private func benchConfiguration(space: String, spec: Double, episodes: Int) throws -> SearchConfiguration {
    let board = try BoardCatalog().board(named: "pynq-z1")
    guard let spec = LatencySpec(microseconds: spec) else { throw InputError(source: "bench", "bad spec") }
    return SearchConfiguration(runName: "bench", board: board, spec: spec, space: try SearchSpace.named(space),
                               episodes: episodes, epochs: 1, seed: 1, reuseDuplicates: false)
}

private func timeRun(_ engine: SearchEngine) throws -> (seconds: Double, summary: SearchSummary) {
    let start = DispatchTime.now().uptimeNanoseconds
    let summary = try engine.run()
    return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, summary)
}

func runEngineBenchmark() throws {
    for space in ["embedded", "fnas-cifar-14"] {
        // Every child pruned (spec 1us): the cost of an FNAS episode without training.
        let n = 2000
        let pruned = try SearchEngine(configuration: try benchConfiguration(space: space, spec: 1, episodes: n),
                                      latency: MACLatency(), trainer: CachedResultTrainer())
        let (t, s) = try timeRun(pruned)
        print("\(space): pruned episode, in memory: \(formatDecimal(t / Double(n) * 1e6, places: 1)) us/episode"
              + " (\(s.pruned) of \(n) pruned, \(Int(Double(n) / t)) episodes/s)")

        // Every child trained, training replaced by a cached result.
        let trained = try SearchEngine(configuration: try benchConfiguration(space: space, spec: 1e12, episodes: n),
                                       latency: MACLatency(), trainer: CachedResultTrainer())
        let (t2, s2) = try timeRun(trained)
        print("\(space): trained episode with a cached training result, in memory: \(Int(Double(n) / t2)) episodes/s"
              + " (\(formatDecimal(t2 / Double(n) * 1e6, places: 1)) us/episode, \(s2.trained) trained)")
    }
    // The real FPGA model (pipelined, full DSE) in the loop; repeated children hit the engine's latency cache.
    for space in ["embedded", "fnas-cifar"] {
        let n = 500
        let config = try benchConfiguration(space: space, spec: 1, episodes: n)
        let engine = try SearchEngine(configuration: config, latency: try LatencyModel(configuration: config),
                                      trainer: CachedResultTrainer())
        let (t, s) = try timeRun(engine)
        let sampled = Set(engine.snapshot.trials.map(\.architecture)).count
        print("\(space): pruned episode with FPGAModel: \(formatDecimal(t / Double(n) * 1e3, places: 3)) ms/episode"
              + " (\(s.pruned) pruned, \(sampled) distinct children estimated)")
    }
    // With a run directory: trial line fsync, atomic checkpoint, trials.csv and best.json per episode.
    let dir = NSTemporaryDirectory() + "fnas-bench-engine-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let n = 200
    let logged = try SearchEngine(configuration: try benchConfiguration(space: "embedded", spec: 1, episodes: n),
                                  latency: MACLatency(), trainer: CachedResultTrainer(), runDirectory: dir)
    let (t3, _) = try timeRun(logged)
    print("embedded: pruned episode with run directory (trial line fsync, atomic checkpoint and tables): "
          + "\(formatDecimal(t3 / Double(n) * 1e3, places: 2)) ms/episode")
}
