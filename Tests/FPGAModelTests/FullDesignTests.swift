import FNASCore
import Testing
@testable import FPGAModel

/// The `full` design frontier loses nothing against brute force.
@Suite struct FullDesignTests {
    let params = CostParameters(ports: .standard, bits: 16, halo: true)
    let shape = LayerShape(M: 6, N: 5, R: 7, C: 5, K: 3, S: 2, inputRows: 14, inputCols: 10, padTop: 0, padLeft: 0)

    @Test func frontierIsSlowestFirstAndMutuallyNonDominated() {
        let f = FullDesign.frontier(for: shape, params: params)
        #expect(!f.isEmpty)
        #expect(zip(f, f.dropFirst()).allSatisfy { $0.cycles >= $1.cycles })
        for a in f {
            for b in f where b != a {
                let dominates = b.cycles <= a.cycles && b.dsp <= a.dsp && b.bram <= a.bram
                #expect(!dominates, "\(b) dominates \(a)")
            }
        }
    }

    @Test func frontierHoldsTheBruteForceOptimumForEveryBudget() {
        let f = FullDesign.frontier(for: shape, params: params)
        var all: [DesignPoint] = []
        for Tm in 1...shape.M { for Tn in 1...shape.N { for Tr in 1...shape.R { for Tc in 1...shape.C {
            let t = Tiling(Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc)
            all.append(DesignPoint(tiling: t, dsp: params.dsp(t), bram: params.bram18k(shape, t), cycles: params.cost(shape, t).cycles))
        } } } }
        for dsp in [1, 2, 3, 5, 8, 12, 30] {
            for bram in [6, 10, 20, 40, 1000] {
                let brute = all.filter { $0.dsp <= dsp && $0.bram <= bram }.map(\.cycles).min()
                let frontier = f.filter { $0.dsp <= dsp && $0.bram <= bram }.map(\.cycles).min()
                #expect(brute == frontier, "budget \(dsp) DSP, \(bram) BRAM18K")
            }
        }
    }

    @Test func walkUsesTheBudgetOnTheSlowestLayer() throws {
        // Layer 2 of the worked example has 16x the MACs of layer 1, so it gets most of the DSPs.
        let r = try LatencyModel(board: Board(name: "b", part: "x", dsp: 220, bram18k: 10_000))
            .estimate(PaperDesignTests.lenet)
        #expect(r.feasible)
        #expect(r.layers[1].dsp > r.layers[0].dsp)
        // With BRAM to spare both layers reach the compute bound R*C*K*K*ceil(M/Tm)*ceil(N/Tn) = 19,600.
        #expect(r.layers.map(\.cost.cycles) == [19_600, 19_600])
    }
}
