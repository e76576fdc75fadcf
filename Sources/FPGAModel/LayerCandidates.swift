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
    /// block time (a superset of the Pareto set in block time, DSP and BRAM, which is enough
    /// for an exact search), one tile shape after another, each fastest block first.
    var pipeline: [PipelineCandidate]
    /// Where each tile shape's candidates start in `pipeline` (and, last, its count).
    var groupStarts: [Int]
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
    ///
    /// Tilings that alone exceed `dsp` or `bram` are never costed: DSPs and BRAMs grow with Tm
    /// and Tn, so the inner loop stops at the first (Tm, Tn) over either budget.
    static func candidates(for s: LayerShape, params p: CostParameters, dsp dspCap: Int = .max,
                           bram bramCap: Int = .max) -> LayerCandidates {
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
        var groupStarts: [Int] = []
        var group: [PipelineCandidate] = []
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
                group.removeAll(keepingCapacity: true)
                for (i, Tm) in tms.enumerated() {
                    let tO = ceilDiv(Tm * area, p.ports.output)
                    var left = Int.max
                    for (j, Tn) in tns.enumerated() {
                        let dsp = Tm * Tn * p.dspPerMAC
                        let bram = 2 * Tn * inBanks + 2 * Tm * outBanks + 2 * Tm * Tn * weightBanks
                        if dsp > dspCap || bram > bramCap { break }
                        let tI = ceilDiv(Tn * inArea, p.ports.input)
                        let lat2 = max(nf[j] * max(tI, tW[i * nTn + j], tC), tO)
                        let block = mf[i] * lat2
                        let best = min(above[j], left)
                        if block < best {
                            group.append(PipelineCandidate(
                                tiling: Tiling(Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc), dsp: dsp, bram: bram,
                                block: block, cycles: tiles * block))
                        }
                        left = min(best, block)
                        above[j] = left
                    }
                }
                // Fastest block first (sorting positions keeps the sort off the candidates).
                groupStarts.append(pipeline.count)
                for key in sortedPositions(group.map(\.block)) { pipeline.append(group[key]) }
            }
        }
        groupStarts.append(pipeline.count)
        return LayerCandidates(pipeline: pipeline, groupStarts: groupStarts, frontier: paretoFrontier(pipeline))
    }

    /// The 3-D Pareto frontier of the candidates in (cycles, DSP, BRAM), slowest first (among
    /// equal cycles the cheaper-DSP point first). Every tiling left out of the candidates is
    /// dominated by one kept, so this is the frontier of the whole space.
    static func paretoFrontier(_ candidates: [PipelineCandidate]) -> [DesignPoint] {
        // Sort positions (by cycles, then position), not the candidates themselves.
        let keys = sortedPositions(candidates.map(\.cycles))
        var cheapest = PrefixMinimum(size: (candidates.map(\.dsp).max() ?? 0) + 1)
        var kept: [DesignPoint] = []
        for key in keys {
            let point = candidates[key].point
            guard cheapest.minimum(upTo: point.dsp) > point.bram else { continue }
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
