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
/// The design space of a layer is every tiling whose factors are "first of their tile count"
/// (Tm = ceil(M/k) for some k, likewise Tn, Tr, Tc). For Tm and Tn any other value has the
/// same tile counts with larger transfers and buffers, so it is dominated under every
/// template. For Tr and Tc the same holds for the sum of layer cycles; in a pipeline another
/// value would shift the band boundaries the next layer waits on, and the space leaves those
/// out (a documented restriction, see docs/latency-model.md).
///
/// Per layer the candidates (``candidates(for:params:)``) and the Pareto frontier in (cycles,
/// DSP, BRAM) depend only on the layer's shape and the board's cost parameters, so the model
/// memoises them. The search then finds the optimum of the template's objective under the DSP
/// and BRAM budgets: ``ResourceKnapsack`` for the sum of layer cycles, ``PipelineSearch`` for
/// the pipelined makespan. Both start from the frontier walk below, a fast heuristic whose
/// design is the incumbent the exact searches must beat.
///
/// The walk: start each layer at its smallest-BRAM point, and repeatedly move the slowest
/// layer (the makespan proxy of a layer pipeline) to its next faster frontier point. A point
/// that would exceed the board's BRAM is skipped; the walk stops when the slowest layer cannot
/// get faster within the DSP budget.
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

    /// The layer's Pareto frontier in (cycles, DSP, BRAM), ordered slowest first (cycles
    /// descending, then DSP and BRAM ascending).
    static func frontier(for s: LayerShape, params p: CostParameters) -> [DesignPoint] {
        candidates(for: s, params: p).frontier
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
