import FNASCore

/// The moving average of rewards that centres the controller's advantage
/// (``RewardSettings/centersAdvantage``), kept per spec: rewards under another spec are not
/// comparable, so a spec change starts a new average.
///
/// Driven only by committed trials (their reward and the spec they were judged under), so
/// replaying a run's log on resume reproduces the live loop's advantages exactly.
public struct RewardCentering: Sendable, Hashable {
    /// The average of the rewards under `spec` so far; nil before the first.
    public private(set) var average: Double?
    /// The spec the average is under.
    public private(set) var spec: LatencySpec?

    public init(average: Double? = nil, spec: LatencySpec? = nil) {
        self.average = average
        self.spec = spec
    }

    /// The advantage of `reward` (judged under `spec`), then folds it into the average.
    ///
    /// - Parameter baseline: the trial's accuracy baseline (the soft form's advantage uses it).
    public mutating func advantage(reward: Double, spec: LatencySpec, baseline: Double, settings: RewardSettings) -> Double {
        guard settings.centersAdvantage else { return settings.advantage(reward: reward, baseline: baseline) }
        if self.spec != spec { average = nil; self.spec = spec }
        let advantage = settings.advantage(reward: reward, baseline: baseline, rewardBaseline: average)
        average = settings.updatedRewardBaseline(average, reward: reward)
        return advantage
    }
}
