import FNASCore

/// The pipelined template's design search: branch and bound over the layers' engine choices,
/// minimising the makespan of the tile schedule under the DSP and BRAM budgets.
///
/// The search picks one ``PipelineCandidate`` per layer, first layer first, and schedules each
/// layer as it is chosen (``TileSchedule/scheduleLayer``), so a node knows the exact block
/// finishes of every layer chosen so far. A candidate for the next layer is bounded from below
/// without scheduling it, by the time its first block can start (the producer's finish of the
/// band it reads first) plus
/// - its own cycles, plus the last blocks of the later layers that read the producer's last band;
/// - its first block, plus what the later layers need at least (their first blocks in turn, then
///   the whole of one of them),
/// and by the finishes already scheduled. Candidates whose resources, with the cheapest choice
/// of every later layer, exceed a budget are never tried. Children are tried best bound first;
/// a bound no better than the incumbent (the best design found so far) closes the subtree.
///
/// The search stops after `workLimit` units of work (one unit per candidate bounded, one per
/// block scheduled), so small cases run to the end and large ones stop in about a millisecond
/// or two. A stopped search is no longer a proof: the
/// result carries the smallest bound among the subtrees left open, which bounds the optimum
/// from below, so the report can say how far from optimal the design can at most be.
struct PipelineSearch {
    let shapes: [LayerShape]
    /// Per layer, the candidates that fit the board with every other layer at its cheapest,
    /// grouped by tile shape (fastest block first in a group).
    let candidates: [[PipelineCandidate]]
    /// Per layer, where each tile shape's group starts in `candidates` (and, last, the count).
    private let groupStarts: [[Int]]
    let budgetDSP: Int, budgetBRAM: Int
    /// Per layer: the least DSP and BRAM of it and the layers after it.
    private let restDSP: [Int], restBRAM: [Int]
    private let minBlock: [Int]
    /// After layer i's last block: the last blocks of the chain of later layers that read it.
    let tail: [Int]
    /// After layer i's first block: the least time until some later engine has done all its work.
    private let after: [Int]

    static let defaultWorkLimit = 200_000

    struct Outcome {
        /// The candidate index chosen for each layer, or nil when none beat the incumbent.
        var choice: [Int]?
        var makespan: Int
        /// The smallest bound among the subtrees left open (Int.max when the search finished).
        var openBound: Int
        /// Units of work spent.
        var work: Int
    }

    /// Returns nil when some layer has no candidate that fits (the board is too small).
    init?(shapes: [LayerShape], layers: [LayerCandidates], dsp: Int, bram: Int) {
        let n = shapes.count
        let all = layers.map(\.pipeline)
        let leastDSP = all.map { $0.map(\.dsp).min() ?? Int.max }
        let leastBRAM = all.map { $0.map(\.bram).min() ?? Int.max }
        guard !leastDSP.contains(Int.max) else { return nil }
        let totalDSP = leastDSP.reduce(0, +), totalBRAM = leastBRAM.reduce(0, +)
        guard totalDSP <= dsp, totalBRAM <= bram else { return nil }
        var filtered: [[PipelineCandidate]] = [], starts: [[Int]] = []
        for l in 0..<n {
            let dspCap = dsp - (totalDSP - leastDSP[l]), bramCap = bram - (totalBRAM - leastBRAM[l])
            var kept: [PipelineCandidate] = [], groups: [Int] = []
            let g = layers[l].groupStarts
            for i in 0..<(g.count - 1) {
                let first = kept.count
                for x in all[l][g[i]..<g[i + 1]] where x.dsp <= dspCap && x.bram <= bramCap { kept.append(x) }
                if kept.count > first { groups.append(first) }
            }
            groups.append(kept.count)
            filtered.append(kept); starts.append(groups)
        }
        groupStarts = starts
        self.shapes = shapes
        candidates = filtered
        budgetDSP = dsp; budgetBRAM = bram
        var rd = [Int](repeating: 0, count: n + 1), rb = rd
        for l in stride(from: n - 1, through: 0, by: -1) { rd[l] = rd[l + 1] + leastDSP[l]; rb[l] = rb[l + 1] + leastBRAM[l] }
        restDSP = rd; restBRAM = rb
        minBlock = filtered.map { $0.map(\.block).min() ?? 0 }
        let minCycles = filtered.map { $0.map(\.cycles).min() ?? 0 }
        var t = [Int](repeating: 0, count: n), a = t
        for l in stride(from: n - 2, through: 0, by: -1) {
            t[l] = Self.readsLastInput(shapes[l + 1]) ? minBlock[l + 1] + t[l + 1] : 0
            a[l] = max(minCycles[l + 1], minBlock[l + 1] + a[l + 1])
        }
        tail = t; after = a
    }

