import FNASCore

/// The controller state after an episode: enough to continue the search exactly.
///
/// Random streams are derived from the run's seed and the episode index
/// (`rng.derive("episode", n)`), so the RNG state at an episode boundary is the root generator.
public struct Checkpoint: Sendable, Codable, Equatable {
    public static let format = "fnas-checkpoint"
    public var format: String
    public var version: Int
    /// Number of the last episode whose update the controller contains.
    public var episode: Int
    public var controller: LSTMController
    public var baseline: Double?
    /// The moving average of rewards that centres the advantage, and the spec it averages
    /// under (``RewardSettings/centersAdvantage``); nil before the first reward and in
    /// checkpoints written before centring existed.
    public var rewardBaseline: Double?
    public var rewardBaselineSpec: LatencySpec?
    public var spec: LatencySpec
    public var seed: UInt64
    public var rng: SeededGenerator

    public init(episode: Int, controller: LSTMController, baseline: Double?, spec: LatencySpec, seed: UInt64, rng: SeededGenerator,
                rewardBaseline: Double? = nil, rewardBaselineSpec: LatencySpec? = nil) {
        format = Self.format; version = 1
        self.episode = episode; self.controller = controller; self.baseline = baseline
        self.rewardBaseline = rewardBaseline; self.rewardBaselineSpec = rewardBaselineSpec
        self.spec = spec; self.seed = seed; self.rng = rng
    }
}

extension Checkpoint {
    /// Why the checkpoint cannot be restored as it is (weights that do not match their layout,
    /// a negative episode, non-finite values), or nil when it is consistent.
    var damage: String? {
        let c = controller
        if episode < 0 { return "episode: \(episode) is negative" }
        if c.parameters.count != c.layout.count {
            return "controller.parameters: \(c.parameters.count) weights but the layout needs \(c.layout.count)"
        }
        if c.meanSquare.count != c.layout.count {
            return "controller.meanSquare: \(c.meanSquare.count) values but the layout needs \(c.layout.count)"
        }
        if !c.parameters.allSatisfy(\.isFinite) { return "controller.parameters: holds a non-finite weight" }
        if !c.meanSquare.allSatisfy({ $0.isFinite && $0 >= 0 }) { return "controller.meanSquare: holds a negative or non-finite value" }
        if let b = baseline, !b.isFinite { return "baseline: is not finite" }
        if let b = rewardBaseline, !b.isFinite { return "rewardBaseline: is not finite" }
        return nil
    }

    /// Why `controller.step` cannot be this checkpoint's, or nil when it can.
    ///
    /// The step counts controller updates, at most one per episode, so it lies in
    /// `0...episode`; any other value was not written by fnas. It drives the learning-rate decay,
    /// so it is refused rather than trusted (a step of 9e18 decays the rate to 0) or silently
    /// replaced by a rebuild that would hide the edit.
    var stepProblem: String? {
        let step = controller.step
        if episode >= 0, !(0...episode).contains(step) {
            return "must be between 0 and the checkpoint's episode (\(episode)), got \(step)"
        }
        return nil
    }
}
