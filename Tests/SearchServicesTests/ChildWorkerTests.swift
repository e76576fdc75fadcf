import FNASCore
import FNASTestSupport
import Foundation
import SearchEngine
import SearchServices
import Testing

/// The worker an executor runs: the same request trains the same child as in-process training,
/// and what it prints reads back as what it reported.
@Suite("Child worker")
struct ChildWorkerTests {
    static let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                   layers: [ConvLayer(kernel: 3, filters: 4), ConvLayer(kernel: 3, filters: 8, stride: 2)])
    static let request = ChildTrainingRequest(architecture: arch, epochs: 2, seed: 77, dataset: "embedded",
                                              training: TrainingSettings(batchSize: 32, trainLimit: 96, threads: 1))

    /// Without times (a worker's seconds are its own).
    static func timeless(_ o: ChildTrainingOutcome) -> ChildTrainingOutcome {
        var o = o
        o.seconds = 0
        o.curve = o.curve.map { var p = $0; p.elapsedSeconds = 0; return p }
        return o
    }

    @Test func theWorkerTrainsBitForBitAsInProcessTraining() throws {
        var lines: [WorkerLine] = []
        let worked = try ChildWorker.run(Self.request, emit: { lines.append($0) })
        let data = try SearchServices.loadDataset("embedded")
        let inProcess = try ChildTrainerAdapter(dataset: data, settings: Self.request.training)
            .train(Self.arch, epochs: 2, seed: 77, progress: { _ in }, shouldStop: { false })
        #expect(Self.timeless(worked) == Self.timeless(inProcess))
        #expect(worked.bestValidationAccuracy.bitPattern == inProcess.bestValidationAccuracy.bitPattern)
        // 96 images in batches of 32: 3 batch lines per epoch, an epoch line after each, the result last.
        #expect(lines.map(\.type) == ["batch", "batch", "batch", "epoch", "batch", "batch", "batch", "epoch", "result"])
        #expect(lines.last?.outcome == worked)
        // Every line reads back as itself, NaN losses included.
        var nan = WorkerLine(.batch(epoch: 1, batch: 1, batchesPerEpoch: 3, loss: .nan, accuracy: 0.5))
        for line in lines + [nan] {
            let text = line.json()
            #expect(!text.contains("\n"))
            let back = try WorkerLine.decode(Substring(text))
            if line.loss?.isNaN == true { #expect(back.loss?.isNaN == true); nan = back } else { #expect(back == line) }
        }
        #expect(lines.first?.event == .batch(epoch: 1, batch: 1, batchesPerEpoch: 3, loss: lines[0].loss!, accuracy: lines[0].accuracy!))
    }

    @Test func aRequestReadsBackAndABadOneNamesItsField() throws {
        let data = try JSONEncoder().encode(Self.request)
        #expect(try ChildWorker.request(from: data, source: "req.json") == Self.request)
        func problem(_ edit: (inout [String: Any]) -> Void) throws -> String {
            var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            edit(&object)
            let bytes = try JSONSerialization.data(withJSONObject: object)
            do {
                _ = try ChildWorker.request(from: bytes, source: "req.json")
                return "accepted"
            } catch let e as InputError {
                return "\(e)"
            }
        }
        #expect(try problem { $0["epochs"] = 0 }.contains("epochs"))
        #expect(try problem { $0["formatVersion"] = 9 }.contains("formatVersion"))
        #expect(try problem { $0["dataset"] = "" }.contains("dataset"))
        #expect(try problem { $0.removeValue(forKey: "seed") }.contains("seed"))
        #expect(throws: InputError.self) { try ChildWorker.request(from: Data("{".utf8), source: "req.json") }
    }

    @Test func aDatasetOfAnotherShapeIsRefusedBeforeTraining() throws {
        var request = Self.request
        request.architecture.input = InputShape(height: 32, width: 32, channels: 3)
        var lines: [WorkerLine] = []
        #expect(throws: InputError.self) { try ChildWorker.run(request, emit: { lines.append($0) }) }
        #expect(lines.isEmpty)
    }
}
