import FNASCore
import Foundation
import Testing
@testable import SearchEngine

/// A value is checked in the type it is used in: the child learning rate is a Double in the
/// configuration but a Float in the trainer. `--lr 1e39` and `--lr 5e-324` passed the Double
/// check, became inf and 0, and failed the run after its directory was created, naming `lr`.
@Suite("Values checked as the type they are used in")
struct FloatRangeTests {
    @Test(arguments: [(1e39, "must be at most 3.4028235e+38, the largest 32-bit float children train with (got 1e+39)"),
                      (Double.leastNonzeroMagnitude, "must be at least 1e-45, the smallest 32-bit float children train with (got 5e-324)")])
    func aChildLearningRateBeyondFloatIsRefusedNamingTheField(_ lr: Double, _ message: String) {
        #expect(throws: InputError(source: "training", field: "training.learningRate", message)) {
            try TrainingSettings(learningRate: lr).validate()
        }
    }

    @Test func theFloatExtremesThemselvesAreAccepted() throws {
        try TrainingSettings(learningRate: Double(Float.greatestFiniteMagnitude)).validate()
        try TrainingSettings(learningRate: Double(Float.leastNonzeroMagnitude)).validate()
    }

    /// The executable names its flag, and creates nothing.
    @Test(arguments: ["1e39", "5e-324"])
    func fnasSearchRefusesTheFlagBeforeCreatingTheRunDirectory(_ lr: String) throws {
        let binary = try #require(FnasBinary.path, Comment(rawValue: FnasBinary.missing))
        let dir = temporaryDirectory("lr-flag")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outcome = try FnasBinary.run(binary, ["search", "--headless", "--episodes", "1", "--out", "out", "--lr", lr], in: dir)
        #expect(outcome.status == 1)
        #expect(outcome.standardError.hasPrefix("fnas search: error: --lr: must be at "), "stderr: \(outcome.standardError)")
        #expect(!FileManager.default.fileExists(atPath: RunFiles.path(dir, "out")), "a refused flag left a run directory")
    }
}
