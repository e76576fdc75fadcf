import FNASCore

/// FNAS-Design as the authors' code does it (`--dse paper`).
///
/// The DSP budget is split across layers in proportion to their MACs (floor, at least one
/// slice; divided by five at 32-bit float, at least one lane), the output tile is fixed at
/// Tr = Tc = 20 (clamped to the map, which changes nothing on the 28 x 28 maps their code saw),
/// and each layer takes the (Tm, Tn) in 1...M x 1...N with Tm * Tn within its share that
/// minimises Lat. Ties go to the first found scanning Tm, then Tn, upwards: the smallest Tm,
/// then the smallest Tn. BRAM is not part of the authors' search; the model checks the total
/// afterwards and reports the design infeasible when it does not fit.
enum PaperDesign {
    /// The authors' fixed output tile.
    static let tile = 20

    /// MAC lanes (Tm * Tn limit) per layer from a DSP budget split in proportion to MACs.
    ///
    /// The share is computed in floating point and floored, as the authors' Python does (and
    /// because DSP x MACs can exceed 64-bit integers for large layers).
    static func lanes(macs: [Double], dsp: Int, dspPerMAC: Int) -> [Int] {
        let total = max(macs.reduce(0, +), 1)
        return macs.map { mac in
            let share = max(1, Int((Double(dsp) * mac / total).rounded(.down)))
            return max(1, share / dspPerMAC)
        }
    }

    /// The authors' exhaustive per-layer search under `lanes` MAC lanes.
    static func tiling(for s: LayerShape, lanes: Int, params p: CostParameters) -> Tiling {
        let Tr = min(tile, s.R), Tc = min(tile, s.C)
        var best = Tiling(Tm: 1, Tn: 1, Tr: Tr, Tc: Tc)
        var bestCycles = Int.max
        for Tm in 1...s.M {
            if Tm > lanes { break }
            for Tn in 1...s.N {
                if Tm * Tn > lanes { break }
                let c = p.cycles(M: s.M, N: s.N, R: s.R, C: s.C, K: s.K, S: s.S, Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc)
                if c < bestCycles { bestCycles = c; best = Tiling(Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc) }
            }
        }
        return best
    }
}
