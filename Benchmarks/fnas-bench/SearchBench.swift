import FNASCore
import FPGAModel
import Foundation
import SearchEngine
import SearchServices
import Synchronization

// The `search` suite (issue 11): does the search keep learning, and does it follow the user when
// the spec changes? Real latency model (pynq-z1, pipelined, full DSE) and real training on the
// embedded Fashion-MNIST subset, kept fast (FNAS_BENCH_TRAIN_LIMIT images per child, one epoch).
// Each strategy and seed runs FNAS_BENCH_EPISODES episodes (600): the first half under a tight
// spec (the 25th percentile of the space's latencies), the second under a loose one (the 75th),
// set by the same command the explorer's spec keys send.
//
// Per run it prints: distinct children among the last 200 episodes; the best accuracy under the
// tight spec within the first N trained children, N the fewest any strategy trained in the tight
// half for that seed (equal training budgets); the mean sampled latency of the 100 episodes
// before and after the change, and how far it moved toward the loose spec (1 = all the way).
// Targets: distinct >= 50; fnas and evolution above random on best accuracy (mean over seeds);
// moved >= 0.5. Environment: FNAS_BENCH_SEEDS (1,2,3), FNAS_BENCH_STRATEGIES (fnas,evolution,random),
// FNAS_BENCH_EPISODES (600), FNAS_BENCH_TRAIN_LIMIT (1024), FNAS_BENCH_BATCH (16); FNAS_BENCH_REPLAY_BOOST and
// FNAS_BENCH_ENTROPY override the controller's specChangeReplayBoost and entropyWeight,
// FNAS_BENCH_LATENCY_SCALE and FNAS_BENCH_CLIP the reward's latencyScale and clip;
// FNAS_BENCH_TRACE prints, per 25 episodes around the change, mean latency/pruned/distinct.

enum SearchBench {
    struct Run {
        var strategy: SearchStrategy
        var seed: UInt64
        var trials: [Trial]
        var seconds: Double
    }

    static func environment(_ name: String) -> String? { ProcessInfo.processInfo.environment[name] }

    static func run() throws {
        let episodes = Int(environment("FNAS_BENCH_EPISODES") ?? "") ?? 600
        let trainLimit = Int(environment("FNAS_BENCH_TRAIN_LIMIT") ?? "") ?? 1024
        // 64 steps of 16 images: at the default 64 per batch, 1,024 images are 16 steps, too few
        // for a child's accuracy to say much about its architecture.
        let batch = Int(environment("FNAS_BENCH_BATCH") ?? "") ?? 16
        // Controller settings to try against the defaults (docs/search.md) without a rebuild.
        let replayBoost = Double(environment("FNAS_BENCH_REPLAY_BOOST") ?? "")
        let entropyWeight = Double(environment("FNAS_BENCH_ENTROPY") ?? "")
        let latencyScale = Double(environment("FNAS_BENCH_LATENCY_SCALE") ?? "")
        let clip = Double(environment("FNAS_BENCH_CLIP") ?? "")
        let overshoot = Double(environment("FNAS_BENCH_OVERSHOOT") ?? "")
        let seeds = (environment("FNAS_BENCH_SEEDS") ?? "1,2,3").split(separator: ",").compactMap { UInt64($0) }
        let strategies = (environment("FNAS_BENCH_STRATEGIES") ?? "fnas,evolution,random")
            .split(separator: ",").compactMap { SearchStrategy(rawValue: String($0)) }
        let space = try SearchSpace.named("embedded")
        let board = try BoardCatalog().board(named: "pynq-z1")
        let (tight, loose) = try quartiles(space: space, board: board)
        let change = episodes / 2
        print("embedded on pynq-z1: spec \(tight) (25th percentile of 1,000 uniform children) for \(change) episodes, "
              + "then \(loose) (75th); \(episodes) episodes, \(trainLimit) training images per child in batches of \(batch), 1 epoch, "
              + "learning rate \(TrainingSettings.defaults(for: space).learningRate)")
        let data = try SearchServices.loadDataset("embedded", source: "bench")
        var runs: [Run] = []
        for seed in seeds {
            for strategy in strategies {
                var config = SearchConfiguration(runName: "bench", board: board, spec: tight, space: space, strategy: strategy,
                                                 episodes: episodes, epochs: 1, seed: seed)
                // The training a user of this space gets (its tuned learning rate), made short.
                config.training = .defaults(for: space)
                config.training.trainLimit = trainLimit
                config.training.batchSize = batch
                config.training.threads = 0
                if let replayBoost { config.controller.specChangeReplayBoost = replayBoost }
                if let entropyWeight { config.controller.entropyWeight = entropyWeight }
                if let latencyScale { config.reward.latencyScale = latencyScale }
                if let clip { config.reward.clip = clip }
                if let overshoot { config.reward.overshootWeight = overshoot }
                let services = try SearchServices(configuration: config, dataset: data, source: "bench")
                let engine = try SearchEngine(configuration: config, latency: services.latency, trainer: services.trainer)
                engine.subscribe { event in
                    switch event {
                    case .trained(let t), .pruned(let t), .skipped(let t):
                        if t.episode == change { engine.send(.setSpec(loose)) }
                    default: break
                    }
                }
                let start = Date()
                try engine.run()
                runs.append(Run(strategy: strategy, seed: seed, trials: engine.snapshot.trials,
                                seconds: Date().timeIntervalSince(start)))
                let r = runs[runs.count - 1]
                print("  ran \(strategy.rawValue) seed \(seed): \(formatDuration(r.seconds))")
            }
        }
        report(runs, tight: tight, loose: loose, change: change)
    }

