import FNASCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Hyper-parameters of the LSTM controller and its optimiser.
///
/// The defaults are those of the FNAS authors' code: 32 hidden units, 20-d embeddings,
/// RMSProp with learning rate 0.1 decayed x0.95 every 500 steps (staircase), L2 1e-3,
/// exploration 0.1 (a uniformly random architecture with that probability).
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

    public init(hiddenUnits: Int = 32, embeddingSize: Int = 20, learningRate: Double = 0.1,
                decayRate: Double = 0.95, decaySteps: Int = 500, l2: Double = 1e-3,
                exploration: Double = 0.1, temperature: Double = 1, greedy: Bool = false,
                rmsDecay: Double = 0.9, rmsEpsilon: Double = 1e-8, rmsInitial: Double = 1, initScale: Double = 0.1,
                gradientClip: Double = 0) {
        self.hiddenUnits = hiddenUnits; self.embeddingSize = embeddingSize
        self.learningRate = learningRate; self.decayRate = decayRate; self.decaySteps = decaySteps
        self.l2 = l2; self.exploration = exploration; self.temperature = temperature; self.greedy = greedy
        self.rmsDecay = rmsDecay; self.rmsEpsilon = rmsEpsilon; self.rmsInitial = rmsInitial; self.initScale = initScale
        self.gradientClip = gradientClip
    }

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
