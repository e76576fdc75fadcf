import FNASCore
import FPGAModel

/// The best child of a run, as `best.json` stores it.
public struct BestRecord: Sendable, Codable, Equatable {
    public var format = "fnas-best"
    public var version = 1
    public var episode: Int
    public var architecture: Architecture
    public var accuracy: Double
    public var latencyMs: Double
    public var specMs: Double
    /// The full latency report: per-layer shape, tiling (Tm, Tn, Tr, Tc), DSP, BRAM, cycles, bottleneck.
    public var latency: LatencyReport

    public init(_ trial: Trial, spec: LatencySpec) {
        episode = trial.episode; architecture = trial.architecture; accuracy = trial.accuracy ?? 0
        latencyMs = trial.latency.latencyMs; specMs = spec.milliseconds; latency = trial.latency
    }
}
