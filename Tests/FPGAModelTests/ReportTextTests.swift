import FNASCore
import Testing
@testable import FPGAModel

/// The text the CLI and the explorer share, on the worked example.
@Suite struct ReportTextTests {
    func workedExample() throws -> LatencyReport {
        try LatencyModel(board: BoardCatalog().board(named: "pynq-z1"), options: .init(template: .sequential, dse: .paper))
            .estimate(PaperDesignTests.lenet)
    }

    @Test func tableHasOneAlignedRowPerLayer() throws {
        #expect(try workedExample().table() == """
            layer   M  N   R   C  K  S  Tm  Tn  Tr  Tc  DSP  BRAM18K  cycles     ms  bottleneck
                1   6  1  28  28  5  1   6   1  20  20    6       26   40000  0.400  computing
                2  16  6  28  28  5  1  16   6  20  20   96      236   40000  0.400  computing
            """)
    }

    @Test func summaryGivesLatencyResourcesAndFit() throws {
        #expect(try workedExample().summary() == """
            latency: 80000 cycles = 0.8ms on pynq-z1 @ 100 MHz, sequential template, paper DSE
            DSP 102/220 (46.4%), BRAM18K 262/280 (93.6%)
            fits: yes
            """)
    }

    @Test func sequentialGanttShowsLayersBackToBack() throws {
        #expect(try workedExample().gantt(width: 10) == """
            L1 |█████     |
            L2 |     █████|
               0 80000 cycles
            """)
    }

    @Test func infeasibleSummaryGivesTheReason() throws {
        let r = try LatencyModel(board: Board(name: "tiny", part: "x", dsp: 1, bram18k: 100)).estimate(PaperDesignTests.lenet)
        #expect(r.summary().hasSuffix("fits: no: needs at least 2 DSP slices (one MAC lane for each of 2 layers) but the board has 1"))
        #expect(r.gantt() == "(no schedule: needs at least 2 DSP slices (one MAC lane for each of 2 layers) but the board has 1)")
    }
}
