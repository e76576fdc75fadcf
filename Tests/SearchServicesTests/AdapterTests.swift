import ChildTrainer
import FNASCore
import FNASTestSupport
import FPGAModel
import Foundation
import SearchEngine
import SearchServices
import Testing

@Suite("Adapters over FPGAModel and ChildTrainer")
struct AdapterTests {
    @Test func latencyModelIsTheEnginesEstimator() throws {
        let board = try BoardCatalog().board(named: "pynq-z1")
        let config = SearchConfiguration(runName: "a", board: board, spec: LatencySpec(microseconds: 500)!,
                                         space: SearchSpace.presets[0], episodes: 1, epochs: 1, seed: 1,
                                         latency: LatencySettings(template: .sequential, dse: .paper))
        let estimator: any LatencyEstimating = try LatencyModel(configuration: config)
        // The authors' worked example: two layers of 40,000 cycles, one after the other: 0.8 ms.
        let lenet = Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                 layers: [ConvLayer(kernel: 5, filters: 6), ConvLayer(kernel: 5, filters: 16)])
        let report = try estimator.estimate(lenet)
        #expect(report.latencyCycles == 80_000 && report.layers.map(\.cost.cycles) == [40_000, 40_000])
    }

    @Test func trainerAdapterReportsBatchesAndOneBasedEpochsAndStopsWhenAsked() throws {
        let data = try SearchServices.loadDataset("embedded")
        let adapter = ChildTrainerAdapter(dataset: data, settings: TrainingSettings(batchSize: 32, trainLimit: 128, threads: 1))
        let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1), layers: [ConvLayer(kernel: 3, filters: 4)])
        var batches = 0
        var epochs: [Int] = []
        let outcome = try adapter.train(arch, epochs: 2, seed: 1, progress: { event in
            switch event {
            case .batch(_, _, let perEpoch, _, _): batches += 1; #expect(perEpoch == 4)
            case .epoch(let p): epochs.append(p.epoch)
            }
        }, shouldStop: { false })
        #expect(batches == 8 && epochs == [1, 2] && outcome.curve.map(\.epoch) == [1, 2] && !outcome.cancelled)
        #expect(outcome.bestValidationAccuracy == outcome.curve.map(\.validationAccuracy).max())

        var seen = 0
        let stopped = try adapter.train(arch, epochs: 2, seed: 1, progress: { if case .batch = $0 { seen += 1 } },
                                        shouldStop: { seen >= 3 })
        #expect(stopped.cancelled && seen == 3)
    }

    @Test func datasetThatDoesNotMatchTheSpaceIsRefused() throws {
        let board = try BoardCatalog().board(named: "pynq-z1")
        let cifar = try SearchSpace.named("fnas-cifar")
        let config = SearchConfiguration(runName: "a", board: board, spec: LatencySpec(microseconds: 500)!, space: cifar,
                                         episodes: 1, epochs: 1, seed: 1, training: TrainingSettings(dataset: "embedded"))
        let mismatch = #expect(throws: InputError.self) { try SearchServices(configuration: config) }
        #expect(mismatch?.field == "training.dataset" && mismatch?.message.contains("fnas-cifar space expects 32x32x3") == true)
        let missing = #expect(throws: InputError.self) { try SearchServices.loadDataset("/no/such/dir") }
        #expect(missing == InputError(source: "configuration", field: "training.dataset",
                                      "\"/no/such/dir\" is neither embedded, fashion-mnist nor a directory"))
    }

    /// Two images leave one to train on: refused when the services are built, before a run
    /// directory exists (it used to fail the first trained child and leave a dead run behind).
    @Test func datasetTooSmallToTrainIsRefusedUpFront() throws {
        try withTemporaryDirectory("two-images") { dir in
            func bigEndian(_ v: [Int]) -> [UInt8] { v.flatMap { x in (0..<4).reversed().map { UInt8((x >> (8 * $0)) & 0xFF) } } }
            try Data(bigEndian([0x803, 2, 28, 28]) + [UInt8](repeating: 9, count: 2 * 784))
                .write(to: URL(fileURLWithPath: dir + "/train-images-idx3-ubyte"))
            try Data(bigEndian([0x801, 2]) + [0, 1]).write(to: URL(fileURLWithPath: dir + "/train-labels-idx1-ubyte"))
            let board = try BoardCatalog().board(named: "pynq-z1")
            let config = SearchConfiguration(runName: "a", board: board, spec: LatencySpec(microseconds: 500)!,
                                             space: SearchSpace.presets[0], episodes: 1, epochs: 1, seed: 1,
                                             training: TrainingSettings(dataset: dir))
            #expect(throws: InputError(source: "fnas search", field: "training.dataset",
                                       "\(dir) leaves 1 training image after holding out 1 for validation; need at least 2")) {
                try SearchServices(configuration: config, source: "fnas search")
            }
        }
    }
}
