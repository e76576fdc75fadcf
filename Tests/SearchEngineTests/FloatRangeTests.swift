import FNASCore
import FNASTestSupport
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
}
