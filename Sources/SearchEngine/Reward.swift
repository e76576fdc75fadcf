import FNASCore

/// Which reward formula turns a child's accuracy and latency into the controller's reward.
public enum RewardForm: String, Sendable, Hashable, Codable, CaseIterable {
    /// The authors' code: scaled by 1/`latencyScale` and clipped to +-`clip`.
    case fnas
    /// The paper's two-case form: the same shape without the scale and the clip.
    case paper
    /// MnasNet's soft constraint A * (L / r)^w, w = `softExponent`; nothing is pruned by it.
    case soft
}

/// The reward formulas and their constants.
///
/// With L the child's latency, r the spec, A its best validation accuracy and b the baseline:
///
/// | form | L > r (pruned) | L <= r (trained) |
/// |---|---|---|
/// | fnas | clip((r - L)/(s r) - 1) - w min(log2(L/r), 4) | clip(A - b + L/(s r)) |
/// | paper | (r - L)/r - 1 | A - b + L/r |
/// | soft | 0 (an untrained child has no accuracy) | A * (L/r)^w |
///
/// s = `latencyScale` (10), clip to [-`clip`, `clip`] (0.1), w = `overshootWeight` (0) for fnas and
/// `softExponent` (-0.07) for soft.
/// For fnas and paper, b is an exponential moving average (decay `baselineDecay`, 0.8) of the
/// trained children's accuracy, and the reward is the controller's advantage as is. For soft,
/// b averages the rewards and the advantage is R - b. Accuracy-only NAS (`SearchStrategy.nas`)
/// drops the latency term: R = A - b (fnas: clipped). An infeasible child counts as pruned
/// with L = +infinity (fnas: -clip; paper: the worst finite value, -`infeasiblePenalty`).
///
/// Centering (`rewardBaselineDecay` > 0, fnas and paper): the controller's advantage is the
/// reward minus a moving average of the rewards under the spec in force, reset when the spec
/// changes. The authors use the reward itself, whose latency term L/(s r) is positive for every
/// child that meets the spec: every met sample is reinforced, so the policy collapses onto the
/// first few children it meets (docs/search.md, "Keeping the search exploring").
public struct RewardSettings: Sendable, Hashable, Codable {
    public var form: RewardForm
    public var latencyScale: Double
    public var clip: Double
    public var softExponent: Double
    public var baselineDecay: Double
    /// Reward of an infeasible child under the unclipped paper form (its L is not finite).
    public var infeasiblePenalty: Double
    /// Decay of the moving average of rewards that centres the advantage (fnas and paper);
    /// 0 is the authors' uncentred advantage.
    public var rewardBaselineDecay: Double
    /// fnas form: what each doubling of a pruned child's latency over the spec costs beyond
    /// -`clip` (up to ``overshootDoublings`` doublings; an infeasible child costs the most), so
    /// that a policy drawing children far over the spec is led back; 0 is the authors' flat -clip.
    public var overshootWeight: Double

    /// fnas's default centring decay.
    public static let defaultRewardBaselineDecay = 0.9

    public init(form: RewardForm = .fnas, latencyScale: Double = 10, clip: Double = 0.1,
                softExponent: Double = -0.07, baselineDecay: Double = 0.8, infeasiblePenalty: Double = 2,
                rewardBaselineDecay: Double = RewardSettings.defaultRewardBaselineDecay,
                overshootWeight: Double = RewardSettings.defaultOvershootWeight) {
        self.form = form; self.latencyScale = latencyScale; self.clip = clip
        self.softExponent = softExponent; self.baselineDecay = baselineDecay; self.infeasiblePenalty = infeasiblePenalty
        self.rewardBaselineDecay = rewardBaselineDecay; self.overshootWeight = overshootWeight
    }

    /// fnas's default ``overshootWeight``.
    public static let defaultOvershootWeight = 0.0
    /// The doublings over the spec past which a pruned child costs no more.
    public static let overshootDoublings = 4.0

    /// Whether the advantage is centred by a moving average of rewards (never for soft, whose
    /// baseline already averages rewards).
    public var centersAdvantage: Bool { form != .soft && rewardBaselineDecay > 0 }

    /// Checks the constants.
    ///
    /// - Throws: ``InputError`` naming the bad field of `source`.
    public func validate(source: String = "reward") throws {
        func fail(_ field: String, _ message: String) -> InputError { InputError(source: source, field: field, message) }
        if !(latencyScale.isFinite && latencyScale > 0) { throw fail("latencyScale", "must be positive (got \(latencyScale))") }
        if !(clip.isFinite && clip > 0) { throw fail("clip", "must be positive (got \(clip))") }
        if !softExponent.isFinite { throw fail("softExponent", "must be a finite number (got \(softExponent))") }
        if !(baselineDecay >= 0 && baselineDecay < 1) { throw fail("baselineDecay", "must be in [0, 1) (got \(baselineDecay))") }
        if !(infeasiblePenalty.isFinite && infeasiblePenalty >= 0) { throw fail("infeasiblePenalty", "must be zero or positive") }
        if !(overshootWeight.isFinite && overshootWeight >= 0) {
            throw fail("overshootWeight", "must be zero or positive (got \(overshootWeight))")
        }
        if !(rewardBaselineDecay >= 0 && rewardBaselineDecay < 1) {
            throw fail("rewardBaselineDecay", "must be in [0, 1) (got \(rewardBaselineDecay))")
        }
    }

