import FNASCore

// The result types of the FPGA latency model. The search engine and the explorer read these;
// their names and fields are a contract between modules. Add fields freely, rename none.
//
// Symbols (Zhang et al., FPGA'15; Jiang et al., DAC'19): a layer has M output channels,
// N input channels, R x C output rows/columns, kernel K, stride S. A tiling computes Tm
// output channels from Tn input channels on a Tr x Tc output tile per step.

/// The loop tiling of one layer's engine.
public struct Tiling: Sendable, Hashable, Codable, CustomStringConvertible {
    public var Tm: Int
    public var Tn: Int
    public var Tr: Int
    public var Tc: Int

    public init(Tm: Int, Tn: Int, Tr: Int, Tc: Int) {
        self.Tm = Tm; self.Tn = Tn; self.Tr = Tr; self.Tc = Tc
    }

    public var description: String { "\(Tm),\(Tn),\(Tr),\(Tc)" }
}

/// What bounds a layer's tile step: the largest of its load, compute and store times.
public enum Bottleneck: String, Sendable, Hashable, Codable, CaseIterable {
    case loadingIFM = "loading IFM"
    case loadingWeights = "loading weights"
    case computing = "computing"
    case storingOFM = "storing OFM"
}

/// The cycle counts of one layer under a tiling (see README "How the model works").
public struct LayerCost: Sendable, Hashable, Codable {
    /// Cycles to load one input tile: ceil(Tn * Tr' * Tc' / Ip).
    public var tI: Int
    /// Cycles to load one weight tile: ceil(Tm * Tn * K * K / Wp).
    public var tW: Int
    /// Cycles to compute one tile step: K * K * Tr * Tc.
    public var tC: Int
    /// Cycles to store one output tile: ceil(Tm * Tr * Tc / Op).
    public var tO: Int
    /// max(tI, tW, tC): one step with double-buffered loads.
    public var lat1: Int
    /// max(ceil(N/Tn) * Lat1, tO): one output tile.
    public var lat2: Int
    /// ceil(R/Tr) * ceil(C/Tc) * ceil(M/Tm) * Lat2: the whole layer.
    public var cycles: Int
    public var bottleneck: Bottleneck

    public init(tI: Int, tW: Int, tC: Int, tO: Int, lat1: Int, lat2: Int, cycles: Int, bottleneck: Bottleneck) {
        self.tI = tI; self.tW = tW; self.tC = tC; self.tO = tO
        self.lat1 = lat1; self.lat2 = lat2; self.cycles = cycles; self.bottleneck = bottleneck
    }
}

/// One layer mapped onto its engine: shape, tiling, resources and cost.
public struct LayerDesign: Sendable, Hashable, Codable {
    public var index: Int
    public var shape: LayerShape
    public var tiling: Tiling
    /// DSP slices the engine uses (Tm * Tn, times 5 at 32-bit float).
    public var dsp: Int
    /// 18 Kb block RAMs the engine's double buffers use.
    public var bram18k: Int
    public var cost: LayerCost

    public init(index: Int, shape: LayerShape, tiling: Tiling, dsp: Int, bram18k: Int, cost: LayerCost) {
        self.index = index; self.shape = shape; self.tiling = tiling
        self.dsp = dsp; self.bram18k = bram18k; self.cost = cost
    }
}

/// How the layers' engines are arranged on the device.
public enum AcceleratorTemplate: String, Sendable, Hashable, Codable, CaseIterable {
    /// One engine per layer, layers pipelined through the tile task graph (FNAS-GG/Sched).
    case pipelined
    /// One engine per layer, but each layer starts when the previous one has finished.
    case sequential
    /// One engine with a single (Tm, Tn) for all layers (Zhang et al. FPGA'15).
    case shared
}

/// How FNAS-Design chooses tilings.
public enum DesignSpaceExploration: String, Sendable, Hashable, Codable, CaseIterable {
    /// The authors' routine: DSPs split by MACs, Tr = Tc = 20, exhaustive Tm x Tn.
    case paper
    /// Also searches Tr, Tc and the DSP split; enforces DSP and BRAM limits.
    case full
}

/// The busy intervals of one layer engine in the tile schedule, in cycles.
public struct EngineTimeline: Sendable, Hashable, Codable {
    public var layer: Int
    /// Merged busy intervals `[start, end)`, in order.
    public var busy: [Span]
    /// Number of tile tasks the engine ran.
    public var tasks: Int

    public struct Span: Sendable, Hashable, Codable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) { self.start = start; self.end = end }
    }

    public init(layer: Int, busy: [Span], tasks: Int) {
        self.layer = layer; self.busy = busy; self.tasks = tasks
    }

    public var start: Int { busy.first?.start ?? 0 }
    public var end: Int { busy.last?.end ?? 0 }
}

/// The latency model's verdict on one architecture and board.
public struct LatencyReport: Sendable, Hashable, Codable {
    public var board: String
    public var clockMHz: Double
    public var template: AcceleratorTemplate
    public var dse: DesignSpaceExploration
    public var layers: [LayerDesign]
    /// Makespan of the schedule in cycles (FNAS-Analyzer). 0 when infeasible.
    public var latencyCycles: Int
    /// False when the architecture cannot be mapped at all; `infeasibleReason` says why.
    public var feasible: Bool
    public var infeasibleReason: String?
    public var dspUsed: Int
    public var dspAvailable: Int
    public var bramUsed: Int
    public var bramAvailable: Int
    /// One timeline per layer engine (for `shared`, one per layer on the same engine).
    public var timeline: [EngineTimeline]

    public init(board: String, clockMHz: Double, template: AcceleratorTemplate, dse: DesignSpaceExploration,
                layers: [LayerDesign], latencyCycles: Int, feasible: Bool, infeasibleReason: String?,
                dspUsed: Int, dspAvailable: Int, bramUsed: Int, bramAvailable: Int, timeline: [EngineTimeline]) {
        self.board = board; self.clockMHz = clockMHz; self.template = template; self.dse = dse
        self.layers = layers; self.latencyCycles = latencyCycles; self.feasible = feasible
        self.infeasibleReason = infeasibleReason; self.dspUsed = dspUsed; self.dspAvailable = dspAvailable
        self.bramUsed = bramUsed; self.bramAvailable = bramAvailable; self.timeline = timeline
    }

    /// Latency in microseconds; +infinity when infeasible.
    public var latencyMicroseconds: Double {
        feasible ? Double(latencyCycles) / clockMHz : .infinity
    }

    public var latencyMs: Double { latencyMicroseconds / 1000 }

    /// The layer with the most cycles (the one to blame in a prune reason).
    public var slowestLayer: LayerDesign? { layers.max { $0.cost.cycles < $1.cost.cycles } }
}
