import FNASCore

/// The `shared` template: one engine with a single (Tm, Tn, Tr, Tc) runs every layer in turn,
/// as in Zhang et al. (FPGA'15).
///
/// A layer smaller than the engine uses the engine with its factors clamped to the layer
/// (idle lanes still cost DSPs). The engine's buffers are sized for the most demanding layer,
/// so its BRAM is the maximum over layers; its DSP is Tm * Tn (x5 at float). The search is
/// exhaustive over Tm and Tn from the union of the layers' non-dominated tile sizes (which
/// loses nothing, see ``FullDesign``), minimising the summed cycles within the DSP and BRAM
/// budget; `paper` fixes Tr = Tc = 20, `full` tries every Tr and Tc from the union of the
/// layers' tile sizes (square or not), so `full` returns the engine with the least summed
/// cycles of that space, proven. Ties go to the smaller engine (Tm, then Tn, then Tr, then Tc).
enum SharedDesign {
    struct Engine {
        var tiling: Tiling
        var dsp: Int
        var bram: Int
        var cycles: Int
    }

    /// DSP and BRAM of an engine tiling over all layers, and the summed cycles.
    static func evaluate(_ t: Tiling, shapes: [LayerShape], params p: CostParameters) -> Engine {
        var bram = 0, cycles = 0
        for s in shapes {
            let c = t.clamped(to: s)
            bram = max(bram, p.bram18k(K: s.K, S: s.S, Tm: t.Tm, Tn: t.Tn, Tr: t.Tr, Tc: t.Tc))
            cycles += p.cycles(M: s.M, N: s.N, R: s.R, C: s.C, K: s.K, S: s.S, Tm: c.Tm, Tn: c.Tn, Tr: c.Tr, Tc: c.Tc)
        }
        return Engine(tiling: t, dsp: t.Tm * t.Tn * p.dspPerMAC, bram: bram, cycles: cycles)
    }

    /// The best engine within the budgets, or nil when not even a 1 x 1 engine fits.
    static func search(shapes: [LayerShape], params p: CostParameters, dse: DesignSpaceExploration,
                       dsp budgetDSP: Int, bram budgetBRAM: Int) -> Engine? {
        func union(_ key: (LayerShape) -> Int) -> [Int] {
            Array(Set(shapes.flatMap { FullDesign.tileSizes(key($0)) })).sorted()
        }
        let tms = union(\.M), tns = union(\.N)
        let rows: [Int], cols: [Int]
        switch dse {
        case .paper:
            let tile = min(PaperDesign.tile, shapes.map { max($0.R, $0.C) }.max() ?? PaperDesign.tile)
            rows = [tile]; cols = [tile]
        case .full: rows = union(\.R); cols = union(\.C)
        }
        var best: Engine?
        for Tm in tms {
            if Tm * p.dspPerMAC > budgetDSP { break }
            for Tn in tns {
                if Tm * Tn * p.dspPerMAC > budgetDSP { break }
                for Tr in rows {
                    for Tc in cols {
                        let e = evaluate(Tiling(Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc), shapes: shapes, params: p)
                        if e.bram > budgetBRAM { break }   // BRAM only grows with Tc
                        if let b = best, b.cycles <= e.cycles { continue }
                        best = e
                    }
                }
            }
        }
        return best
    }
}
