import FNASCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The RNN controller of the FNAS authors' code: it samples a child one decision at a time.
///
/// Step t reads the embedding of decision t-1's choice (from that decision kind's table; a
/// learned start vector at t = 0), advances one LSTM cell, and a softmax classifier of decision
/// t's kind gives the probabilities of its choices. It learns by REINFORCE with an entropy bonus:
/// `loss = -(R - b) * sum_t log pi(a_t) - beta * sum_t H(pi_t) + l2/2 * |theta|^2`, where
/// `H(pi_t)` is the entropy of decision t's distribution along the sample and beta is
/// `config.entropyWeight`, with backpropagation through time written out by hand, and RMSProp.
///
/// A value type: copying it copies weights and optimiser state. Not thread-safe; the engine owns it.
public struct LSTMController: Sendable, Hashable, Codable {
    public let config: ControllerSettings
    public let layout: ParameterLayout
    /// The decision kind of each step, e.g. [kernel, filters, kernel, filters, ...].
    public let plan: [Int]
    /// All weights, laid out by `layout`.
    public internal(set) var parameters: [Double]
    /// RMSProp running mean of squared gradients, one per parameter.
    public internal(set) var meanSquare: [Double]
    /// Number of updates applied (drives the learning-rate decay).
    public internal(set) var step: Int

    /// Creates a controller with weights drawn from `rng`.
    ///
    /// - Parameters:
    ///   - kindSizes: number of choices of each decision kind (each at least 1).
    ///   - plan: the kind of each decision, in sampling order.
    public init(config: ControllerSettings, kindSizes: [Int], plan: [Int], rng: inout SeededGenerator) {
        self.config = config
        self.layout = ParameterLayout(embeddingSize: config.embeddingSize, hiddenUnits: config.hiddenUnits,
                                      kindSizes: kindSizes)
        self.plan = plan
        var theta = [Double](repeating: 0, count: layout.count)
        for i in theta.indices where !layout.isBias(i) {
            theta[i] = (rng.nextUnit() * 2 - 1) * config.initScale
        }
        parameters = theta
        meanSquare = [Double](repeating: config.rmsInitial, count: layout.count)
        step = 0
    }

    // MARK: - Forward

    /// The activations of one step, kept for backpropagation.
    struct StepCache {
        var input: [Double]       // x_t (E)
        var hPrev: [Double]       // h_{t-1} (H)
        var cPrev: [Double]
        var gates: [Double]       // activated i, f, g, o (4H)
        var c: [Double]
        var h: [Double]
        var probabilities: [Double]
        var action: Int
    }

    /// One pass of the controller over every decision.
    struct Rollout {
        var steps: [StepCache]
        var actions: [Int] { steps.map(\.action) }
        var logProbability: Double { steps.reduce(0) { $0 + log(max($1.probabilities[$1.action], .leastNormalMagnitude)) } }
        var entropy: Double {
            steps.reduce(0) { acc, s in acc - s.probabilities.reduce(0) { $1 > 0 ? $0 + $1 * log($1) : $0 } }
        }
    }

    /// Runs the controller; `choose` picks each step's action from its probabilities.
    func run(_ choose: (_ probabilities: [Double], _ step: Int) -> Int) -> Rollout {
        let E = layout.embeddingSize, H = layout.hiddenUnits, width = E + H
        let theta = parameters
        var h = [Double](repeating: 0, count: H), c = [Double](repeating: 0, count: H)
        var x = Array(theta[layout.start])
        var steps: [StepCache] = []
        steps.reserveCapacity(plan.count)
        for (t, kind) in plan.enumerated() {
            var gates = [Double](repeating: 0, count: 4 * H)
            let w0 = layout.lstmWeights.lowerBound, b0 = layout.lstmBias.lowerBound
            let xh = x + h
            theta.withUnsafeBufferPointer { w in
                xh.withUnsafeBufferPointer { v in
                    for row in 0..<(4 * H) {
                        var z = w[b0 + row]
                        let base = w0 + row * width
                        for j in 0..<width { z += w[base + j] * v[j] }
                        gates[row] = row >= 2 * H && row < 3 * H ? tanh(z) : 1 / (1 + exp(-z))
                    }
                }
            }
            var cNew = [Double](repeating: 0, count: H), hNew = [Double](repeating: 0, count: H)
            for j in 0..<H {
                cNew[j] = gates[H + j] * c[j] + gates[j] * gates[2 * H + j]
                hNew[j] = gates[3 * H + j] * tanh(cNew[j])
            }
            let n = layout.kindSizes[kind]
            let ow = layout.outputWeights[kind].lowerBound, ob = layout.outputBias[kind].lowerBound
            var logits = [Double](repeating: 0, count: n)
            for a in 0..<n {
                var z = theta[ob + a]
                for j in 0..<H { z += theta[ow + a * H + j] * hNew[j] }
                logits[a] = z / config.temperature
            }
            let probabilities = Self.softmax(logits)
            let action = min(max(choose(probabilities, t), 0), n - 1)
            steps.append(StepCache(input: x, hPrev: h, cPrev: c, gates: gates, c: cNew, h: hNew,
                                   probabilities: probabilities, action: action))
            h = hNew; c = cNew
            let e = layout.embeddings[kind].lowerBound + action * E
            x = Array(theta[e..<(e + E)])
        }
        return Rollout(steps: steps)
    }

