import FNASCore

/// The FPGA latency model: FNAS-Design, FNAS-GG, FNAS-Sched and FNAS-Analyzer for one board.
///
/// Thread-safe: `estimate` may be called from any number of threads. Each layer shape's design
/// frontier (and each `paper` tiling) is memoised in a lock-protected ``DesignCache``, so reuse
/// one model for a whole search, and pass its cache to a new model that differs only in budget.
public final class LatencyModel: Sendable {
    /// The board after overrides.
    public let board: Board
    public let options: ModelOptions
    /// The cost constants derived from the board and options.
    public let parameters: CostParameters

    /// The memo of layer design searches this model reads and fills.
    public let cache: DesignCache

    /// Creates a model for `board` with `options`' overrides applied.
    ///
    /// - Parameter cache: memoised design searches to reuse (e.g. another model's `cache`).
    /// - Throws: ``InputError`` when the board, after overrides, is invalid (e.g. `--dsp 0`,
    ///   `--bits 8`) or the tiling override has a factor below 1.
    public init(board: Board, options: ModelOptions = .init(), cache: DesignCache = DesignCache()) throws {
        var b = board
        if let p = options.ports { b.ports = p }
        if let bits = options.bits { b.bits = bits }
        if let dsp = options.dsp { b.dsp = dsp }
        let source = options.ports != nil || options.bits != nil || options.dsp != nil
            ? "board \(board.name) with overrides" : "board \(board.name)"
        try b.validate(source: source)
        try ModelLimits.check(b, tiling: options.tilingOverride, source: source)
        if let t = options.tilingOverride {
            for (name, v) in [("Tm", t.Tm), ("Tn", t.Tn), ("Tr", t.Tr), ("Tc", t.Tc)] where v < 1 {
                throw InputError(setting: "tiling", field: name, "every tiling factor must be at least 1 (got \(v))")
            }
        }
        self.board = b
        self.options = options
        self.cache = cache
        self.parameters = CostParameters(ports: b.ports, bits: b.bits, halo: options.usesHalo)
    }

    /// Maps `arch` onto the board and returns its latency report.
    ///
    /// An architecture that cannot fit the board is not an error: the report has
    /// `feasible == false` and an `infeasibleReason`.
    /// - Parameter source: the file or setting the architecture came from, for error messages.
    /// - Throws: ``InputError`` only when the architecture itself is invalid or beyond
    ///   ``ModelLimits``.
    public func estimate(_ arch: Architecture, source: String = "architecture") throws -> LatencyReport {
        let shapes = try arch.validated(source: source)
        try ModelLimits.check(shapes, source: source)
        if options.template == .shared { return estimateShared(shapes) }
        if options.dse == .full && options.tilingOverride == nil {
            // The per-layer frontier costs every tiling; the shared engine's search is far smaller.
            try ModelLimits.checkFullDesignSpace(shapes, source: source)
        }
        let designs: [LayerDesign]
        let lowerBound: Int?
        switch perLayerDesigns(shapes) {
        case .failure(let reason, let partial): return report(partial, infeasible: reason)
        case .success(let d, let bound): designs = d; lowerBound = bound
        }
        let (dsp, bram) = totals(designs)
        if dsp > board.dsp {
            return report(designs, infeasible: "the design uses \(dsp) DSP slices but the board has \(board.dsp)")
        }
        if bram > board.bram18k {
            let hint = options.dse == .paper && options.tilingOverride == nil
                ? " (the authors' routine does not budget BRAM; the full DSE does)" : ""
            return report(designs, infeasible: "the design needs \(bram) BRAM18K but the board has \(board.bram18k)\(hint)")
        }
        let schedule = options.template == .pipelined ? TileSchedule.pipelined(designs) : TileSchedule.sequential(designs)
        return report(designs, cycles: schedule.makespan, timeline: schedule.timeline, dsp: dsp, bram: bram,
                      optimality: lowerBound.map { DesignOptimality(lowerBoundCycles: $0, cycles: schedule.makespan) })
    }

    // MARK: - Design per template

    private enum Designs {
        /// The designs, and for a search a lower bound of its objective's optimum.
        case success([LayerDesign], Int?)
        case failure(String, [LayerDesign])
    }

