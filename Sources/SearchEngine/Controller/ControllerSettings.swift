import FNASCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hyper-parameters of the LSTM controller and its optimiser.
///
/// The shape is the FNAS authors' code: 32 hidden units, 20-d embeddings, RMSProp decayed x0.95
/// every 500 steps (staircase), L2 1e-3, exploration 0.1 (a uniformly random architecture with
/// that probability). Their learning rate, 0.1, collapses the policy onto one child within a
/// few hundred episodes: RMSProp divides each gradient by its own running size, so every update
/// moves every weight by about the learning rate whatever the advantage, and 0.1 saturates the
/// softmax. fnas defaults to ``defaultLearningRate`` and adds an entropy bonus
/// (``entropyWeight``) and resampling of children already evaluated (``duplicateResamples``);
/// `ControllerSettings(learningRate: 0.1, entropyWeight: 0, duplicateResamples: 0)` is the
/// authors' controller. The two additions read as 0 from runs written before they existed, so
/// those runs resume exactly as they were.
public struct ControllerSettings: Sendable, Hashable, Codable {
    public var hiddenUnits: Int
    public var embeddingSize: Int
    public var learningRate: Double
    /// Multiplies the learning rate once every `decaySteps` updates.
    public var decayRate: Double
    public var decaySteps: Int
    /// L2 weight penalty: the loss gains `l2 / 2 * |theta|^2`.
    public var l2: Double
    /// Probability of sampling a uniformly random architecture instead of the policy's.
    public var exploration: Double
    /// Softmax temperature for sampling (logits are divided by it).
    public var temperature: Double
    /// Decode by argmax (the authors' code) instead of sampling from the softmax.
    public var greedy: Bool
    /// RMSProp moving-average factor of squared gradients.
    public var rmsDecay: Double
    public var rmsEpsilon: Double
    /// Starting value of RMSProp's mean square: 1, as TensorFlow 1's `RMSPropOptimizer` (the
    /// authors' framework); with 0 the first steps are lr * sign(g) on every weight at once.
    public var rmsInitial: Double
    /// Weights start uniform in [-initScale, initScale]; biases start at zero.
    public var initScale: Double
    /// Rescale the gradient to at most this L2 norm (0: no clipping, as the authors).
    public var gradientClip: Double
    /// Weight of the policy's entropy bonus: the loss gains `-entropyWeight * sum_t H(pi_t)`
    /// over the decisions of the sample, which pushes back against a policy that has become
    /// certain. 0 is the authors' loss.
    public var entropyWeight: Double
    /// How many times a sample that repeats a child already evaluated is drawn again (from the
    /// same policy) before the repeat is accepted and its result reused. 0 is the authors' loop.
    public var duplicateResamples: Int
    /// After the user changes the spec, the exploration probability is at least this for
    /// ``specChangeEpisodes`` episodes: uniform children show the controller what the new spec
    /// allows sooner than its own samples, which were shaped by the old one.
    public var specChangeExploration: Double
    /// How many episodes the boost lasts (0: no boost, the authors' loop).
    public var specChangeEpisodes: Int
    /// After the user changes the spec, the controller learns at once from up to this many of
    /// the latest distinct children already evaluated, each re-scored under the new spec (its
    /// latency is known; an untrained child that now fits counts as of average accuracy), so
    /// the policy follows the spec within a few episodes instead of hundreds. 0: off, the authors' loop.
    public var specChangeReplay: Int
    /// The learning rate of those updates, as a multiple of the current one: the re-scored
    /// children say where the new spec's good children are, and at the normal rate 100 updates
    /// barely move the policy.
    public var specChangeReplayBoost: Double

