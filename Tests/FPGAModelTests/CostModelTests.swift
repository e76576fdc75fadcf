import FNASCore
import Testing
@testable import FPGAModel

/// The per-layer formulas on hand-computed cases (ports 2,2,2 unless stated).
@Suite struct CostModelTests {
    let halo = CostParameters(ports: .standard, bits: 16, halo: true)
    let noHalo = CostParameters(ports: .standard, bits: 16, halo: false)

    func shape(M: Int, N: Int, R: Int, K: Int, S: Int = 1) -> LayerShape {
        LayerShape(M: M, N: N, R: R, C: R, K: K, S: S, inputRows: R * S, inputCols: R * S, padTop: 0, padLeft: 0)
    }

    @Test func workedExampleSecondLayerCosts40000Cycles() {
        // Tm=16, Tn=6, Tr=Tc=20, K=5: tI = 6*400/2, tW = 16*6*25/2, tC = 25*400, tO = 16*400/2.
        let c = noHalo.cost(shape(M: 16, N: 6, R: 28, K: 5), Tiling(Tm: 16, Tn: 6, Tr: 20, Tc: 20))
        #expect(c == LayerCost(tI: 1200, tW: 1200, tC: 10_000, tO: 3200, lat1: 10_000, lat2: 10_000,
                               cycles: 40_000, bottleneck: .computing))
    }

    @Test func haloWithStrideTwoWidensTheInputTile() {
        // Tr' = S*Tr + K - S = 2*4 + 3 - 2 = 9: tI = ceil(2*9*9/2) = 81 with the halo, 2*4*4/2 = 16 without.
        let s = shape(M: 8, N: 4, R: 8, K: 3, S: 2)
        let t = Tiling(Tm: 4, Tn: 2, Tr: 4, Tc: 4)
        let c = halo.cost(s, t)
        #expect(halo.inputTileRows(4, K: 3, S: 2) == 9)
        #expect(c.tI == 81 && c.tW == 36 && c.tC == 144 && c.tO == 32)
        // Lat2 = max(ceil(4/2) * 144, 32) = 288; Lat = 2 * 2 * 2 * 288.
        #expect(c.lat1 == 144 && c.lat2 == 288 && c.cycles == 2304)
        #expect(noHalo.cost(s, t).tI == 16)
    }

    @Test func loadingIFMBoundWhenAStridedOneByOneTileReadsManyChannels() {
        // K=1, S=2, Tr=Tc=4 -> Tr' = 7; tI = ceil(8*49/2) = 196 > tC = 16.
        let c = halo.cost(shape(M: 1, N: 8, R: 8, K: 1, S: 2), Tiling(Tm: 1, Tn: 8, Tr: 4, Tc: 4))
        #expect(c.tI == 196 && c.tW == 4 && c.tC == 16 && c.tO == 8)
        #expect(c.bottleneck == .loadingIFM)
        #expect(c.cycles == 2 * 2 * 1 * 196)
    }

    @Test func loadingWeightsBoundForAWideArrayOnOnePixel() {
        // tW = ceil(16*16*9/2) = 1152 dominates tI = ceil(16*3*3/2) = 72 and tC = 9.
        let c = halo.cost(shape(M: 16, N: 16, R: 4, K: 3), Tiling(Tm: 16, Tn: 16, Tr: 1, Tc: 1))
        #expect(c.tW == 1152 && c.tI == 72 && c.tC == 9 && c.tO == 8)
        #expect(c.bottleneck == .loadingWeights)
        #expect(c.cycles == 16 * 1152)
    }

    @Test func storingOFMBoundWhenTheOutputPortIsNarrow() {
        // Op = 1: tO = 16*64 = 1024 exceeds ceil(N/Tn) * Lat1 = 64.
        let p = CostParameters(ports: PortWidths(weights: 2, input: 2, output: 1), bits: 16, halo: true)
        let c = p.cost(shape(M: 16, N: 1, R: 8, K: 1), Tiling(Tm: 16, Tn: 1, Tr: 8, Tc: 8))
        #expect(c.tO == 1024 && c.tC == 64 && c.lat2 == 1024)
        #expect(c.bottleneck == .storingOFM)
    }

    @Test func portTransfersRoundUpToWholeCycles() {
        // 1*1*3*3 = 9 weights over a 2-word port take 5 cycles, not 4.5.
        #expect(halo.cost(shape(M: 1, N: 1, R: 1, K: 3), Tiling(Tm: 1, Tn: 1, Tr: 1, Tc: 1)).tW == 5)
    }

    @Test func bramCountsDoubleBuffersPerLane() {
        // bI = 2*1*ceil(400*16/18000) = 2, bO = 2*6*1 = 12, bW = 2*6*1*ceil(25*16/18000) = 12.
        #expect(noHalo.bram18k(shape(M: 6, N: 1, R: 28, K: 5), Tiling(Tm: 6, Tn: 1, Tr: 20, Tc: 20)) == 26)
        // 32-bit, halo, K=3, Tr=Tc=30: Tr' = 32, 32*32*32 bits -> 2 blocks a lane; 30*30*32 -> 2; 9*32 -> 1.
        let float = CostParameters(ports: .standard, bits: 32, halo: true)
        let t = Tiling(Tm: 2, Tn: 3, Tr: 30, Tc: 30)
        #expect(float.bram18k(shape(M: 2, N: 3, R: 30, K: 3), t) == 2 * 3 * 2 + 2 * 2 * 2 + 2 * 2 * 3)
        #expect(float.dsp(t) == 30)
        #expect(halo.dsp(t) == 6)
    }

    @Test func clampingLimitsEveryFactorToTheLayer() {
        let s = shape(M: 6, N: 1, R: 28, K: 5)
        #expect(Tiling(Tm: 16, Tn: 6, Tr: 32, Tc: 4).clamped(to: s) == Tiling(Tm: 6, Tn: 1, Tr: 28, Tc: 4))
    }

    @Test func tileSizesAreTheFirstOfEachTileCount() {
        #expect(FullDesign.tileSizes(6) == [1, 2, 3, 6])
        #expect(FullDesign.tileSizes(28) == [1, 2, 3, 4, 5, 6, 7, 10, 14, 28])
    }
}
