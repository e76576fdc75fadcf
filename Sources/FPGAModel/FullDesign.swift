import FNASCore

/// One candidate engine for a layer: a tiling with its resources and cycles.
struct DesignPoint: Sendable, Hashable {
    var tiling: Tiling
    var dsp: Int
    var bram: Int
    var cycles: Int
}

/// FNAS-Design with the whole design space (`--dse full`).
///
/// Per layer, every tiling whose factors are "first of their tile count" (Tm = ceil(M/k) for
/// some k, likewise Tn, Tr, Tc; any other value has the same tile counts and larger transfers
/// and buffers, so it is dominated) is costed, and the Pareto-optimal ones in (cycles, DSP,
/// BRAM) form the layer's frontier. The frontier depends only on the layer's shape and the
/// board's cost parameters, so the model memoises it.
///
/// The DSP split is then a walk along the frontiers: start each layer at its smallest-BRAM
/// point, and repeatedly move the slowest layer (the makespan proxy of a layer pipeline) to
/// its next faster frontier point. A point that would exceed the board's BRAM is skipped; the
/// walk stops when the slowest layer cannot get faster within the DSP budget. The walk never
/// looks at the DSP budget except to stop, so a board with more DSPs follows the same path
/// further. The design returned is the best state along the path (the last one when the
/// objective is the sum or the slowest layer, which only improve; for the pipelined makespan,
/// which a change of tile shape can worsen, the state with the smallest makespan), so more DSPs
/// never make the design slower.
enum FullDesign {
    /// Distinct values of ceil(n / k) for k = 1...n, ascending: the non-dominated tile sizes.
    static func tileSizes(_ n: Int) -> [Int] {
        var out: [Int] = []
        var k = n
        var last = 0
        while k >= 1 {
            let v = ceilDiv(n, k)
            if v != last { out.append(v); last = v }
            k -= 1
        }
        return out
    }

    /// The layer's Pareto frontier, ordered slowest first (cycles descending, then DSP and BRAM
    /// ascending).
    static func frontier(for s: LayerShape, params p: CostParameters) -> [DesignPoint] {
        let tms = tileSizes(s.M), tns = tileSizes(s.N), trs = tileSizes(s.R), tcs = tileSizes(s.C)
        var perArray: [(bram: Int, cycles: Int, Tr: Int, Tc: Int)] = []
        perArray.reserveCapacity(trs.count * tcs.count)
        var all: [DesignPoint] = []
        for Tm in tms {
            for Tn in tns {
                // For one MAC array (fixed DSP), keep only the (BRAM, cycles) trade-offs.
                perArray.removeAll(keepingCapacity: true)
                for Tr in trs {
                    for Tc in tcs {
                        let c = p.cycles(M: s.M, N: s.N, R: s.R, C: s.C, K: s.K, S: s.S, Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc)
                        let b = p.bram18k(K: s.K, S: s.S, Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc)
                        perArray.append((b, c, Tr, Tc))
                    }
                }
                perArray.sort { $0.bram != $1.bram ? $0.bram < $1.bram : ($0.cycles != $1.cycles ? $0.cycles < $1.cycles : ($0.Tr, $0.Tc) < ($1.Tr, $1.Tc)) }
                var bestCycles = Int.max
                let dsp = Tm * Tn * p.dspPerMAC
                for e in perArray where e.cycles < bestCycles {
                    bestCycles = e.cycles
                    all.append(DesignPoint(tiling: Tiling(Tm: Tm, Tn: Tn, Tr: e.Tr, Tc: e.Tc), dsp: dsp, bram: e.bram, cycles: e.cycles))
                }
            }
        }
        // 3-D Pareto filter: fastest first; a point survives when no kept (no slower) point
        // uses no more DSP and no more BRAM.
        all.sort { a, b in
            if a.cycles != b.cycles { return a.cycles < b.cycles }
            if a.dsp != b.dsp { return a.dsp < b.dsp }
            if a.bram != b.bram { return a.bram < b.bram }
            return (a.tiling.Tm, a.tiling.Tn, a.tiling.Tr, a.tiling.Tc) < (b.tiling.Tm, b.tiling.Tn, b.tiling.Tr, b.tiling.Tc)
        }
        var kept: [DesignPoint] = []
        for point in all {
            var dominated = false
            for k in kept where k.dsp <= point.dsp && k.bram <= point.bram {
                dominated = true
                break
            }
            if !dominated { kept.append(point) }
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

    /// The index of the smallest-BRAM point (ties: fewer DSPs, then faster).
    static func cheapestIndex(_ f: [DesignPoint]) -> Int {
        var best = 0
        for (i, p) in f.enumerated() {
            let b = f[best]
            if p.bram < b.bram || (p.bram == b.bram && (p.dsp < b.dsp || (p.dsp == b.dsp && p.cycles < b.cycles))) {
                best = i
            }
        }
        return best
    }

    /// One move of the walk: `layer` moves to frontier point `index`.
    struct Step: Hashable {
        var layer: Int
        var index: Int
    }

    /// Outcome of the frontier walk: the starting point of every layer and the moves made, or
    /// why nothing fits.
    enum Walk {
        case design(start: [Int], steps: [Step])
        /// Why nothing fits, with the cheapest point of every layer (what it would at least need).
        case infeasible(cheapest: [Int], String)

        /// Frontier indices after the first `count` steps.
        static func indices(start: [Int], steps: some Sequence<Step>) -> [Int] {
            var index = start
            for step in steps { index[step.layer] = step.index }
            return index
        }
    }

    /// Walks the frontiers as described on ``FullDesign`` under a DSP and BRAM budget.
    ///
    /// Every state along the way fits the board; the moves never depend on the DSP budget
    /// except for where they stop, so a larger budget extends the same sequence of moves.
    static func walk(_ frontiers: [[DesignPoint]], dsp budgetDSP: Int, bram budgetBRAM: Int) -> Walk {
        var index = frontiers.map(cheapestIndex)
        var dsp = 0, bram = 0
        for (l, f) in frontiers.enumerated() { dsp += f[index[l]].dsp; bram += f[index[l]].bram }
        if dsp > budgetDSP {
            return .infeasible(cheapest: index, "needs at least \(dsp) DSP slices (one MAC lane for each of \(frontiers.count) layers) but the board has \(budgetDSP)")
        }
        if bram > budgetBRAM {
            return .infeasible(cheapest: index, "needs at least \(bram) BRAM18K (every layer at Tm=Tn=1 with its smallest buffers) but the board has \(budgetBRAM)")
        }
        let start = index
        var steps: [Step] = []
        while true {
            var slow = 0
            for l in 1..<frontiers.count where frontiers[l][index[l]].cycles > frontiers[slow][index[slow]].cycles { slow = l }
            let f = frontiers[slow]
            let current = f[index[slow]]
            var next = index[slow] + 1
            var moved = false
            while next < f.count {
                let p = f[next]
                if p.cycles >= current.cycles { next += 1; continue }
                let newBRAM = bram - current.bram + p.bram
                if newBRAM > budgetBRAM { next += 1; continue }
                let newDSP = dsp - current.dsp + p.dsp
                if newDSP > budgetDSP { break }
                index[slow] = next; dsp = newDSP; bram = newBRAM; moved = true
                steps.append(Step(layer: slow, index: next))
                break
            }
            if !moved { return .design(start: start, steps: steps) }
        }
    }
}
