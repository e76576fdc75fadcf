import FNASCore
import Testing
@testable import FPGAModel

/// `LatencyReport.meets(_:)` is the one "meets the spec" rule; the verdict text must agree
/// with it on the boundary. The worked example is 80000 cycles at 100 MHz = exactly 800us.
@Suite struct SpecRuleTests {
    func workedExample() throws -> LatencyReport {
        try LatencyModel(board: BoardCatalog().board(named: "pynq-z1"), options: .init(template: .sequential, dse: .paper))
            .estimate(PaperDesignTests.lenet)
    }

    @Test func aLatencyEqualToTheSpecMeetsIt() throws {
        let report = try workedExample()
        #expect(report.latencyMicroseconds == 800)
        let spec = try #require(LatencySpec(microseconds: 800))
        #expect(report.meets(spec))
        #expect(report.verdict(against: spec) == "meets the 0.8ms spec (0.8ms, 0.0% under)")
    }

    /// A spec one representable step under 800us is missed, by `meets(_:)` and by the text alike.
    @Test func aLatencyOneStepOverTheSpecViolatesItInTheTextToo() throws {
        let report = try workedExample()
        let spec = try #require(LatencySpec(microseconds: Double(800).nextDown))
        #expect(!report.meets(spec))
        #expect(report.verdict(against: spec).hasPrefix("violates the "))
    }

    @Test func anInfeasibleReportMeetsNoSpec() throws {
        let report = try LatencyModel(board: Board(name: "tiny", part: "x", dsp: 1, bram18k: 100)).estimate(PaperDesignTests.lenet)
        #expect(!report.feasible)
        let huge = try #require(LatencySpec(microseconds: 1e300))
        #expect(!report.meets(huge))
        #expect(report.verdict(against: huge).hasPrefix("violates the "))
    }
}
