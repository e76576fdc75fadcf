import FNASCore

/// One engine choice for a layer in the pipelined design search: a tiling with its resources,
/// the cycles of one (r, c) block of output tiles, and the whole layer's cycles.
///
/// A pipelined schedule depends on a layer's engine only through its tile shape (Tr, Tc) and
/// its block duration `ceil(M/Tm) * Lat2`, and it never gets later when a block gets shorter.
/// So for one tile shape only the (Tm, Tn) choices that no cheaper choice beats on block time
/// are candidates; across tile shapes nothing dominates (a smaller tile can start earlier).
struct PipelineCandidate: Sendable, Hashable {
    var tiling: Tiling
    var dsp: Int
    var bram: Int
    /// Cycles of one (r, c) block: the ceil(M/Tm) output-channel tiles run back to back.
    var block: Int
    /// The layer's cycles: `ceil(R/Tr) * ceil(C/Tc) * block`.
    var cycles: Int

    var point: DesignPoint { DesignPoint(tiling: tiling, dsp: dsp, bram: bram, cycles: cycles) }
}

/// Everything the design searches need about one layer shape: its candidates for the pipelined
/// search and its Pareto frontier in (cycles, DSP, BRAM) for the sum and the slowest layer.
struct LayerCandidates: Sendable {
    /// Per tile shape, the (Tm, Tn) choices not beaten by a componentwise smaller (Tm, Tn) on
    /// block time (a superset of the true Pareto set, which is enough for an exact search).
    var pipeline: [PipelineCandidate]
    /// The 3-D Pareto frontier, slowest first (see ``FullDesign/frontier(for:params:)``).
    var frontier: [DesignPoint]
}

extension FullDesign {
    /// The layer's candidates over the design space: Tm, Tn, Tr and Tc each at the values that
    /// change ceil(extent / factor) (``tileSizes(_:)``).
    ///
    /// Every tiling of the space is costed once, from per-tile-shape and per-(Tm, Tn) terms
    /// computed outside the inner loop. A (Tm, Tn) whose block time a choice with no larger Tm
    /// and Tn already matches (on the same tile shape) is dropped at once: it has no fewer DSPs,
    /// no fewer BRAMs and no shorter blocks, so it is dominated for every objective.
    static func candidates(for s: LayerShape, params p: CostParameters) -> LayerCandidates {
        let tms = tileSizes(s.M), tns = tileSizes(s.N), trs = tileSizes(s.R), tcs = tileSizes(s.C)
        let bitsPerBlock = CostParameters.bitsPerBRAM18K
        let kk = s.K * s.K
        let weightBanks = ceilDiv(kk * p.bits, bitsPerBlock)
        // Per (Tm, Tn): weight transfer, DSPs and weight BRAM; per Tn: input channel tiles.
        let nTm = tms.count, nTn = tns.count
        var tW = [Int](repeating: 0, count: nTm * nTn)
        for (i, Tm) in tms.enumerated() {
            for (j, Tn) in tns.enumerated() { tW[i * nTn + j] = ceilDiv(Tm * Tn * kk, p.ports.weights) }
        }
        let nf = tns.map { ceilDiv(s.N, $0) }
        let mf = tms.map { ceilDiv(s.M, $0) }
        var pipeline: [PipelineCandidate] = []
        // Rolling prefix minimum of block time over (Tm' <= Tm, Tn' <= Tn).
        var above = [Int](repeating: .max, count: nTn)
        for Tr in trs {
            let trIn = p.inputTileRows(Tr, K: s.K, S: s.S)
            let rowTiles = ceilDiv(s.R, Tr)
            for Tc in tcs {
                let tcIn = p.inputTileRows(Tc, K: s.K, S: s.S)
                let tiles = rowTiles * ceilDiv(s.C, Tc)
                let inArea = trIn * tcIn, area = Tr * Tc
                let tC = kk * area
                let inBanks = ceilDiv(inArea * p.bits, bitsPerBlock)
                let outBanks = ceilDiv(area * p.bits, bitsPerBlock)
                for j in 0..<nTn { above[j] = .max }
                for (i, Tm) in tms.enumerated() {
                    let tO = ceilDiv(Tm * area, p.ports.output)
                    var left = Int.max
                    for (j, Tn) in tns.enumerated() {
                        let tI = ceilDiv(Tn * inArea, p.ports.input)
                        let lat2 = max(nf[j] * max(tI, tW[i * nTn + j], tC), tO)
                        let block = mf[i] * lat2
                        let best = min(above[j], left)
                        if block < best {
                            pipeline.append(PipelineCandidate(
                                tiling: Tiling(Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc), dsp: Tm * Tn * p.dspPerMAC,
                                bram: 2 * Tn * inBanks + 2 * Tm * outBanks + 2 * Tm * Tn * weightBanks,
                                block: block, cycles: tiles * block))
                        }
                        left = min(best, block)
                        above[j] = left
                    }
                }
            }
        }
        return LayerCandidates(pipeline: pipeline, frontier: paretoFrontier(pipeline))
    }

    /// The 3-D Pareto frontier of the candidates in (cycles, DSP, BRAM), slowest first (among
    /// equal cycles the cheaper-DSP point first). Every tiling left out of the candidates is
    /// dominated by one kept, so this is the frontier of the whole space.
    static func paretoFrontier(_ candidates: [PipelineCandidate]) -> [DesignPoint] {
        var all = candidates.map(\.point)
        all.sort { a, b in
            if a.cycles != b.cycles { return a.cycles < b.cycles }
            if a.dsp != b.dsp { return a.dsp < b.dsp }
            if a.bram != b.bram { return a.bram < b.bram }
            return (a.tiling.Tm, a.tiling.Tn, a.tiling.Tr, a.tiling.Tc) < (b.tiling.Tm, b.tiling.Tn, b.tiling.Tr, b.tiling.Tc)
        }
        var cheapest = PrefixMinimum(size: (all.map(\.dsp).max() ?? 0) + 1)
        var kept: [DesignPoint] = []
        for point in all where cheapest.minimum(upTo: point.dsp) > point.bram {
            kept.append(point)
            cheapest.lower(at: point.dsp, to: point.bram)
        }
        // Slowest first; among equal cycles keep the cheaper-DSP point first.
        var ordered: [DesignPoint] = []
        ordered.reserveCapacity(kept.count)
        var i = kept.count
        while i > 0 {
            var j = i - 1
            while j > 0 && kept[j - 1].cycles == kept[i - 1].cycles { j -= 1 }
            ordered.append(contentsOf: kept[j..<i])
            i = j
        }
        return ordered
    }
}