    func clipped(_ x: Double) -> Double { min(max(x, -clip), clip) }

    /// Reward of a child that was not trained because it misses the spec (or cannot be mapped).
    ///
    /// - Parameters:
    ///   - latencyMicroseconds: L (infinity when infeasible).
    ///   - spec: r in microseconds.
    public func prunedReward(latencyMicroseconds L: Double, spec r: Double) -> Double {
        switch form {
        case .fnas:
            let doublings = L.isFinite ? min(max(log2(L / r), 0), Self.overshootDoublings) : Self.overshootDoublings
            return (L.isFinite ? clipped((r - L) / (latencyScale * r) - 1) : -clip) - overshootWeight * doublings
        case .paper: return L.isFinite ? max((r - L) / r - 1, -infeasiblePenalty - 1) : -infeasiblePenalty - 1
        case .soft: return 0
        }
    }

    /// Reward of a trained child with accuracy A (in [0, 1]) and baseline b.
    ///
    /// - Parameter useLatency: false for accuracy-only NAS.
    public func trainedReward(accuracy A: Double, latencyMicroseconds L: Double, spec r: Double,
                              baseline b: Double, useLatency: Bool = true) -> Double {
        switch form {
        case .fnas: return clipped(A - b + (useLatency ? L / (latencyScale * r) : 0))
        case .paper: return A - b + (useLatency && L.isFinite ? L / r : 0)
        case .soft:
            guard useLatency, L.isFinite, L > 0 else { return A }
            return A * pow(L / r, softExponent)
        }
    }

    /// The advantage the controller's update multiplies log pi by.
    ///
    /// - Parameter rewardBaseline: the moving average of rewards when ``centersAdvantage``
    ///   (nil for the first reward under a spec, whose advantage is then 0).
    public func advantage(reward: Double, baseline: Double, rewardBaseline: Double? = nil) -> Double {
        if form == .soft { return reward - baseline }
        return centersAdvantage ? reward - (rewardBaseline ?? reward) : reward
    }

    /// The moving average of rewards after `reward` (``centersAdvantage``).
    public func updatedRewardBaseline(_ rewardBaseline: Double?, reward: Double) -> Double {
        guard let b = rewardBaseline else { return reward }
        return rewardBaselineDecay * b + (1 - rewardBaselineDecay) * reward
    }

    /// The baseline after a child: fnas/paper average trained accuracies, soft averages rewards.
    ///
    /// - Parameters:
    ///   - baseline: the current baseline, nil before the first sample that sets it.
    ///   - accuracy: the child's accuracy, nil when it was not trained.
    public func updatedBaseline(_ baseline: Double?, accuracy: Double?, reward: Double) -> Double? {
        let sample: Double?
        switch form {
        case .fnas, .paper: sample = accuracy
        case .soft: sample = reward
        }
        guard let x = sample else { return baseline }
        guard let b = baseline else { return x }
        return baselineDecay * b + (1 - baselineDecay) * x
    }
}

extension RewardSettings {
    /// The reward `trial` would have had under `spec` (fnas and paper forms), for relearning
    /// after a spec change: the pruned reward when its latency is over `spec`; else the trained
    /// reward of its accuracy, or of the accuracy `baseline` when it was never trained (a child
    /// pruned under a tighter spec that fits now counts as average).
    public func reward(of trial: Trial, under spec: LatencySpec, baseline: Double?) -> Double {
        let latency = trial.latency.feasible ? trial.latency.latencyMicroseconds : .infinity
        guard trial.latency.meets(spec) else { return prunedReward(latencyMicroseconds: latency, spec: spec.microseconds) }
        let b = baseline ?? trial.accuracy ?? 0
        return trainedReward(accuracy: trial.accuracy ?? b, latencyMicroseconds: latency, spec: spec.microseconds, baseline: b)
    }
}

extension RewardSettings {
    private enum CodingKeys: String, CodingKey {
        case form, latencyScale, clip, softExponent, baselineDecay, infeasiblePenalty, rewardBaselineDecay, overshootWeight
    }

    /// Reads every field; `rewardBaselineDecay`, absent from runs written before centring
    /// existed, reads as 0 so that such a run resumes with the advantage it was run with.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(form: try c.decode(RewardForm.self, forKey: .form),
                  latencyScale: try c.decode(Double.self, forKey: .latencyScale),
                  clip: try c.decode(Double.self, forKey: .clip),
                  softExponent: try c.decode(Double.self, forKey: .softExponent),
                  baselineDecay: try c.decode(Double.self, forKey: .baselineDecay),
                  infeasiblePenalty: try c.decode(Double.self, forKey: .infeasiblePenalty),
                  rewardBaselineDecay: try c.decodeIfPresent(Double.self, forKey: .rewardBaselineDecay) ?? 0,
                  overshootWeight: try c.decodeIfPresent(Double.self, forKey: .overshootWeight) ?? 0)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