    public init(hiddenUnits: Int = 32, embeddingSize: Int = 20, learningRate: Double = ControllerSettings.defaultLearningRate,
                decayRate: Double = 0.95, decaySteps: Int = 500, l2: Double = 1e-3,
                exploration: Double = 0.1, temperature: Double = 1, greedy: Bool = false,
                rmsDecay: Double = 0.9, rmsEpsilon: Double = 1e-8, rmsInitial: Double = 1, initScale: Double = 0.1,
                gradientClip: Double = 0, entropyWeight: Double = ControllerSettings.defaultEntropyWeight,
                duplicateResamples: Int = ControllerSettings.defaultDuplicateResamples,
                specChangeExploration: Double = 1, specChangeEpisodes: Int = 30,
                specChangeReplay: Int = ControllerSettings.defaultSpecChangeReplay,
                specChangeReplayBoost: Double = ControllerSettings.defaultSpecChangeReplayBoost) {
        self.hiddenUnits = hiddenUnits; self.embeddingSize = embeddingSize
        self.learningRate = learningRate; self.decayRate = decayRate; self.decaySteps = decaySteps
        self.l2 = l2; self.exploration = exploration; self.temperature = temperature; self.greedy = greedy
        self.rmsDecay = rmsDecay; self.rmsEpsilon = rmsEpsilon; self.rmsInitial = rmsInitial; self.initScale = initScale
        self.gradientClip = gradientClip
        self.entropyWeight = entropyWeight; self.duplicateResamples = duplicateResamples
        self.specChangeExploration = specChangeExploration; self.specChangeEpisodes = specChangeEpisodes
        self.specChangeReplay = specChangeReplay; self.specChangeReplayBoost = specChangeReplayBoost
    }

    /// The exploration probability of an episode `sinceSpecChange` episodes after the last
    /// spec change (0 for the first episode under the new spec; nil when the spec never changed).
    public func exploration(sinceSpecChange: Int?) -> Double {
        guard let since = sinceSpecChange, since >= 0, since < specChangeEpisodes else { return exploration }
        return max(exploration, specChangeExploration)
    }

    /// fnas's default learning rate (the authors': 0.1; see docs/search.md, "Keeping the search exploring").
    public static let defaultLearningRate = 0.002
    /// fnas's default entropy weight.
    public static let defaultEntropyWeight = 0.02
    /// fnas's default number of resamples of a repeated child.
    public static let defaultDuplicateResamples = 8
    /// fnas's default number of earlier children re-scored after a spec change.
    public static let defaultSpecChangeReplay = 100
    /// fnas's default learning-rate multiple of those updates.
    public static let defaultSpecChangeReplayBoost = 10.0

    /// Checks every field.
    ///
    /// - Throws: ``InputError`` naming the bad field of `source`.
    public func validate(source: String = "controller") throws {
        func fail(_ field: String, _ message: String) -> InputError { InputError(source: source, field: field, message) }
        if hiddenUnits < 1 { throw fail("hiddenUnits", "must be at least 1 (got \(hiddenUnits))") }
        if embeddingSize < 1 { throw fail("embeddingSize", "must be at least 1 (got \(embeddingSize))") }
        if !(learningRate.isFinite && learningRate > 0) { throw fail("learningRate", "must be positive (got \(learningRate))") }
        if !(decayRate.isFinite && decayRate > 0 && decayRate <= 1) { throw fail("decayRate", "must be in (0, 1] (got \(decayRate))") }
        if decaySteps < 1 { throw fail("decaySteps", "must be at least 1 (got \(decaySteps))") }
        if !(l2.isFinite && l2 >= 0) { throw fail("l2", "must be zero or positive (got \(l2))") }
        if !(exploration >= 0 && exploration <= 1) { throw fail("exploration", "must be in [0, 1] (got \(exploration))") }
        if !(temperature.isFinite && temperature > 0) { throw fail("temperature", "must be positive (got \(temperature))") }
        if !(rmsDecay >= 0 && rmsDecay < 1) { throw fail("rmsDecay", "must be in [0, 1) (got \(rmsDecay))") }
        if !(rmsEpsilon.isFinite && rmsEpsilon > 0) { throw fail("rmsEpsilon", "must be positive (got \(rmsEpsilon))") }
        if !(rmsInitial.isFinite && rmsInitial >= 0) { throw fail("rmsInitial", "must be zero or positive (got \(rmsInitial))") }
        if !(initScale.isFinite && initScale >= 0) { throw fail("initScale", "must be zero or positive (got \(initScale))") }
        if !(gradientClip.isFinite && gradientClip >= 0) { throw fail("gradientClip", "must be zero or positive (got \(gradientClip))") }
        if !(entropyWeight.isFinite && entropyWeight >= 0) { throw fail("entropyWeight", "must be zero or positive (got \(entropyWeight))") }
        if !(0...1000).contains(duplicateResamples) { throw fail("duplicateResamples", "must be in 0...1000 (got \(duplicateResamples))") }
        if !(specChangeExploration >= 0 && specChangeExploration <= 1) {
            throw fail("specChangeExploration", "must be in [0, 1] (got \(specChangeExploration))")
        }
        if !(0...1_000_000).contains(specChangeEpisodes) { throw fail("specChangeEpisodes", "must be in 0...1000000 (got \(specChangeEpisodes))") }
        if !(0...100_000).contains(specChangeReplay) { throw fail("specChangeReplay", "must be in 0...100000 (got \(specChangeReplay))") }
        if !(specChangeReplayBoost.isFinite && specChangeReplayBoost > 0 && specChangeReplayBoost <= 1000) {
            throw fail("specChangeReplayBoost", "must be in (0, 1000] (got \(specChangeReplayBoost))")
        }
    }

