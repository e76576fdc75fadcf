import FNASCore

// The result types of the FPGA latency model. The search engine and the explorer read these;
// their names and fields are a contract between modules. Add fields freely, rename none.

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
    /// How close the design is to the optimum of the `full` search (nil for `paper` and for a
    /// given tiling, which do not search).
    public var optimality: DesignOptimality?

    public init(board: String, clockMHz: Double, template: AcceleratorTemplate, dse: DesignSpaceExploration,
                layers: [LayerDesign], latencyCycles: Int, feasible: Bool, infeasibleReason: String?,
                dspUsed: Int, dspAvailable: Int, bramUsed: Int, bramAvailable: Int, timeline: [EngineTimeline],
                optimality: DesignOptimality? = nil) {
        self.board = board; self.clockMHz = clockMHz; self.template = template; self.dse = dse
        self.layers = layers; self.latencyCycles = latencyCycles; self.feasible = feasible
        self.infeasibleReason = infeasibleReason; self.dspUsed = dspUsed; self.dspAvailable = dspAvailable
        self.bramUsed = bramUsed; self.bramAvailable = bramAvailable; self.timeline = timeline
        self.optimality = optimality
    }

    /// Latency in microseconds; +infinity when infeasible.
    public var latencyMicroseconds: Double {
        feasible ? Double(latencyCycles) / clockMHz : .infinity
    }

    public var latencyMs: Double { latencyMicroseconds / 1000 }

    /// The layer with the most cycles (the one to blame in a prune reason).
    public var slowestLayer: LayerDesign? { layers.max { $0.cost.cycles < $1.cost.cycles } }
}
