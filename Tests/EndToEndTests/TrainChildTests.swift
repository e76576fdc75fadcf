import FNASCore
import FNASTestSupport
import Foundation
import SearchEngine
import SearchServices
import Testing

/// `fnas train-child`, the worker process an executor starts, as a separate process.
@Suite struct TrainChildTests {
    static let request = ChildTrainingRequest(
        architecture: Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                   layers: [ConvLayer(kernel: 5, filters: 4, stride: 2), ConvLayer(kernel: 3, filters: 8)]),
        epochs: 2, seed: 4242, dataset: "embedded", training: TrainingSettings(batchSize: 32, trainLimit: 128, threads: 1))

    @Test func theWorkerProcessTrainsBitForBitAsInProcess() throws {
        let binary = try #require(FnasBinary.path, Comment(rawValue: FnasBinary.missing))
        let dir = temporaryDirectory("train-child")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = (dir as NSString).appendingPathComponent("request.json")
        try JSONEncoder().encode(Self.request).write(to: URL(fileURLWithPath: file))
        let outcome = try FnasBinary.run(binary, ["train-child", "--request", file])
        #expect(outcome.status == 0, "stderr: \(outcome.standardError)")
        let lines = try outcome.standardOutput.split(separator: "\n").map { try WorkerLine.decode($0) }
        #expect(lines.filter { $0.type == "batch" }.count == 8 && lines.filter { $0.type == "epoch" }.count == 2)
        let result = try #require(lines.last?.outcome, "no result line: \(outcome.standardOutput)")
        let inProcess = try ChildWorker.trainer(for: Self.request)
            .train(Self.request.architecture, epochs: 2, seed: 4242, progress: { _ in }, shouldStop: { false })
        #expect(result.bestValidationAccuracy.bitPattern == inProcess.bestValidationAccuracy.bitPattern)
        #expect(result.curve.map(\.validationAccuracy) == inProcess.curve.map(\.validationAccuracy))
        #expect(result.curve.map(\.loss) == inProcess.curve.map(\.loss))
    }

    @Test func aBadRequestFailsWithALineSayingWhy() throws {
        let binary = try #require(FnasBinary.path, Comment(rawValue: FnasBinary.missing))
        let dir = temporaryDirectory("train-child-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = (dir as NSString).appendingPathComponent("request.json")
        var bad = Self.request
        bad.epochs = 0
        try JSONEncoder().encode(bad).write(to: URL(fileURLWithPath: file))
        let outcome = try FnasBinary.run(binary, ["train-child", "--request", file])
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("fnas train-child: error: \(file): epochs: must be 1 to 10000"), "\(outcome.standardError)")
        let line = try WorkerLine.decode(Substring(outcome.standardOutput.trimmingCharacters(in: .newlines)))
        #expect(line.type == "failed" && line.message?.contains("epochs") == true)
        let missing = try FnasBinary.run(binary, ["train-child", "--request", dir + "/none.json"])
        #expect(missing.status == 1 && missing.standardError.contains("none.json: cannot be read"))
    }
}
