import FNASCore
import FPGAModel

/// One episode: a sampled child, its latency, the verdict, and (if trained) its accuracy.
public struct Trial: Sendable, Hashable, Codable, Identifiable {
    public var episode: Int
    public var architecture: Architecture
    public var latency: LatencyReport
    /// The spec in force when the child was judged.
    public var spec: LatencySpec
    public var verdict: Verdict
    /// Why it was pruned, e.g. "7.9ms > 5ms spec, layer 3 computing-bound".
    public var reason: String?
    /// Best validation accuracy in [0, 1]; nil when not trained.
    public var accuracy: Double?
    public var reward: Double
    public var baseline: Double
    public var trainingSeconds: Double?
    public var curve: [EpochPoint]
    /// True when the result came from an earlier identical child rather than new training.
    public var reused: Bool
    /// For a reused result, the episode that trained it (nil in runs written before it was kept).
    public var reusedFrom: Int?
    /// How many samples repeating a child already evaluated were drawn again before this one
    /// (the duplicate guard, ``ControllerSettings/duplicateResamples``); nil for none.
    public var resamples: Int?

    public var id: Int { episode }

    public init(episode: Int, architecture: Architecture, latency: LatencyReport, spec: LatencySpec,
                verdict: Verdict, reason: String?, accuracy: Double?, reward: Double, baseline: Double,
                trainingSeconds: Double?, curve: [EpochPoint], reused: Bool, resamples: Int? = nil) {
        self.episode = episode; self.architecture = architecture; self.latency = latency; self.spec = spec
        self.verdict = verdict; self.reason = reason; self.accuracy = accuracy; self.reward = reward
        self.baseline = baseline; self.trainingSeconds = trainingSeconds; self.curve = curve; self.reused = reused
        self.resamples = resamples
    }

    /// Whether this child would meet `spec` (for re-judging past samples under a new spec);
    /// the rule is ``FPGAModel/LatencyReport/meets(_:)``.
    public func meets(_ spec: LatencySpec) -> Bool { latency.meets(spec) }
}
