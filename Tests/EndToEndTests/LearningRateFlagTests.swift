import FNASTestSupport
import Foundation
import Testing
@testable import SearchEngine

/// `fnas search --lr` values that are Doubles but not Floats (found by hand in issue 12).
@Suite struct LearningRateFlagTests {
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