    private func perLayerDesigns(_ shapes: [LayerShape]) -> Designs {
        let p = parameters
        if let t = options.tilingOverride {
            return .success(shapes.enumerated().map { i, s in p.design(index: i, shape: s, tiling: t.clamped(to: s)) }, nil)
        }
        switch options.dse {
        case .paper:
            let lanes = PaperDesign.lanes(macs: shapes.map { Double($0.macs) }, dsp: board.dsp, dspPerMAC: p.dspPerMAC)
            return .success(shapes.enumerated().map { i, s in
                p.design(index: i, shape: s, tiling: paperTiling(s, lanes: lanes[i]))
            }, nil)
        case .full:
            let candidates = shapes.map { cache.candidates($0, p, dsp: board.dsp, bram: board.bram18k) }
            let f = candidates.map(\.frontier)
            switch FullDesign.walk(f, dsp: board.dsp, bram: board.bram18k) {
            case .infeasible(let cheapest, let reason):
                return .failure(reason, shapes.enumerated().map { i, s in
                    p.design(index: i, shape: s, tiling: f[i][cheapest[i]].tiling)
                })
            case .design(let start, let steps):
                let (tilings, bound) = options.template == .pipelined
                    ? pipelinedOptimum(shapes, candidates, start: start, steps: steps)
                    : sequentialOptimum(f, walked: FullDesign.Walk.indices(start: start, steps: steps))
                let designs = shapes.enumerated().map { i, s in p.design(index: i, shape: s, tiling: tilings[i]) }
                return .success(designs, bound)
            }
        }
    }

    /// The design with the least summed cycles (``ResourceKnapsack``), from the walk's design
    /// as the incumbent, and a lower bound of the optimum.
    private func sequentialOptimum(_ f: [[DesignPoint]], walked: [Int]) -> (tilings: [Tiling], bound: Int) {
        let walkedCycles = walked.enumerated().reduce(0) { $0 + f[$1.offset][$1.element].cycles }
        let o = ResourceKnapsack.solve(f, objective: .sum, dsp: board.dsp, bram: board.bram18k, incumbent: walkedCycles)
        let index = o.choice ?? walked
        return (index.enumerated().map { f[$0][$1].tiling }, o.lowerBound)
    }

    /// The design with the smallest pipelined makespan and a lower bound of the optimum.
    ///
    /// Incumbents first: the best state along the walk and the design that minimises the
    /// slowest layer's cycles plus the least time before and after it (``ResourceKnapsack``
    /// with offsets, whose optimum is also a lower bound of the makespan); then
    /// ``PipelineSearch`` tries to beat the better of them.
    private func pipelinedOptimum(_ shapes: [LayerShape], _ candidates: [LayerCandidates], start: [Int],
                                  steps: [FullDesign.Step]) -> (tilings: [Tiling], bound: Int) {
        let f = candidates.map(\.frontier)
        let taken = bestPipelinePrefix(shapes, f, start: start, steps: steps)
        let walked = FullDesign.Walk.indices(start: start, steps: steps.prefix(taken))
        var best = walked.enumerated().map { f[$0][$1].tiling }
        var bestMakespan = pipelineMakespan(shapes, best)
        guard let search = PipelineSearch(shapes: shapes, layers: candidates,
                                          dsp: board.dsp, bram: board.bram18k) else { return (best, 0) }
        let offsets = zip(search.startOffsets, search.tail).map { $0 + $1 }
        let finalIndex = FullDesign.Walk.indices(start: start, steps: steps)
        let slowest = finalIndex.enumerated().map { f[$0][$1].cycles + offsets[$0] }.max() ?? 0
        let relaxed = ResourceKnapsack.solve(f, objective: .maximum(offsets: offsets), dsp: board.dsp,
                                             bram: board.bram18k, incumbent: slowest + 1)
        if let choice = relaxed.choice {
            let tilings = choice.enumerated().map { f[$0][$1].tiling }
            let m = pipelineMakespan(shapes, tilings)
            if m < bestMakespan { best = tilings; bestMakespan = m }
        }
        let lower = relaxed.lowerBound
        if lower >= bestMakespan { return (best, lower) }
        let outcome = search.run(incumbent: bestMakespan)
        if let choice = outcome.choice {
            best = choice.enumerated().map { search.candidates[$0][$1].tiling }
            bestMakespan = outcome.makespan
        }
        return (best, max(lower, min(bestMakespan, outcome.openBound)))
    }

    /// The makespan of the layer pipeline with these tilings.
    private func pipelineMakespan(_ shapes: [LayerShape], _ tilings: [Tiling]) -> Int {
        var previous: [Int] = [], finish: [Int] = [], columns: [Int] = []
        var makespan = 0
        for (i, s) in shapes.enumerated() {
            TileSchedule.scheduleLayer(s, tilings[i], lat2: parameters.cost(s, tilings[i]).lat2,
                                       after: i > 0 ? tilings[i - 1] : nil, finishing: previous,
                                       into: &finish, columns: &columns)
            makespan = max(makespan, finish.last ?? 0)
            swap(&previous, &finish)
        }
        return makespan
    }

