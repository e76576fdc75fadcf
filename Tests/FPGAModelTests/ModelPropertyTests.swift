import FNASCore
import Testing
@testable import FPGAModel

/// Properties over ~200 seeded random children of both search spaces.
@Suite struct ModelPropertyTests {
    static func children(seed: UInt64, count: Int = 200) -> [Architecture] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            i % 4 == 0 ? RandomArchitectures.mnist(&g) : RandomArchitectures.cifar(&g, layers: i % 2 == 0 ? 6 : 10)
        }
    }

    static let boards = ["zybo-z7-10", "pynq-z1", "zc706"].compactMap { try? BoardCatalog().board(named: $0) }

    @Test func pipelinedLatencyLiesBetweenTheSlowestLayerAndTheSum() throws {
        let cache = DesignCache()
        #expect(Self.boards.count == 3)
        for (i, arch) in Self.children(seed: 1).enumerated() {
            let dse: DesignSpaceExploration = i % 3 == 0 ? .paper : .full
            let r = try LatencyModel(board: Self.boards[i % 3], options: .init(dse: dse), cache: cache).estimate(arch)
            guard r.feasible else { continue }
            let sum = r.layers.reduce(0) { $0 + $1.cost.cycles }
            let slowest = r.layers.map(\.cost.cycles).max() ?? 0
            #expect(slowest <= r.latencyCycles && r.latencyCycles <= sum, "\(arch)")
            #expect(r.timeline.count == r.layers.count)
            #expect(zip(r.timeline, r.layers).allSatisfy { t, l in t.busy.reduce(0) { $0 + $1.end - $1.start } == l.cost.cycles })
        }
    }

    @Test func fullDesignsNeverExceedTheBoard() throws {
        let cache = DesignCache()
        var feasible = 0
        for (i, arch) in Self.children(seed: 2).enumerated() {
            let board = Self.boards[i % 3]
            for template in [AcceleratorTemplate.pipelined, .shared] where template == .pipelined || i % 10 == 0 {
                let r = try LatencyModel(board: board, options: .init(template: template), cache: cache).estimate(arch)
                guard r.feasible else { continue }
                feasible += 1
                #expect(r.dspUsed <= board.dsp && r.bramUsed <= board.bram18k, "\(arch) on \(board.name)")
                if template == .pipelined {
                    #expect(r.dspUsed == r.layers.reduce(0) { $0 + $1.dsp })
                    #expect(r.bramUsed == r.layers.reduce(0) { $0 + $1.bram18k })
                }
            }
        }
        #expect(feasible > 150)
    }

    @Test func moreDSPsNeverMakeFullSlower() throws {
        var g = SeededGenerator(seed: 3)
        let cache = DesignCache()   // frontiers do not depend on the budget; share them
        // 100 children (400 full design searches) keep this, the slowest unit test, near 12 s.
        for (i, arch) in Self.children(seed: 3, count: 100).enumerated() {
            let base = Int.random(in: 10...400, using: &g)
            let more = base + Int.random(in: 1...400, using: &g)
            let bram = [150, 280, 1090][i % 3]
            let template: AcceleratorTemplate = [.pipelined, .sequential, .pipelined, .shared][i % 4]
            let options = ModelOptions(template: template, dse: .full)
            let fewer = try LatencyModel(board: Board(name: "a", part: "x", dsp: base, bram18k: bram), options: options, cache: cache).estimate(arch)
            let richer = try LatencyModel(board: Board(name: "b", part: "x", dsp: more, bram18k: bram), options: options, cache: cache).estimate(arch)
            if fewer.feasible {
                #expect(richer.feasible)
                #expect(richer.latencyCycles <= fewer.latencyCycles,
                        "\(arch) \(template): \(base) DSP -> \(fewer.latencyCycles), \(more) DSP -> \(richer.latencyCycles)")
            }
        }
    }
}
