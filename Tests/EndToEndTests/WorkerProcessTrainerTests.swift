import FNASCore
import FNASTestSupport
import Foundation
import SearchEngine
import SearchServices
import Synchronization
import Testing

/// Training a child in a `fnas train-child` process, as the engine's trainer.
@Suite struct WorkerProcessTrainerTests {
    static let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                   layers: [ConvLayer(kernel: 3, filters: 4, stride: 2), ConvLayer(kernel: 3, filters: 8)])
    static let settings = TrainingSettings(batchSize: 32, trainLimit: 128, threads: 1)

    func trainers() throws -> (worker: WorkerProcessTrainer, local: ChildTrainerAdapter) {
        let binary = try #require(FnasBinary.path, Comment(rawValue: FnasBinary.missing))
        let local = ChildTrainerAdapter(dataset: try SearchServices.loadDataset("embedded"), settings: Self.settings)
        return (WorkerProcessTrainer(command: [binary, "train-child"], dataset: "embedded", local: local), local)
    }

    @Test func aChildTrainedInAWorkerIsTheChildTrainedHere() throws {
        let (worker, local) = try trainers()
        var remote: [ChildTrainingEvent] = [], here: [ChildTrainingEvent] = []
        let a = try worker.train(Self.arch, epochs: 2, seed: 9, progress: { remote.append($0) }, shouldStop: { false })
        let b = try local.train(Self.arch, epochs: 2, seed: 9, progress: { here.append($0) }, shouldStop: { false })
        #expect(a.bestValidationAccuracy.bitPattern == b.bestValidationAccuracy.bitPattern && !a.cancelled)
        #expect(a.curve.map(\.validationAccuracy) == b.curve.map(\.validationAccuracy))
        // The same batches and epochs, in the same order (times aside).
        func shape(_ e: ChildTrainingEvent) -> String {
            switch e {
            case let .batch(epoch, batch, per, loss, accuracy): "b\(epoch).\(batch)/\(per) \(loss) \(accuracy)"
            case .epoch(let p): "e\(p.epoch) \(p.validationAccuracy)"
            }
        }
        #expect(remote.map(shape) == here.map(shape) && remote.count == 10)
    }

    @Test func stoppingSendsTheWorkerSIGTERMAndGetsACancelledResult() throws {
        let (worker, _) = try trainers()
        var batches = 0
        let outcome = try worker.train(Self.arch, epochs: 50, seed: 9, progress: { if case .batch = $0 { batches += 1 } },
                                       shouldStop: { batches >= 1 })
        #expect(outcome.cancelled && batches < 50 * 4)
    }

    @Test func aWorkerThatFailsSaysWhy() throws {
        let (_, local) = try trainers()
        let binary = try #require(FnasBinary.path)
        let broken = WorkerProcessTrainer(command: [binary, "train-child"], dataset: "/nonexistent-dataset", local: local)
        #expect {
            try broken.train(Self.arch, epochs: 1, seed: 1, progress: { _ in }, shouldStop: { false })
        } throws: { error in
            "\(error)".contains("/nonexistent-dataset") && "\(error)".contains("neither embedded")
        }
        let missing = WorkerProcessTrainer(command: ["/nonexistent/fnas", "train-child"], dataset: "embedded", local: local)
        #expect {
            try missing.train(Self.arch, epochs: 1, seed: 1, progress: { _ in }, shouldStop: { false })
        } throws: { "\($0)".hasPrefix("cannot start the worker /nonexistent/fnas") }
    }
}