    /// How many walk steps give the smallest pipelined makespan (the earliest on ties).
    private func bestPipelinePrefix(_ shapes: [LayerShape], _ f: [[DesignPoint]], start: [Int],
                                    steps: [FullDesign.Step]) -> Int {
        func lat2(_ i: Int, _ p: DesignPoint) -> Int {
            let s = shapes[i], t = p.tiling
            return p.cycles / (ceilDiv(s.R, t.Tr) * ceilDiv(s.C, t.Tc) * ceilDiv(s.M, t.Tm))
        }
        var pipeline = PipelineMakespan(
            shapes: shapes, tilings: start.enumerated().map { f[$0][$1].tiling },
            lat2: start.enumerated().map { lat2($0, f[$0][$1]) })
        var best = pipeline.makespan, taken = 0
        for (n, step) in steps.enumerated() {
            let p = f[step.layer][step.index]
            let m = pipeline.set(layer: step.layer, tiling: p.tiling, lat2: lat2(step.layer, p))
            if m < best { best = m; taken = n + 1 }
        }
        return taken
    }

    private func estimateShared(_ shapes: [LayerShape]) -> LatencyReport {
        let p = parameters
        let engine: SharedDesign.Engine
        if let t = options.tilingOverride {
            // An engine larger than every layer only idles: clamp it to the largest extents.
            let largest = Tiling(Tm: shapes.map(\.M).max() ?? 1, Tn: shapes.map(\.N).max() ?? 1,
                                 Tr: shapes.map(\.R).max() ?? 1, Tc: shapes.map(\.C).max() ?? 1)
            let engineTiling = Tiling(Tm: min(t.Tm, largest.Tm), Tn: min(t.Tn, largest.Tn),
                                      Tr: min(t.Tr, largest.Tr), Tc: min(t.Tc, largest.Tc))
            engine = SharedDesign.evaluate(engineTiling, shapes: shapes, params: p)
        } else if let e = SharedDesign.search(shapes: shapes, params: p, dse: options.dse,
                                              dsp: board.dsp, bram: board.bram18k) {
            engine = e
        } else {
            let minimum = SharedDesign.evaluate(Tiling(Tm: 1, Tn: 1, Tr: 1, Tc: 1), shapes: shapes, params: p)
            let designs = shapes.enumerated().map { i, s in
                var d = p.design(index: i, shape: s, tiling: minimum.tiling)
                d.dsp = minimum.dsp; d.bram18k = minimum.bram
                return d
            }
            return report(designs, dsp: minimum.dsp, bram: minimum.bram, infeasible: "even a 1x1 shared engine needs \(minimum.bram) BRAM18K and \(minimum.dsp) DSP slices; the board has \(board.bram18k) and \(board.dsp)")
        }
        let designs = shapes.enumerated().map { i, s in
            var d = p.design(index: i, shape: s, tiling: engine.tiling.clamped(to: s))
            d.dsp = engine.dsp; d.bram18k = engine.bram   // every layer runs on the one engine
            return d
        }
        if engine.dsp > board.dsp {
            return report(designs, dsp: engine.dsp, bram: engine.bram, infeasible: "the shared engine uses \(engine.dsp) DSP slices but the board has \(board.dsp)")
        }
        if engine.bram > board.bram18k {
            return report(designs, dsp: engine.dsp, bram: engine.bram, infeasible: "the shared engine needs \(engine.bram) BRAM18K but the board has \(board.bram18k)")
        }
        let schedule = TileSchedule.sequential(designs)
        let searched = options.dse == .full && options.tilingOverride == nil
        return report(designs, cycles: schedule.makespan, timeline: schedule.timeline, dsp: engine.dsp, bram: engine.bram,
                      optimality: searched ? DesignOptimality(lowerBoundCycles: schedule.makespan, cycles: schedule.makespan) : nil)
    }

    // MARK: - Memoised searches

    private func paperTiling(_ s: LayerShape, lanes: Int) -> Tiling { cache.paperTiling(s, lanes: lanes, parameters) }

    // MARK: - Reports

    private func totals(_ designs: [LayerDesign]) -> (dsp: Int, bram: Int) {
        designs.reduce((0, 0)) { ($0.0 + $1.dsp, $0.1 + $1.bram18k) }
    }

    private func report(_ designs: [LayerDesign], cycles: Int, timeline: [EngineTimeline], dsp: Int, bram: Int,
                        optimality: DesignOptimality? = nil) -> LatencyReport {
        LatencyReport(board: board.name, clockMHz: board.clockMHz, template: options.template, dse: options.dse,
                      layers: designs, latencyCycles: cycles, feasible: true, infeasibleReason: nil,
                      dspUsed: dsp, dspAvailable: board.dsp, bramUsed: bram, bramAvailable: board.bram18k,
                      timeline: timeline, optimality: optimality)
    }

    private func report(_ designs: [LayerDesign], dsp: Int? = nil, bram: Int? = nil, infeasible reason: String) -> LatencyReport {
        let t = totals(designs)
        return LatencyReport(board: board.name, clockMHz: board.clockMHz, template: options.template, dse: options.dse,
                             layers: designs, latencyCycles: 0, feasible: false, infeasibleReason: reason,
                             dspUsed: dsp ?? t.dsp, dspAvailable: board.dsp, bramUsed: bram ?? t.bram,
                             bramAvailable: board.bram18k, timeline: [])
    }
}