    /// The 25th and 75th percentiles of the latencies of 1,000 uniformly sampled children.
    static func quartiles(space: SearchSpace, board: Board) throws -> (LatencySpec, LatencySpec) {
        var config = SearchConfiguration(runName: "q", board: board, spec: LatencySpec(microseconds: 1000)!, space: space,
                                         episodes: 1, epochs: 1, seed: 1)
        config.training.trainLimit = 2
        let model = try LatencyModel(configuration: config)
        var rng = SeededGenerator(seed: 2019)
        var latencies: [Double] = []
        for _ in 0..<1000 {
            let report = try model.estimate(space.architecture(choices: space.randomChoices(using: &rng)))
            if report.feasible { latencies.append(report.latencyMicroseconds) }
        }
        latencies.sort()
        func at(_ q: Double) -> LatencySpec { LatencySpec(microseconds: latencies[Int(Double(latencies.count - 1) * q)])! }
        return (at(0.25), at(0.75))
    }

    /// Per 25 episodes around the change: mean sampled latency, share pruned, distinct children.
    static func trace(_ runs: [Run], loose: LatencySpec, change: Int) {
        for r in runs {
            var line = "\(r.strategy.rawValue) \(r.seed):"
            for start in stride(from: max(0, change - 100), to: min(r.trials.count, change + 200), by: 25) {
                let slice = r.trials[start..<min(r.trials.count, start + 25)]
                let ms = slice.filter { $0.latency.feasible }.map(\.latency.latencyMs)
                let mean = ms.reduce(0, +) / Double(max(ms.count, 1))
                let pruned = slice.filter { !$0.verdict.isTrained }.count
                line += " \(start - change):\(formatDecimal(mean, places: 3))/\(pruned)/\(Set(slice.map(\.architecture)).count)"
            }
            print(line)
        }
    }

    static func report(_ runs: [Run], tight: LatencySpec, loose: LatencySpec, change: Int) {
        print("")
        print("| strategy | seed | distinct (last 200) | trained (tight half) | best under tight spec at N | mean latency before -> after change | moved | time |")
        print("|---|---|---|---|---|---|---|---|")
        var bestByStrategy: [SearchStrategy: [Double]] = [:]
        for seed in Set(runs.map(\.seed)).sorted() {
            let seedRuns = runs.filter { $0.seed == seed }
            let budget = seedRuns.map { $0.trials.prefix(change).filter { $0.verdict.isTrained && !$0.reused }.count }.min() ?? 0
            for r in seedRuns {
                let distinct = Set(r.trials.suffix(200).map(\.architecture)).count
                let tightHalf = Array(r.trials.prefix(change))
                let trained = tightHalf.filter { $0.verdict.isTrained && !$0.reused }
                let best = trained.prefix(budget).filter { $0.meets(tight) }.compactMap(\.accuracy).max() ?? 0
                bestByStrategy[r.strategy, default: []].append(best)
                func meanLatency(_ slice: ArraySlice<Trial>) -> Double {
                    let ms = slice.filter { $0.latency.feasible }.map(\.latency.latencyMs)
                    return ms.isEmpty ? .nan : ms.reduce(0, +) / Double(ms.count)
                }
                let before = meanLatency(r.trials[max(0, change - 100)..<change])
                let after = meanLatency(r.trials[change..<min(r.trials.count, change + 100)])
                let moved = (after - before) / (loose.milliseconds - before)
                print("| \(r.strategy.rawValue) | \(r.seed) | \(distinct) | \(trained.count) | \(formatDecimal(best * 100, places: 1))% at \(budget) "
                      + "| \(formatDecimal(before, places: 3)) -> \(formatDecimal(after, places: 3)) ms | \(formatDecimal(moved, places: 2)) "
                      + "| \(formatDuration(r.seconds)) |")
            }
        }
        if environment("FNAS_BENCH_TRACE") != nil { trace(runs, loose: loose, change: change) }
        print("")
        for (strategy, values) in bestByStrategy.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let mean = values.reduce(0, +) / Double(max(values.count, 1))
            print("mean best under the tight spec, \(strategy.rawValue): \(formatDecimal(mean * 100, places: 2))%")
        }
    }
}
