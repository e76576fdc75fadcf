import ChildTrainer
import FNASCore
import FNASTestSupport
import Foundation
import SearchEngine
import SearchServices
import Synchronization
import Testing

@Suite("Services shared by an experiment's searches")
struct SharedDatasetServicesTests {
    /// Counts the loads of each dataset name and serves the embedded subset for every name.
    final class CountingLoader: Sendable {
        private let counts = Mutex<[String: Int]>([:])
        var loads: [String: Int] { counts.withLock { $0 } }

        func load(_ name: String) throws -> Dataset {
            counts.withLock { $0[name, default: 0] += 1 }
            return try SearchServices.loadDataset("embedded")
        }
    }

    static func configuration(spec microseconds: Double = 500, strategy: SearchStrategy = .fnas,
                              space: SearchSpace = SearchSpace.presets[0], dataset: String = "embedded") throws -> SearchConfiguration {
        SearchConfiguration(runName: "shared", board: try BoardCatalog().board(named: "pynq-z1"),
                            spec: LatencySpec(microseconds: microseconds)!, space: space, strategy: strategy,
                            episodes: 1, epochs: 1, seed: 5,
                            training: TrainingSettings(dataset: dataset, batchSize: 32, trainLimit: 128, threads: 1))
    }

    @Test func eachDatasetIsLoadedOnceAcrossSearches() throws {
        let loader = CountingLoader()
        let services = SharedDatasetServices(load: { try loader.load($0) })
        let first = try services.services(for: try Self.configuration(spec: 150))
        let second = try services.services(for: try Self.configuration(spec: 1000, strategy: .nas))
        _ = try services.services(for: try Self.configuration(dataset: "other"))
        #expect(loader.loads == ["embedded": 1, "other": 1])
        let a = try #require(first.trainer as? ChildTrainerAdapter), b = try #require(second.trainer as? ChildTrainerAdapter)
        #expect(a.dataset.train.count == b.dataset.train.count && a.dataset.name == "embedded Fashion-MNIST subset")
    }

    @Test func aDatasetThatDoesNotFitTheSpaceIsRefusedNamingTheField() throws {
        let services = SharedDatasetServices(source: "fnas experiment")
        let cifar = try Self.configuration(space: try SearchSpace.named("fnas-cifar"))
        let error = #expect(throws: InputError.self) { try services.services(for: cifar) }
        #expect(error?.source == "fnas experiment" && error?.field == "training.dataset")
        #expect(error?.description.contains("--") == false, "a library error names the field, not a flag")
    }

    /// One real experiment: a spec that prunes every child and one that prunes none, one episode
    /// each, trained by ChildTrainer on 128 embedded images.
    @Test func anExperimentRunsOnTheRealTrainerLoadingTheDataOnce() throws {
        try withTemporaryDirectory("experiment") { dir in
            let loader = CountingLoader()
            let plan = ExperimentPlan(base: try Self.configuration(), specs: [LatencySpec(microseconds: 1)!], repeats: 1)
            let runner = try ExperimentRunner(plan: plan, directory: dir + "/exp",
                                              services: SharedDatasetServices(load: { try loader.load($0) }))
            let result = try runner.run()
            #expect(loader.loads == ["embedded": 1], "the FNAS and NAS searches share one load")
            let pair = try #require(result.table.rows.first?.pairs.first)
            #expect(pair.fnas.trained == 0 && pair.fnas.pruned == 1, "1 us prunes every child of the embedded space")
            let nas = try #require(pair.nas.trials.first)
            #expect(nas.verdict.isTrained && (nas.accuracy ?? -1) >= 0 && (nas.accuracy ?? 2) <= 1)
        }
    }
}
