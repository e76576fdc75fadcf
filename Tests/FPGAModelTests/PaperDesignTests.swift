import FNASCore
import Testing
@testable import FPGAModel

/// `--dse paper` reproduces the authors' routine.
@Suite struct PaperDesignTests {
    static let lenet = Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                    layers: [ConvLayer(kernel: 5, filters: 6), ConvLayer(kernel: 5, filters: 16)])

    @Test func workedExampleSplitsDSPsTwelveAndTwoHundredSeven() throws {
        let macs = try Self.lenet.validated().map(\.macs)
        #expect(macs == [117_600, 1_881_600])
        #expect(PaperDesign.lanes(macs: macs.map(Double.init), dsp: 220, dspPerMAC: 1) == [12, 207])
        #expect(PaperDesign.lanes(macs: macs.map(Double.init), dsp: 220, dspPerMAC: 5) == [2, 41])
    }

    @Test func workedExampleMatchesTheAuthorsNumbers() throws {
        let board = try BoardCatalog().board(named: "pynq-z1")
        let r = try LatencyModel(board: board, options: .init(template: .sequential, dse: .paper)).estimate(Self.lenet)
        #expect(r.feasible)
        #expect(r.layers.map(\.tiling) == [Tiling(Tm: 6, Tn: 1, Tr: 20, Tc: 20), Tiling(Tm: 16, Tn: 6, Tr: 20, Tc: 20)])
        #expect(r.layers.map(\.cost.cycles) == [40_000, 40_000])
        #expect(r.latencyCycles == 80_000)
        #expect(r.latencyMs == 0.8)
        #expect(r.dspUsed == 6 + 96 && r.bramUsed == 26 + 236)
    }

    @Test func fewerDSPsThanLayersAfterTheAtLeastOneRuleIsInfeasible() throws {
        let board = Board(name: "tiny", part: "x", dsp: 1, bram18k: 1000)
        let r = try LatencyModel(board: board, options: .init(dse: .paper)).estimate(Self.lenet)
        #expect(!r.feasible)
        #expect(r.infeasibleReason?.contains("DSP") == true)
    }

    @Test func bramBeyondTheBoardIsReportedInfeasible() throws {
        // Four 5x5 layers of 36 filters: the authors' designs need about 2 BRAM18K per MAC lane.
        let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1),
                                layers: Array(repeating: ConvLayer(kernel: 5, filters: 36), count: 4))
        let r = try LatencyModel(board: try BoardCatalog().board(named: "pynq-z1"), options: .init(dse: .paper)).estimate(arch)
        #expect(!r.feasible)
        #expect(r.bramUsed > 280)
        #expect(r.infeasibleReason?.contains("BRAM18K") == true)
    }

    /// The authors' routine written out plainly: shares by MACs, Tr = Tc = 20, every Tm x Tn.
    static func reference(_ shapes: [LayerShape], dsp: Int, bits: Int) -> [(Tiling, Int)] {
        let perMAC = bits == 32 ? 5 : 1
        let total = shapes.reduce(0) { $0 + $1.macs }
        return shapes.map { s in
            let share = max(1, Int((Double(dsp) * Double(s.macs) / Double(total)).rounded(.down)))
            let lanes = max(1, share / perMAC)
            let Tr = min(20, s.R), Tc = min(20, s.C)
            var best: (Tiling, Int)?
            for Tm in 1...s.M {
                for Tn in 1...s.N where Tm * Tn <= lanes {
                    let tI = (Tn * Tr * Tc + 1) / 2, tW = (Tm * Tn * s.K * s.K + 1) / 2
                    let tC = s.K * s.K * Tr * Tc, tO = (Tm * Tr * Tc + 1) / 2
                    let lat2 = max((s.N + Tn - 1) / Tn * max(tI, tW, tC), tO)
                    let lat = (s.R + Tr - 1) / Tr * ((s.C + Tc - 1) / Tc) * ((s.M + Tm - 1) / Tm) * lat2
                    if best == nil || lat < best?.1 ?? 0 { best = (Tiling(Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc), lat) }
                }
            }
            return best ?? (Tiling(Tm: 1, Tn: 1, Tr: Tr, Tc: Tc), 0)
        }
    }

    @Test func paperModeEqualsTheReferenceOnRandomArchitectures() throws {
        var g = SeededGenerator(seed: 7)
        for _ in 0..<200 {
            let arch = RandomArchitectures.mnist(&g)
            let dsp = Int.random(in: 8...900, using: &g)
            let bits = Bool.random(using: &g) ? 16 : 32
            let board = Board(name: "b", part: "x", dsp: max(dsp, 5), bram18k: 100_000, bits: bits)
            let r = try LatencyModel(board: board, options: .init(template: .sequential, dse: .paper)).estimate(arch)
            let expected = Self.reference(try arch.validated(), dsp: board.dsp, bits: bits)
            #expect(r.layers.map(\.tiling) == expected.map(\.0), "\(arch) on \(board.dsp) DSP, \(bits)-bit")
            #expect(r.layers.map(\.cost.cycles) == expected.map(\.1))
        }
    }
}
