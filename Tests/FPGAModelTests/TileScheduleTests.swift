import FNASCore
import Testing
@testable import FPGAModel

/// FNAS-GG/Sched/Analyzer on a case small enough to schedule by hand.
@Suite struct TileScheduleTests {
    /// 8x8x1 input; layer 1 is 1x1 with 2 filters, layer 2 is 3x3 ('same', pad 1) with 1 filter;
    /// every layer tiled Tm=1, Tn=1, Tr=2, Tc=8 (row bands of two rows), halo on, ports 2.
    static let arch = Architecture(input: InputShape(height: 8, width: 8, channels: 1),
                                   layers: [ConvLayer(kernel: 1, filters: 2), ConvLayer(kernel: 3, filters: 1)])
    static let board = Board(name: "roomy", part: "x", dsp: 100, bram18k: 1000)

    func report(_ template: AcceleratorTemplate) throws -> LatencyReport {
        let options = ModelOptions(template: template, dse: .full, tilingOverride: Tiling(Tm: 1, Tn: 1, Tr: 2, Tc: 8))
        return try LatencyModel(board: Self.board, options: options).estimate(Self.arch)
    }

    @Test func twoLayerPipelineHasTheHandComputedMakespan() throws {
        let r = try report(.pipelined)
        // Layer 1: tI = ceil(2*8/2) = 8, tW = 1, tC = 16, tO = 8 -> Lat2 = 16; 4 bands x 2 channel
        // tiles, so band b finishes at 32(b+1): 32, 64, 96, 128.
        #expect(r.layers[0].cost.lat2 == 16 && r.layers[0].cost.cycles == 128)
        // Layer 2: Tr' = 4, Tc' = 10: tI = 20, tW = 5, tC = 144, tO = 8 -> Lat2 = 2 * 144 = 288.
        #expect(r.layers[1].cost.lat2 == 288 && r.layers[1].cost.cycles == 1152)
        // Band b of layer 2 reads rows 2b-1 ... 2b+2, so it waits for band b+1 of layer 1 (band 3
        // for the last): starts 64, then back to back: 64 + 4 * 288 = 1216.
        #expect(r.latencyCycles == 1216)
        #expect(r.timeline[0].busy == [.init(start: 0, end: 128)])
        #expect(r.timeline[1].busy == [.init(start: 64, end: 1216)])
        #expect(r.timeline.map(\.tasks) == [8, 4])
    }

    @Test func sequentialTemplateIsTheSumOfLayers() throws {
        let r = try report(.sequential)
        #expect(r.latencyCycles == 128 + 1152)
        #expect(r.timeline[1].busy == [.init(start: 128, end: 1280)])
    }

    @Test func idleGapsSplitAnEnginesBusySpans() throws {
        // A fast second layer waits on the first: 1x1 then 1x1, each band of layer 2 (Lat2 = 8)
        // waits for the matching band of layer 1 (32 cycles a band).
        let arch = Architecture(input: InputShape(height: 8, width: 8, channels: 1),
                                layers: [ConvLayer(kernel: 1, filters: 2), ConvLayer(kernel: 1, filters: 1)])
        let options = ModelOptions(tilingOverride: Tiling(Tm: 1, Tn: 2, Tr: 2, Tc: 8))
        let r = try LatencyModel(board: Self.board, options: options).estimate(arch)
        // Layer 1 (N=1, Tn clamped to 1): Lat2 = 16, 2 channel tiles -> bands end 32, 64, 96, 128.
        // Layer 2 (N=2, Tn=2, M=1): tI = ceil(2*16/2) = 16, tC = 16 -> Lat2 = 16 a band.
        #expect(r.timeline[1].busy == [.init(start: 32, end: 48), .init(start: 64, end: 80),
                                       .init(start: 96, end: 112), .init(start: 128, end: 144)])
        #expect(r.latencyCycles == 144)
    }

    @Test func ganttHasOneRowPerEngineAndATimeAxis() throws {
        let chart = try report(.pipelined).gantt(width: 19)
        let lines = chart.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        // 1216 cycles over 19 columns = 64 a column: layer 1 busy in columns 0-1, layer 2 from 1.
        #expect(lines[0] == "L1 |██                 |")
        #expect(lines[1] == "L2 | ██████████████████|")
        #expect(lines[2].hasSuffix("1216 cycles"))
    }

    @Test func incrementalRescheduleMatchesAFullSchedule() throws {
        var g = SeededGenerator(seed: 5)
        let p = CostParameters(ports: .standard, bits: 16, halo: true)
        for _ in 0..<50 {
            let shapes = try RandomArchitectures.cifar(&g, layers: 6).validated()
            func random(_ s: LayerShape) -> Tiling {
                Tiling(Tm: Int.random(in: 1...s.M, using: &g), Tn: Int.random(in: 1...s.N, using: &g),
                       Tr: Int.random(in: 1...s.R, using: &g), Tc: Int.random(in: 1...s.C, using: &g))
            }
            var tilings = shapes.map(random)
            var pipeline = PipelineMakespan(shapes: shapes, tilings: tilings, lat2: zip(shapes, tilings).map { p.cost($0, $1).lat2 })
            for _ in 0..<10 {
                let l = Int.random(in: 0..<shapes.count, using: &g)
                tilings[l] = random(shapes[l])
                let incremental = pipeline.set(layer: l, tiling: tilings[l], lat2: p.cost(shapes[l], tilings[l]).lat2)
                let designs = shapes.indices.map { p.design(index: $0, shape: shapes[$0], tiling: tilings[$0]) }
                #expect(incremental == TileSchedule.pipelined(designs).makespan)
            }
        }
    }
}
