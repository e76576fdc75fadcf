/// The exact combination of one design point per layer under a DSP and a BRAM budget: a
/// multi-choice knapsack over two resources, solved by dynamic programming over Pareto sets.
///
/// After each layer the partial designs are kept as the Pareto set of (DSP, BRAM, objective):
/// a partial design that another beats on all three can never complete better. A partial
/// design is dropped as soon as the cheapest completion exceeds a budget, or the best possible
/// completion cannot beat the incumbent (a known feasible design). The objective is the sum
/// of layer cycles (the sequential template) or the largest `cycles + offset` over the layers
/// (the lower bound of the pipelined makespan, see ``PipelineSearch``).
///
/// The Pareto sets stay small in practice; when one grows past `stateLimit` the slowest partial
/// designs are dropped and the result is no longer proven: `lowerBound` then still bounds the
/// optimum from below (no dropped design could complete under it).
enum ResourceKnapsack {
    enum Objective {
        case sum
        /// The largest `cycles + offsets[layer]` over the layers.
        case maximum(offsets: [Int])
    }

    struct Outcome {
        /// The frontier index chosen for each layer, and its objective; nil when nothing beats
        /// the incumbent (then the incumbent is optimal when `exact`).
        var choice: [Int]?
        var value: Int
        /// A proven lower bound of the optimum (equal to it when `exact`).
        var lowerBound: Int
        var exact: Bool
    }

    /// Partial designs after some layers, in parallel arrays (parent state and chosen point).
    private struct States {
        var dsp: [Int] = [], bram: [Int] = [], value: [Int] = [], parent: [Int] = [], item: [Int] = []
        var count: Int { value.count }
        mutating func append(_ d: Int, _ b: Int, _ v: Int, _ p: Int, _ i: Int) {
            dsp.append(d); bram.append(b); value.append(v); parent.append(p); item.append(i)
        }
    }

    static let defaultStateLimit = 5_000

    static func solve(_ layers: [[DesignPoint]], objective: Objective, dsp budgetDSP: Int, bram budgetBRAM: Int,
                      incumbent: Int, stateLimit: Int = defaultStateLimit) -> Outcome {
        let n = layers.count
        func value(_ layer: Int, _ p: DesignPoint) -> Int {
            switch objective {
            case .sum: p.cycles
            case .maximum(let offsets): p.cycles + offsets[layer]
            }
        }
        func combine(_ a: Int, _ b: Int) -> Int {
            switch objective {
            case .sum: a + b
            case .maximum: max(a, b)
            }
        }
        // What the remaining layers need at least: resources and objective.
        var restDSP = [Int](repeating: 0, count: n + 1), restBRAM = restDSP
        var restValue = [Int](repeating: 0, count: n + 1)
        var order: [[Int]] = []
        for (l, f) in layers.enumerated() {
            order.append(sortedPositions(f.indices.map { value(l, f[$0]) }))
        }
        for l in stride(from: n - 1, through: 0, by: -1) {
            let f = layers[l]
            restDSP[l] = restDSP[l + 1] + (f.map(\.dsp).min() ?? 0)
            restBRAM[l] = restBRAM[l + 1] + (f.map(\.bram).min() ?? 0)
            restValue[l] = combine(restValue[l + 1], order[l].first.map { value(l, f[$0]) } ?? 0)
        }
        var levels: [States] = []
        var current = States()
        current.append(0, 0, 0, -1, -1)
        var dropped = Int.max
        var exact = true
        var cheapest = PrefixMinimum(size: budgetDSP + 1)
        for l in 0..<n {
            let f = layers[l]
            var next = States()
            for s in 0..<current.count {
                let d0 = current.dsp[s], b0 = current.bram[s], v0 = current.value[s]
                for k in order[l] {
                    let p = f[k]
                    let v = combine(v0, value(l, p))
                    if combine(v, restValue[l + 1]) >= incumbent { break }   // later points are no better
                    let d = d0 + p.dsp, b = b0 + p.bram
                    if d + restDSP[l + 1] > budgetDSP || b + restBRAM[l + 1] > budgetBRAM { continue }
                    next.append(d, b, v, s, k)
                }
            }
            // Keep the Pareto set in (value, DSP, BRAM), best value first.
            // (Equal values in the order they were made: a dominated one may then be kept too.)
            let sorted = sortedPositions(next.value)
            cheapest.reset()
            var kept = States()
            for s in sorted where cheapest.minimum(upTo: next.dsp[s]) > next.bram[s] {
                if kept.count == stateLimit {
                    exact = false
                    dropped = min(dropped, combine(next.value[s], restValue[l + 1]))
                    break
                }
                kept.append(next.dsp[s], next.bram[s], next.value[s], next.parent[s], next.item[s])
                cheapest.lower(at: next.dsp[s], to: next.bram[s])
            }
            levels.append(kept)
            current = kept
            if current.count == 0 { break }
        }
        guard current.count > 0, levels.count == n else {
            return Outcome(choice: nil, value: incumbent, lowerBound: min(incumbent, dropped), exact: exact)
        }
        var best = 0
        for s in 1..<current.count where current.value[s] < current.value[best] { best = s }
        var choice = [Int](repeating: 0, count: n)
        var s = best
        for l in stride(from: n - 1, through: 0, by: -1) {
            choice[l] = levels[l].item[s]
            s = levels[l].parent[s]
        }
        let v = current.value[best]
        return Outcome(choice: choice, value: v, lowerBound: min(v, dropped), exact: exact)
    }
}
