import FNASCore
import Foundation
import Testing
@testable import FPGAModel

/// The model's contract: feasibility, templates, overrides and the properties of `full`.
@Suite struct LatencyModelTests {
    static let pynq = Board(name: "pynq-z1", part: "XC7Z020", dsp: 220, bram18k: 280)
    static let lenet = PaperDesignTests.lenet

    @Test func invalidArchitectureThrowsTheFieldName() throws {
        let model = try LatencyModel(board: Self.pynq)
        let arch = Architecture(input: InputShape(height: 8, width: 8, channels: 1), layers: [ConvLayer(kernel: 0, filters: 4)])
        #expect(throws: InputError(source: "architecture", field: "layers[0].kernel", "kernel must be at least 1 (got 0)")) {
            try model.estimate(arch)
        }
    }

    @Test func sizesThatCouldOverflowAreRejectedNotTrapped() throws {
        let model = try LatencyModel(board: Self.pynq)
        let huge = Architecture(input: InputShape(height: .max, width: 2, channels: 1), layers: [ConvLayer(kernel: 3, filters: 4)])
        #expect(throws: InputError(source: "net.json", field: "input.height", "\(Int.max) is too large (at most 1048576)")) {
            try model.estimate(huge, source: "net.json")
        }
        let wide = Architecture(input: InputShape(height: 8, width: 8, channels: 1), layers: [ConvLayer(kernel: 3, filters: 9999)])
        #expect(throws: InputError(source: "architecture", field: "layers[0]", "filters 9999 is beyond the latency model's limit of 4096")) {
            try model.estimate(wide)
        }
        #expect(throws: InputError.self) { try LatencyModel(board: Self.pynq, options: .init(dsp: .max)) }
        #expect(throws: InputError.self) { try LatencyModel(board: Self.pynq, options: .init(ports: PortWidths(weights: .max, input: 1, output: 1))) }
    }

    /// A 4096-channel 4096x4096 layer is within the size limits but has 260 million tilings:
    /// `fnas latency` ran for minutes. The full DSE now refuses it at once; paper, shared and a
    /// forced tiling still handle it.
    @Test func fullDesignSpaceTooLargeIsAnErrorNotAStall() throws {
        let big = Architecture(input: InputShape(height: 4096, width: 4096, channels: 4096),
                               layers: [ConvLayer(kernel: 3, filters: 4096)])
        #expect(throws: InputError(source: "net.json", field: "layers[0]",
                                   "4096 filters x 4096 channels on a 4096x4096 map have 260144641 tilings, beyond the full DSE's limit of 8388608 (use the paper DSE or a fixed tiling)")) {
            try LatencyModel(board: Self.pynq).estimate(big, source: "net.json")
        }
        _ = try LatencyModel(board: Self.pynq, options: .init(dse: .paper)).estimate(big)
        _ = try LatencyModel(board: Self.pynq, options: .init(tilingOverride: Tiling(Tm: 8, Tn: 8, Tr: 64, Tc: 64))).estimate(big)
        // ImageNet-size layers stay within the full DSE.
        let imagenet = Architecture(input: InputShape(height: 224, width: 224, channels: 512),
                                    layers: [ConvLayer(kernel: 3, filters: 512)])
        try ModelLimits.checkFullDesignSpace(try imagenet.validated())
    }

    @Test func overridesAreValidatedLikeABoard() {
        #expect(throws: InputError.self) { try LatencyModel(board: Self.pynq, options: .init(dsp: 0)) }
        #expect(throws: InputError.self) { try LatencyModel(board: Self.pynq, options: .init(bits: 8)) }
        #expect(throws: InputError.self) { try LatencyModel(board: Self.pynq, options: .init(tilingOverride: Tiling(Tm: 0, Tn: 1, Tr: 1, Tc: 1))) }
    }

    @Test func fewerDSPsThanLayersIsInfeasibleWithReason() throws {
        let board = Board(name: "b", part: "x", dsp: 1, bram18k: 1000)
        let r = try LatencyModel(board: board).estimate(Self.lenet)
        #expect(!r.feasible && r.latencyCycles == 0 && r.latencyMicroseconds == .infinity)
        #expect(r.infeasibleReason == "needs at least 2 DSP slices (one MAC lane for each of 2 layers) but the board has 1")
    }

    @Test func bramTooSmallForTheSmallestTilingIsInfeasible() throws {
        // Every layer needs at least 6 BRAM18K (three double buffers of one block).
        let board = Board(name: "b", part: "x", dsp: 220, bram18k: 11)
        let r = try LatencyModel(board: board).estimate(Self.lenet)
        #expect(!r.feasible)
        #expect(r.infeasibleReason?.hasPrefix("needs at least 12 BRAM18K") == true)
    }

    @Test func tilingOverrideBeyondTheBoardIsInfeasible() throws {
        let r = try LatencyModel(board: Self.pynq, options: .init(tilingOverride: Tiling(Tm: 16, Tn: 16, Tr: 32, Tc: 32))).estimate(Self.lenet)
        // Clamped per layer to (6, 1, 28, 28) and (16, 6, 28, 28): 102 DSPs and 262 BRAM18K fit.
        #expect(r.layers.map(\.tiling) == [Tiling(Tm: 6, Tn: 1, Tr: 28, Tc: 28), Tiling(Tm: 16, Tn: 6, Tr: 28, Tc: 28)])
        #expect(r.feasible && r.dspUsed == 102 && r.bramUsed == 262)
        // Two 64-filter layers at 64 x 64 lanes need 64 + 4096 DSPs.
        let wide = Architecture(input: InputShape(height: 8, width: 8, channels: 1),
                                layers: [ConvLayer(kernel: 3, filters: 64), ConvLayer(kernel: 3, filters: 64)])
        let over = try LatencyModel(board: Self.pynq, options: .init(tilingOverride: Tiling(Tm: 64, Tn: 64, Tr: 8, Tc: 8))).estimate(wide)
        #expect(!over.feasible)
        #expect(over.infeasibleReason == "the design uses 4160 DSP slices but the board has 220")
    }

    @Test func sharedTemplateRunsEveryLayerOnOneEngine() throws {
        let r = try LatencyModel(board: Self.pynq, options: .init(template: .shared, dse: .paper)).estimate(Self.lenet)
        #expect(r.feasible)
        let engine = r.layers[1].tiling   // the larger layer shows the engine unclamped on M and N
        #expect(r.layers[0].tiling == Tiling(Tm: min(engine.Tm, 6), Tn: 1, Tr: 20, Tc: 20))
        #expect(r.dspUsed == engine.Tm * engine.Tn && r.dspUsed <= 220 && r.bramUsed <= 280)
        #expect(r.latencyCycles == r.layers.reduce(0) { $0 + $1.cost.cycles })
    }

    @Test func dsp32BitFloatCostsFiveSlicesPerLane() throws {
        let r = try LatencyModel(board: Self.pynq, options: .init(bits: 32)).estimate(Self.lenet)
        #expect(r.feasible)
        #expect(r.layers.allSatisfy { $0.dsp == 5 * $0.tiling.Tm * $0.tiling.Tn })
    }

    @Test func jsonHasTheDocumentedFields() throws {
        let r = try LatencyModel(board: Self.pynq, options: .init(template: .sequential, dse: .paper)).estimate(Self.lenet)
        let data = try LatencyJSON(r, spec: LatencySpec(microseconds: 500)).encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["latencyCycles"] as? Int == 80_000)
        #expect(object["latencyMs"] as? Double == 0.8)
        #expect(object["feasible"] as? Bool == true)
        let layers = try #require(object["layers"] as? [[String: Any]])
        #expect(layers.count == 2)
        for key in ["M", "N", "R", "C", "K", "S", "Tm", "Tn", "Tr", "Tc", "dsp", "bram18k", "cycles", "bottleneck"] {
            #expect(layers[1][key] != nil, "missing \(key)")
        }
        #expect(layers[1]["Tn"] as? Int == 6)
        let spec = try #require(object["spec"] as? [String: Any])
        #expect(spec["meets"] as? Bool == false)
        #expect(spec["verdict"] as? String == "violates the 0.5ms spec by 60.0% (0.8ms)")
    }

    @Test func verdictSaysByHowMuchASpecIsMet() throws {
        let r = try LatencyModel(board: Self.pynq, options: .init(template: .sequential, dse: .paper)).estimate(Self.lenet)
        #expect(r.verdict(against: try LatencySpec(parsing: "2ms")) == "meets the 2ms spec (0.8ms, 60.0% under)")
        #expect(r.meets(try LatencySpec(parsing: "0.8ms")))
        #expect(r.limitingLayerSummary == "layer 1 computing-bound (40000 cycles)")   // ties: the first
    }

    @Test func modelIsSafeToShareAcrossThreads() async throws {
        let model = try LatencyModel(board: Self.pynq)
        var g = SeededGenerator(seed: 11)
        let archs = (0..<32).map { _ in RandomArchitectures.cifar(&g, layers: 6) }
        let serial = try archs.map { try model.estimate($0).latencyCycles }
        let parallel = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            for (i, a) in archs.enumerated() { group.addTask { (i, try model.estimate(a).latencyCycles) } }
            var out = [Int](repeating: 0, count: archs.count)
            for try await (i, c) in group { out[i] = c }
            return out
        }
        #expect(serial == parallel)
    }
}