    static func softmax(_ z: [Double]) -> [Double] {
        let m = z.max() ?? 0
        let e = z.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// Samples one choice per decision from the policy (or its argmax when `config.greedy`).
    public func sample(using rng: inout SeededGenerator) -> [Int] {
        sampleRollout(using: &rng).actions
    }

    /// A sample with its activations, so the update after the episode need not run forward again.
    func sampleRollout(using rng: inout SeededGenerator) -> Rollout {
        let greedy = config.greedy
        return run { p, _ in
            if greedy { return p.indices.max { p[$0] < p[$1] } ?? 0 }
            let u = rng.nextUnit()
            var acc = 0.0
            for (i, q) in p.enumerated() {
                acc += q
                if u < acc { return i }
            }
            return p.count - 1
        }
    }

    /// The probability of each choice at each decision when `actions` are taken (teacher forcing).
    public func probabilities(following actions: [Int]) -> [[Double]] {
        run { _, t in actions[t] }.steps.map(\.probabilities)
    }

    // MARK: - REINFORCE

    /// The REINFORCE loss of taking `actions` with the given advantage `R - b`, including the
    /// entropy bonus and L2.
    public func loss(actions: [Int], advantage: Double) -> Double {
        let rollout = run { _, t in actions[t] }
        let penalty = parameters.reduce(0) { $0 + $1 * $1 } * config.l2 / 2
        return -advantage * rollout.logProbability - config.entropyWeight * rollout.entropy + penalty
    }

    /// The loss, the policy entropy (nats, summed over decisions) and the gradient of the loss
    /// with respect to every parameter, by backpropagation through time.
    public func lossAndGradient(actions: [Int], advantage: Double) -> (loss: Double, entropy: Double, gradient: [Double]) {
        lossAndGradient(rollout: run { _, t in actions[t] }, advantage: advantage)
    }

    /// The same from a rollout computed with the current parameters.
    func lossAndGradient(rollout: Rollout, advantage: Double) -> (loss: Double, entropy: Double, gradient: [Double]) {
        let E = layout.embeddingSize, H = layout.hiddenUnits, width = E + H
        let theta = parameters
        var grad = theta.map { $0 * config.l2 }
        let penalty = theta.reduce(0) { $0 + $1 * $1 } * config.l2 / 2
        var dhNext = [Double](repeating: 0, count: H), dcNext = [Double](repeating: 0, count: H)
        let w0 = layout.lstmWeights.lowerBound, b0 = layout.lstmBias.lowerBound
        for t in stride(from: plan.count - 1, through: 0, by: -1) {
            let s = rollout.steps[t], kind = plan[t]
            // d(-adv * log p_a)/d logit_j = adv * (p_j - [j == a]) / T, and with H = -sum p log p,
            // d(-beta * H)/d logit_j = beta * p_j * (log p_j + H) / T.
            let ow = layout.outputWeights[kind].lowerBound, ob = layout.outputBias[kind].lowerBound
            var dh = dhNext
            let beta = config.entropyWeight
            let stepEntropy = beta == 0 ? 0 : -s.probabilities.reduce(0) { $1 > 0 ? $0 + $1 * log($1) : $0 }
            for a in 0..<s.probabilities.count {
                let p = s.probabilities[a]
                let bonus = beta == 0 || p == 0 ? 0 : beta * p * (log(p) + stepEntropy)
                let dz = (advantage * (p - (a == s.action ? 1 : 0)) + bonus) / config.temperature
                grad[ob + a] += dz
                for j in 0..<H {
                    grad[ow + a * H + j] += dz * s.h[j]
                    dh[j] += dz * theta[ow + a * H + j]
                }
            }
            var dz = [Double](repeating: 0, count: 4 * H)
            for j in 0..<H {
                let i = s.gates[j], f = s.gates[H + j], g = s.gates[2 * H + j], o = s.gates[3 * H + j]
                let tc = tanh(s.c[j])
                let dc = dcNext[j] + dh[j] * o * (1 - tc * tc)
                dz[j] = dc * g * i * (1 - i)
                dz[H + j] = dc * s.cPrev[j] * f * (1 - f)
                dz[2 * H + j] = dc * i * (1 - g * g)
                dz[3 * H + j] = dh[j] * tc * o * (1 - o)
                dcNext[j] = dc * f
            }
            var dx = [Double](repeating: 0, count: E)
            let xh = s.input + s.hPrev
            var dxh = [Double](repeating: 0, count: width)
            grad.withUnsafeMutableBufferPointer { g in
                theta.withUnsafeBufferPointer { w in
                    xh.withUnsafeBufferPointer { v in
                        dxh.withUnsafeMutableBufferPointer { dv in
                            for row in 0..<(4 * H) where dz[row] != 0 {
                                let d = dz[row], base = w0 + row * width
                                g[b0 + row] += d
                                for j in 0..<width {
                                    g[base + j] += d * v[j]
                                    dv[j] += d * w[base + j]
                                }
                            }
                        }
                    }
                }
            }
            for j in 0..<E { dx[j] = dxh[j] }
            for j in 0..<H { dhNext[j] = dxh[E + j] }
            // x_t is the start vector or the embedding row of the previous decision's choice.
            let target = t == 0 ? layout.start.lowerBound
                : layout.embeddings[plan[t - 1]].lowerBound + rollout.steps[t - 1].action * E
            for j in 0..<E { grad[target + j] += dx[j] }
        }
        let entropy = rollout.entropy
        return (-advantage * rollout.logProbability - config.entropyWeight * entropy + penalty, entropy, grad)
    }

    /// Applies one REINFORCE step with RMSProp.
    ///
    /// - Parameter relearning: an extra update of relearning after a spec change: at
    ///   `learningRateScale` times the current learning rate, and not counted in ``step``
    ///   (which drives the learning-rate decay and counts one update per episode).
    /// - Returns: the loss and entropy before the step.
    @discardableResult
    public mutating func update(actions: [Int], advantage: Double,
                                relearning learningRateScale: Double? = nil) -> (loss: Double, entropy: Double) {
        update(rollout: run { _, t in actions[t] }, advantage: advantage, relearning: learningRateScale)
    }

    /// One step from a rollout of the current parameters (e.g. the one `sampleRollout` returned).
    @discardableResult
    mutating func update(rollout: Rollout, advantage: Double,
                         relearning learningRateScale: Double? = nil) -> (loss: Double, entropy: Double) {
        var (loss, entropy, grad) = lossAndGradient(rollout: rollout, advantage: advantage)
        if config.gradientClip > 0 {
            let norm = grad.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > config.gradientClip { grad = grad.map { $0 * config.gradientClip / norm } }
        }
        let lr = config.learningRate(atStep: step) * (learningRateScale ?? 1), rho = config.rmsDecay, eps = config.rmsEpsilon
        for i in parameters.indices {
            meanSquare[i] = rho * meanSquare[i] + (1 - rho) * grad[i] * grad[i]
            parameters[i] -= lr * grad[i] / (meanSquare[i].squareRoot() + eps)
        }
        if learningRateScale == nil { step += 1 }
        return (loss, entropy)
    }
}

extension LSTMController {
    /// The same controller (weights and optimiser state) decoding greedily or by sampling.
    public init(copying other: LSTMController, greedy: Bool) {
        var config = other.config
        config.greedy = greedy
        self.config = config
        layout = other.layout; plan = other.plan
        parameters = other.parameters; meanSquare = other.meanSquare; step = other.step
    }
}