    /// Whether the layer's last output row and column read the producer's last row and column,
    /// so its last block always waits for the producer's last block.
    static func readsLastInput(_ s: LayerShape) -> Bool {
        (s.R - 1) * s.S - s.padTop + s.K - 1 >= s.inputRows - 1
            && (s.C - 1) * s.S - s.padLeft + s.K - 1 >= s.inputCols - 1
    }

    /// The earliest any layer i can start: the first blocks of the layers before it.
    var startOffsets: [Int] {
        var out = [Int](repeating: 0, count: shapes.count)
        for l in 1..<max(1, shapes.count) { out[l] = out[l - 1] + minBlock[l - 1] }
        return out
    }

    /// Branch and bound from an incumbent makespan (a feasible design's, or Int.max).
    func run(incumbent: Int, workLimit: Int = defaultWorkLimit) -> Outcome {
        var search = Run(shapes: shapes, best: incumbent, workLimit: workLimit)
        var chosen = [Int](repeating: 0, count: shapes.count)
        var finishes = [[Int]](repeating: [], count: shapes.count)
        var columns: [Int] = []
        explore(layer: 0, dsp: 0, bram: 0, reached: 0, chosen: &chosen, finishes: &finishes,
                columns: &columns, search: &search)
        return Outcome(choice: search.choice, makespan: search.best, openBound: search.openBound, work: search.work)
    }

    private struct Run {
        let shapes: [LayerShape]
        var best: Int
        let workLimit: Int
        var choice: [Int]?
        var openBound = Int.max
        var work = 0
    }

    private func explore(layer l: Int, dsp: Int, bram: Int, reached: Int, chosen: inout [Int],
                         finishes: inout [[Int]], columns: inout [Int], search: inout Run) {
        let s = shapes[l]
        let producer = l > 0 ? candidates[l - 1][chosen[l - 1]].tiling : nil
        let producerCols = producer.map { ceilDiv(s.inputCols, $0.Tc) } ?? 0
        var children: [(bound: Int, index: Int)] = []
        let layer = candidates[l], groups = groupStarts[l]
        for g in 0..<(groups.count - 1) {
            let range = groups[g]..<groups[g + 1]
            var ready = 0
            if let producer {
                let t = layer[range.lowerBound].tiling   // one tile shape per group
                let r = TileSchedule.lastInputBand(0, tile: t.Tr, extent: s.R, stride: s.S, kernel: s.K,
                                                   pad: s.padTop, inputExtent: s.inputRows, inputTile: producer.Tr)
                let c = TileSchedule.lastInputBand(0, tile: t.Tc, extent: s.C, stride: s.S, kernel: s.K,
                                                   pad: s.padLeft, inputExtent: s.inputCols, inputTile: producer.Tc)
                ready = finishes[l - 1][r * producerCols + c]
            }
            for k in range {
                search.work += 1
                let x = layer[k]
                let bound = max(reached, ready + x.cycles + tail[l], ready + x.block + after[l])
                if bound >= search.best { break }   // the rest of the group is slower still
                if dsp + x.dsp + restDSP[l + 1] > budgetDSP || bram + x.bram + restBRAM[l + 1] > budgetBRAM { continue }
                children.append((bound, k))
            }
        }
        children.sort { $0.bound != $1.bound ? $0.bound < $1.bound : $0.index < $1.index }
        for child in children {
            if child.bound >= search.best { return }
            if search.work >= search.workLimit {
                search.openBound = min(search.openBound, child.bound)
                return
            }
            let x = candidates[l][child.index]
            search.work += ceilDiv(s.R, x.tiling.Tr) * ceilDiv(s.C, x.tiling.Tc)
            chosen[l] = child.index
            var out: [Int] = []
            swap(&out, &finishes[l])
            TileSchedule.scheduleLayer(s, x.tiling, lat2: x.block / ceilDiv(s.M, x.tiling.Tm), after: producer,
                                       finishing: l > 0 ? finishes[l - 1] : [], into: &out, columns: &columns)
            swap(&out, &finishes[l])
            let now = max(reached, finishes[l].last ?? 0)
            if l == shapes.count - 1 {
                if now < search.best { search.best = now; search.choice = chosen }
            } else {
                explore(layer: l + 1, dsp: dsp + x.dsp, bram: bram + x.bram, reached: now, chosen: &chosen,
                        finishes: &finishes, columns: &columns, search: &search)
            }
        }
    }
}
