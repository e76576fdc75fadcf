import FNASCore
import FPGAModel
import Foundation

/// The `latency` suite: architectures per second through `LatencyModel.estimate` on one core,
/// for the two search spaces of the method notes, and how the time per architecture grows with
/// the number of tile tasks in its schedule.
enum LatencyBench {
    static func run() throws {
        var g = SeededGenerator(seed: 2019)
        let pynq = try BoardCatalog().board(named: "pynq-z1")
        let zc706 = try BoardCatalog().board(named: "zc706")

        let mnist = (0..<4000).map { _ in mnistChild(&g) }
        try throughput("MNIST 4-layer, paper DSE, pipelined, pynq-z1", mnist,
                       model: { try LatencyModel(board: pynq, options: .init(template: .pipelined, dse: .paper)) })

        try throughput("MNIST 4-layer, full DSE, pipelined, pynq-z1", mnist,
                       model: { try LatencyModel(board: pynq, options: .init(template: .pipelined, dse: .full)) })

        let cifar = (0..<4000).map { _ in cifarChild(&g) }
        for board in [pynq, zc706] {
            try throughput("CIFAR 10-layer, full DSE, pipelined, \(board.name)", cifar,
                           model: { try LatencyModel(board: board, options: .init(template: .pipelined, dse: .full)) })
        }
        let stride1 = (0..<600).map { _ in cifarChild(&g, strides: [1]) }
        for dse in [DesignSpaceExploration.paper, .full] {
            for template in [AcceleratorTemplate.sequential, .pipelined] {
                try freshModelThroughput("CIFAR 10-layer stride 1, \(dse.rawValue) DSE, \(template.rawValue), pynq-z1", stride1,
                                         model: { try LatencyModel(board: pynq, options: .init(template: template, dse: dse)) })
            }
        }
        try growth(cifar, board: zc706)
        try pipelineGain(mnist, board: pynq, title: "MNIST")
        try pipelineGain(cifar, board: zc706, title: "CIFAR")
    }

    /// How much layer pipelining saves: mean makespan over the sum of layers (sequential) and
    /// over the slowest layer (the pipelining bound), full DSE.
    static func pipelineGain(_ archs: [Architecture], board: Board, title: String) throws {
        let model = try LatencyModel(board: board)
        var overSum = 0.0, overMax = 0.0, n = 0
        for a in archs.prefix(1000) {
            let r = try model.estimate(a)
            guard r.feasible else { continue }
            let sum = r.layers.reduce(0) { $0 + $1.cost.cycles }
            overSum += Double(r.latencyCycles) / Double(sum)
            overMax += Double(r.latencyCycles) / Double(r.slowestLayer?.cost.cycles ?? 1)
            n += 1
        }
        guard n > 0 else { return }
        print("\(title) on \(board.name), full DSE: pipelined makespan = \(formatDecimal(overSum / Double(n), places: 3)) x sum of layers, \(formatDecimal(overMax / Double(n), places: 2)) x slowest layer (mean of \(n))")
    }

    /// Cold: a fresh model (empty design cache) over the first half; warm: the same model over
    /// the second half, whose architectures it has not seen (only their layer shapes recur).
    static func throughput(_ title: String, _ archs: [Architecture], model make: () throws -> LatencyModel) throws {
        let model = try make()
        let half = archs.count / 2
        var feasible = 0
        let clock = ContinuousClock()
        let cold = try clock.measure {
            for a in archs[..<half] where try model.estimate(a).feasible { feasible += 1 }
        }
        let warm = try clock.measure {
            for a in archs[half...] where try model.estimate(a).feasible { feasible += 1 }
        }
        func rate(_ d: Duration, _ n: Int) -> String {
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            return formatDecimal(Double(n) / s, places: 0)
        }
        print("\(title): cold \(rate(cold, half)) arch/s, warm \(rate(warm, archs.count - half)) arch/s (\(feasible)/\(archs.count) feasible)")
    }

    /// Cold: a fresh model (empty design cache) for every architecture, as a one-off estimate
    /// pays; warm: one model for all, after a first pass over the same architectures.
    static func freshModelThroughput(_ title: String, _ archs: [Architecture], model make: () throws -> LatencyModel) throws {
        let clock = ContinuousClock()
        var feasible = 0
        let cold = try clock.measure {
            for a in archs where try make().estimate(a).feasible { feasible += 1 }
        }
        let shared = try make()
        for a in archs { _ = try shared.estimate(a) }
        let warm = try clock.measure {
            for a in archs { _ = try shared.estimate(a) }
        }
        print("\(title): fresh model \(perSecond(archs.count, cold)) arch/s, warm cache \(perSecond(archs.count, warm)) arch/s (\(feasible)/\(archs.count) feasible)")
    }

    static func perSecond(_ n: Int, _ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return formatDecimal(Double(n) / s, places: 0)
    }

    /// Per-architecture time (warm cache) bucketed by the schedule's total tile-task count.
    static func growth(_ archs: [Architecture], board: Board) throws {
        let model = try LatencyModel(board: board)
        for a in archs { _ = try model.estimate(a) }   // warm the design cache
        var buckets: [Int: (count: Int, seconds: Double)] = [:]
        let clock = ContinuousClock()
        for a in archs {
            var tasks = 0
            let d = try clock.measure {
                let r = try model.estimate(a)
                tasks = r.timeline.reduce(0) { $0 + $1.tasks }
            }
            let bucket = tasks < 100 ? 0 : Int(log10(Double(tasks)))
            let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            buckets[bucket, default: (0, 0)].count += 1
            buckets[bucket, default: (0, 0)].seconds += s
        }
        print("time per architecture by total tile tasks (CIFAR, full, pipelined, \(board.name), warm):")
        for (b, v) in buckets.sorted(by: { $0.key < $1.key }) {
            let range = b == 0 ? "< 100" : "10^\(b)..10^\(b + 1)"
            print("  tasks \(range): \(v.count) archs, \(formatDecimal(v.seconds / Double(v.count) * 1e6, places: 1)) us each")
        }
    }

    /// A child of the DAC'19 MNIST space: 4 layers, kernel {5,7,14}, filters {9,18,36}, 28x28x1.
    static func mnistChild(_ g: inout SeededGenerator) -> Architecture {
        let layers = (0..<4).map { _ in
            ConvLayer(kernel: [5, 7, 14].randomElement(using: &g) ?? 5, filters: [9, 18, 36].randomElement(using: &g) ?? 9)
        }
        return Architecture(input: InputShape(height: 28, width: 28, channels: 1), layers: layers)
    }

    /// A child of the TCAD'20 CIFAR space: 10 layers, kernel {1,3,5,7}, filters {24,36,48,64},
    /// stride {1,2}, 32x32x3. Once the map is 1x1 a stride of 2 is sampled as 1 (FNASCore
    /// rejects a stride larger than the map).
    static func cifarChild(_ g: inout SeededGenerator, strides: [Int] = [1, 2]) -> Architecture {
        var size = 32
        var layers: [ConvLayer] = []
        for _ in 0..<10 {
            var stride = strides.randomElement(using: &g) ?? 1
            if stride > size { stride = 1 }
            layers.append(ConvLayer(kernel: [1, 3, 5, 7].randomElement(using: &g) ?? 3,
                                    filters: [24, 36, 48, 64].randomElement(using: &g) ?? 24, stride: stride))
            size = (size + stride - 1) / stride
        }
        return Architecture(input: InputShape(height: 32, width: 32, channels: 3), layers: layers)
    }
}