    /// The learning rate after `step` updates: staircase exponential decay,
    /// `learningRate * decayRate^(step / decaySteps)`.
    ///
    /// In closed form, so the time does not grow with `step`: a checkpoint claiming 9e18 steps
    /// used to spin for years in a loop of step/decaySteps multiplications.
    public func learningRate(atStep step: Int) -> Double {
        let decays = max(step, 0) / decaySteps
        return decays == 0 ? learningRate : learningRate * pow(decayRate, Double(decays))
    }
}

// MARK: - Codable

extension ControllerSettings {
    private enum CodingKeys: String, CodingKey {
        case hiddenUnits, embeddingSize, learningRate, decayRate, decaySteps, l2, exploration, temperature, greedy
        case rmsDecay, rmsEpsilon, rmsInitial, initScale, gradientClip, entropyWeight, duplicateResamples
        case specChangeExploration, specChangeEpisodes, specChangeReplay, specChangeReplayBoost
    }

    /// Reads every field; `entropyWeight`, `duplicateResamples`, the spec-change boost and the
    /// relearning, absent from runs written before they existed, read as 0 (the relearning's
    /// learning-rate multiple as its default, unused at 0) so that such a run resumes as it was run.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(hiddenUnits: try c.decode(Int.self, forKey: .hiddenUnits),
                  embeddingSize: try c.decode(Int.self, forKey: .embeddingSize),
                  learningRate: try c.decode(Double.self, forKey: .learningRate),
                  decayRate: try c.decode(Double.self, forKey: .decayRate),
                  decaySteps: try c.decode(Int.self, forKey: .decaySteps),
                  l2: try c.decode(Double.self, forKey: .l2),
                  exploration: try c.decode(Double.self, forKey: .exploration),
                  temperature: try c.decode(Double.self, forKey: .temperature),
                  greedy: try c.decode(Bool.self, forKey: .greedy),
                  rmsDecay: try c.decode(Double.self, forKey: .rmsDecay),
                  rmsEpsilon: try c.decode(Double.self, forKey: .rmsEpsilon),
                  rmsInitial: try c.decode(Double.self, forKey: .rmsInitial),
                  initScale: try c.decode(Double.self, forKey: .initScale),
                  gradientClip: try c.decode(Double.self, forKey: .gradientClip),
                  entropyWeight: try c.decodeIfPresent(Double.self, forKey: .entropyWeight) ?? 0,
                  duplicateResamples: try c.decodeIfPresent(Int.self, forKey: .duplicateResamples) ?? 0,
                  specChangeExploration: try c.decodeIfPresent(Double.self, forKey: .specChangeExploration) ?? 0,
                  specChangeEpisodes: try c.decodeIfPresent(Int.self, forKey: .specChangeEpisodes) ?? 0,
                  specChangeReplay: try c.decodeIfPresent(Int.self, forKey: .specChangeReplay) ?? 0,
                  specChangeReplayBoost: try c.decodeIfPresent(Double.self, forKey: .specChangeReplayBoost)
                      ?? ControllerSettings.defaultSpecChangeReplayBoost)
    }
}
