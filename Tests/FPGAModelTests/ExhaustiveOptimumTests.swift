import FNASCore
import Testing
@testable import FPGAModel

/// The `full` design search against brute force: on seeded small layers and boards, every
/// combination of per-layer tilings of the design space (each factor at the values that change
/// its tile count) is costed and scheduled, and the search's latency must equal the best one
/// that fits, and be reported proven optimal.
@Suite struct ExhaustiveOptimumTests {
    /// The best latency of any design of the space within the board's budgets, or nil when none fits.
    static func exhaustiveOptimum(_ arch: Architecture, board: Board, template: AcceleratorTemplate) throws -> Int? {
        let shapes = try arch.validated()
        let p = CostParameters(ports: board.ports, bits: board.bits, halo: true)
        let perLayer: [[LayerDesign]] = shapes.enumerated().map { i, s in
            var out: [LayerDesign] = []
            for Tm in FullDesign.tileSizes(s.M) {
                for Tn in FullDesign.tileSizes(s.N) {
                    for Tr in FullDesign.tileSizes(s.R) {
                        for Tc in FullDesign.tileSizes(s.C) {
                            let d = p.design(index: i, shape: s, tiling: Tiling(Tm: Tm, Tn: Tn, Tr: Tr, Tc: Tc))
                            if d.dsp <= board.dsp && d.bram18k <= board.bram18k { out.append(d) }
                        }
                    }
                }
            }
            return out
        }
        var best: Int?
        var chosen: [LayerDesign] = []
        func visit(_ layer: Int, dsp: Int, bram: Int) {
            if layer == shapes.count {
                let cycles = template == .pipelined ? TileSchedule.pipelined(chosen).makespan
                    : TileSchedule.sequential(chosen).makespan
                if best.map({ cycles < $0 }) ?? true { best = cycles }
                return
            }
            for d in perLayer[layer] where dsp + d.dsp <= board.dsp && bram + d.bram18k <= board.bram18k {
                chosen.append(d)
                visit(layer + 1, dsp: dsp + d.dsp, bram: bram + d.bram18k)
                chosen.removeLast()
            }
        }
        visit(0, dsp: 0, bram: 0)
        return best
    }

    /// A small random case: 2 or 3 layers on maps of at most 7x7, with narrow ports so that
    /// transfers, not only compute, decide.
    static func smallCase(_ g: inout SeededGenerator) -> (Architecture, Board) {
        let layerCount = Int.random(in: 2...3, using: &g)
        let size = layerCount == 2 ? Int.random(in: 3...7, using: &g) : Int.random(in: 2...4, using: &g)
        var layers: [ConvLayer] = []
        var map = size
        for _ in 0..<layerCount {
            let stride = map > 1 && Int.random(in: 0..<4, using: &g) == 0 ? 2 : 1
            layers.append(ConvLayer(kernel: [1, 2, 3].randomElement(using: &g) ?? 1,
                                    filters: Int.random(in: 1...(layerCount == 2 ? 6 : 4), using: &g), stride: stride))
            map = (map + stride - 1) / stride
        }
        let bits = Int.random(in: 0..<4, using: &g) == 0 ? 32 : 16
        let board = Board(name: "small", part: "test", dsp: Int.random(in: (bits == 32 ? 10 : 4)...(bits == 32 ? 120 : 40), using: &g),
                          bram18k: Int.random(in: 12...120, using: &g),
                          ports: PortWidths(weights: Int.random(in: 1...4, using: &g), input: Int.random(in: 1...4, using: &g),
                                            output: Int.random(in: 1...4, using: &g)), bits: bits)
        let channels = Int.random(in: 1...3, using: &g)
        return (Architecture(input: InputShape(height: size, width: size, channels: channels), layers: layers), board)
    }

    @Test(arguments: [AcceleratorTemplate.sequential, .pipelined])
    func fullSearchEqualsTheExhaustiveOptimum(template: AcceleratorTemplate) throws {
        var g = SeededGenerator(seed: template == .sequential ? 16 : 61)
        var compared = 0
        for _ in 0..<60 {
            let (arch, board) = Self.smallCase(&g)
            let report = try LatencyModel(board: board, options: .init(template: template, dse: .full)).estimate(arch)
            let optimum = try Self.exhaustiveOptimum(arch, board: board, template: template)
            guard let optimum else {
                #expect(!report.feasible, "\(arch) on \(board.dsp) DSP, \(board.bram18k) BRAM18K")
                continue
            }
            compared += 1
            #expect(report.feasible && report.latencyCycles == optimum,
                    "\(arch) on \(board.dsp) DSP, \(board.bram18k) BRAM18K, ports \(board.ports), \(board.bits)-bit: \(report.latencyCycles) vs \(optimum)")
            #expect(report.optimality?.proven == true, "\(arch): not proven")
            #expect(report.optimality?.lowerBoundCycles == optimum)
        }
        #expect(compared >= 30)
    }

    /// Issue 16's example: the walk gave 119808 (sequential) and 92160 (pipelined) cycles.
    @Test func theIssuesExampleReachesTheBetterDesigns() throws {
        let arch = Architecture(input: try CompactSyntax.inputShape("32x32x3"), layers: try CompactSyntax.layers("k3f32,k3f64s2"))
        let pynq = try BoardCatalog().board(named: "pynq-z1")
        let sequential = try LatencyModel(board: pynq, options: .init(template: .sequential)).estimate(arch)
        #expect(sequential.latencyCycles == 101_376)
        #expect(sequential.optimality?.proven == true)
        #expect(sequential.summary().contains("design: proven optimal for the sequential template"))
        #expect(LatencyJSON(sequential).optimal == true && LatencyJSON(sequential).lowerBoundCycles == 101_376)
        let pipelined = try LatencyModel(board: pynq, options: .init(template: .pipelined)).estimate(arch)
        #expect(pipelined.latencyCycles <= 78_912)
        #expect(pipelined.dspUsed <= pynq.dsp && pipelined.bramUsed <= pynq.bram18k)
    }

    /// A search stopped by its budget still reports a sound lower bound: never above the latency
    /// and never above what a finished search proves.
    @Test func aStoppedSearchReportsASoundBound() throws {
        var g = SeededGenerator(seed: 7)
        let zc706 = try BoardCatalog().board(named: "zc706")
        for _ in 0..<6 {
            let arch = RandomArchitectures.cifar(&g, layers: 6)
            let r = try LatencyModel(board: zc706).estimate(arch)
            guard r.feasible, let o = r.optimality else { continue }
            #expect(o.lowerBoundCycles <= r.latencyCycles)
            #expect(o.lowerBoundCycles > 0)
            #expect(o.proven == (o.lowerBoundCycles == r.latencyCycles))
        }
    }
}
