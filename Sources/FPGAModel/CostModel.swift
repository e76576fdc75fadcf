import FNASCore

/// The board-level constants of the per-layer cost formulas: port widths, data width and
/// whether input tiles carry their convolution halo.
///
/// Symbols follow Zhang et al. (FPGA'15) as used by FNAS: a layer has M output channels, N input
/// channels, R x C output rows/columns, kernel K and stride S; a tiling computes Tm output
/// channels from Tn input channels on a Tr x Tc output tile per step.
public struct CostParameters: Sendable, Hashable, Codable {
    /// Memory-port widths in words per cycle (Wp, Ip, Op).
    public var ports: PortWidths
    /// 16 (fixed point, one DSP per MAC lane) or 32 (float, five DSPs per lane).
    public var bits: Int
    /// When true an input tile is `Tr' x Tc'` with `Tr' = S*Tr + K - S` rows (the rows a
    /// strided K x K window really reads); when false it is `Tr x Tc`, as in the authors' code.
    public var halo: Bool

    public init(ports: PortWidths, bits: Int, halo: Bool) {
        self.ports = ports; self.bits = bits; self.halo = halo
    }

    /// DSP slices per MAC lane.
    public var dspPerMAC: Int { bits == 32 ? 5 : 1 }

    /// Usable bits of one 18 Kb block RAM in the model (the 18,432-bit block minus parity use).
    public static let bitsPerBRAM18K = 18_000
}

/// Integer division rounded up, for tile counts and port transfers (a partial word or tile
/// still costs a whole cycle or step).
@inline(__always)
func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }

extension CostParameters {
    /// Input-tile rows for `Tr` output rows: `S*Tr + K - S` with the halo, `Tr` without.
    @inline(__always)
    public func inputTileRows(_ Tr: Int, K: Int, S: Int) -> Int { halo ? S * Tr + K - S : Tr }

    /// The cycle counts of one layer under a tiling (all transfers rounded up to whole cycles).
    ///
    ///     tI = ceil(Tn * Tr' * Tc' / Ip)     tW = ceil(Tm * Tn * K * K / Wp)
    ///     tC = K * K * Tr * Tc               tO = ceil(Tm * Tr * Tc / Op)
    ///     Lat1 = max(tI, tW, tC)             Lat2 = max(ceil(N/Tn) * Lat1, tO)
    ///     Lat = ceil(R/Tr) * ceil(C/Tc) * ceil(M/Tm) * Lat2
    ///
    /// The bottleneck is `storingOFM` when `tO` exceeds the input side; otherwise the largest
    /// of tC, tW, tI, with ties going to computing, then weights, then IFM (a tie means the
    /// compute array is already saturated).
    public func cost(_ s: LayerShape, _ t: Tiling) -> LayerCost {
        let trIn = inputTileRows(t.Tr, K: s.K, S: s.S)
        let tcIn = inputTileRows(t.Tc, K: s.K, S: s.S)
        let tI = ceilDiv(t.Tn * trIn * tcIn, ports.input)
        let tW = ceilDiv(t.Tm * t.Tn * s.K * s.K, ports.weights)
        let tC = s.K * s.K * t.Tr * t.Tc
        let tO = ceilDiv(t.Tm * t.Tr * t.Tc, ports.output)
        let lat1 = max(tI, tW, tC)
        let inputSide = ceilDiv(s.N, t.Tn) * lat1
        let lat2 = max(inputSide, tO)
        let cycles = ceilDiv(s.R, t.Tr) * ceilDiv(s.C, t.Tc) * ceilDiv(s.M, t.Tm) * lat2
        let bottleneck: Bottleneck
        if tO > inputSide { bottleneck = .storingOFM }
        else if tC >= tW && tC >= tI { bottleneck = .computing }
        else if tW >= tI { bottleneck = .loadingWeights }
        else { bottleneck = .loadingIFM }
        return LayerCost(tI: tI, tW: tW, tC: tC, tO: tO, lat1: lat1, lat2: lat2, cycles: cycles, bottleneck: bottleneck)
    }

    /// Whole-layer cycles only: the hot path of the design search (same formulas as ``cost(_:_:)``).
    @inline(__always)
    func cycles(M: Int, N: Int, R: Int, C: Int, K: Int, S: Int, Tm: Int, Tn: Int, Tr: Int, Tc: Int) -> Int {
        let trIn = halo ? S * Tr + K - S : Tr
        let tcIn = halo ? S * Tc + K - S : Tc
        let tI = ceilDiv(Tn * trIn * tcIn, ports.input)
        let tW = ceilDiv(Tm * Tn * K * K, ports.weights)
        let tC = K * K * Tr * Tc
        let tO = ceilDiv(Tm * Tr * Tc, ports.output)
        let lat2 = max(ceilDiv(N, Tn) * max(tI, tW, tC), tO)
        return ceilDiv(R, Tr) * ceilDiv(C, Tc) * ceilDiv(M, Tm) * lat2
    }

    /// DSP slices of a Tm x Tn MAC array: `Tm * Tn`, five times that at 32-bit float.
    @inline(__always)
    public func dsp(_ t: Tiling) -> Int { t.Tm * t.Tn * dspPerMAC }

    /// 18 Kb block RAMs of the double-buffered input, output and weight buffers:
    ///
    ///     bI = 2 * Tn * ceil(Tr' * Tc' * bits / 18000)
    ///     bO = 2 * Tm * ceil(Tr * Tc * bits / 18000)
    ///     bW = 2 * Tm * Tn * ceil(K * K * bits / 18000)
    ///
    /// Each of the Tn (Tm) lanes reads its own bank, hence the per-lane rounding.
    public func bram18k(_ s: LayerShape, _ t: Tiling) -> Int {
        bram18k(K: s.K, S: s.S, Tm: t.Tm, Tn: t.Tn, Tr: t.Tr, Tc: t.Tc)
    }

    @inline(__always)
    func bram18k(K: Int, S: Int, Tm: Int, Tn: Int, Tr: Int, Tc: Int) -> Int {
        let b = CostParameters.bitsPerBRAM18K
        let trIn = halo ? S * Tr + K - S : Tr
        let tcIn = halo ? S * Tc + K - S : Tc
        let bI = 2 * Tn * ceilDiv(trIn * tcIn * bits, b)
        let bO = 2 * Tm * ceilDiv(Tr * Tc * bits, b)
        let bW = 2 * Tm * Tn * ceilDiv(K * K * bits, b)
        return bI + bO + bW
    }

    /// The full design record of one layer under a tiling.
    public func design(index: Int, shape: LayerShape, tiling: Tiling) -> LayerDesign {
        LayerDesign(index: index, shape: shape, tiling: tiling, dsp: dsp(tiling),
                    bram18k: bram18k(shape, tiling), cost: cost(shape, tiling))
    }
}

extension Tiling {
    /// The tiling with every factor clamped to the layer's extent (Tm <= M, Tn <= N, Tr <= R, Tc <= C).
    public func clamped(to s: LayerShape) -> Tiling {
        Tiling(Tm: min(Tm, s.M), Tn: min(Tn, s.N), Tr: min(Tr, s.R), Tc: min(Tc, s.C))
    }
}
