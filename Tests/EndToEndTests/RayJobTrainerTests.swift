import FNASCore
import FNASTestSupport
import Foundation
import SearchEngine
import SearchServices
import Testing

/// Training a child as a Ray job, on a loopback head that `scripts/ray.sh` starts (on ports and
/// state of its own) and stops. When Ray cannot be installed here the test says so loudly and
/// passes.
@Suite(.serialized) struct RayJobTrainerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let dashboardPort = 8298

    /// Runs `scripts/ray.sh verb` with this test's ports and state; returns its status and stderr.
    static func ray(_ verb: String, state: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [repository + "/scripts/ray.sh", verb]
        var environment = ProcessInfo.processInfo.environment
        environment["FNAS_RAY_STATE"] = state
        environment["FNAS_RAY_PORT"] = "6398"
        environment["FNAS_RAY_DASHBOARD_PORT"] = String(dashboardPort)
        environment["FNAS_RAY_CPUS"] = "1"
        p.environment = environment
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, text)
    }

    @Test func aChildTrainedAsARayJobIsTheChildTrainedHereAndAResumeAttaches() throws {
        let binary = try #require(FnasBinary.path, Comment(rawValue: FnasBinary.missing))
        let dir = temporaryDirectory("ray-job")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let state = dir + "/state"
        let (status, err) = try Self.ray("start", state: state)
        defer { _ = try? Self.ray("stop", state: state) }
        if status != 0, err.contains("could not install ray") || err.contains("venv failed") {
            print("RayJobTrainerTests: SKIPPED, RAY COULD NOT BE INSTALLED HERE: \(err)")
            return
        }
        #expect(status == 0, "scripts/ray.sh start failed: \(err)")
        guard status == 0 else { return }

        let settings = TrainingSettings(batchSize: 32, trainLimit: 96, threads: 1)
        let local = ChildTrainerAdapter(dataset: try SearchServices.loadDataset("embedded"), settings: settings)
        let address = try #require(URL(string: "http://127.0.0.1:\(Self.dashboardPort)"))
        let trainer = RayJobTrainer(address: address, command: [binary, "train-child", "--request"], dataset: "embedded",
                                    local: local, requestDirectory: dir + "/requests", submissionPrefix: "fnas-test-\(getpid())-")
        let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1), layers: [ConvLayer(kernel: 3, filters: 4, stride: 2)])
        var events = 0
        let remote = try trainer.train(arch, epochs: 2, seed: 31, progress: { _ in events += 1 }, shouldStop: { false })
        let here = try local.train(arch, epochs: 2, seed: 31, progress: { _ in }, shouldStop: { false })
        #expect(remote.bestValidationAccuracy.bitPattern == here.bestValidationAccuracy.bitPattern && !remote.cancelled)
        #expect(remote.curve.map(\.validationAccuracy) == here.curve.map(\.validationAccuracy))
        let log = try trainer.jobLog(trainer.submissionID(seed: 31))
        #expect(events == 8, "\(log)")   // 3 batches and an epoch, twice
        // Asked again for the same child (a resumed search): Ray refuses a second job with that
        // id, so the trainer attaches to the finished one and reads the same result.
        let attached = try trainer.train(arch, epochs: 2, seed: 31, progress: { _ in }, shouldStop: { false })
        #expect(attached == remote)
        let unreachable = RayJobTrainer(address: try #require(URL(string: "http://127.0.0.1:9")), command: [binary, "train-child", "--request"],
                                        dataset: "embedded", local: local, requestDirectory: dir + "/requests", submissionPrefix: "x-")
        #expect {
            try unreachable.train(arch, epochs: 1, seed: 1, progress: { _ in }, shouldStop: { false })
        } throws: { "\($0)".hasPrefix("Ray at http://127.0.0.1:9 is unreachable") }
    }
}
