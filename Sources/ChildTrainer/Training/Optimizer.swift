import Foundation

/// Which update rule trains the network, with its hyper-parameters.
public enum OptimizerKind: Sendable, Hashable, Codable {
    /// Adam (Kingma & Ba) with bias correction.
    case adam(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7)
    /// Stochastic gradient descent with (heavy-ball) momentum.
    case sgd(learningRate: Float, momentum: Float = 0.9)

    public var learningRate: Float {
        switch self {
        case .adam(let lr, _, _, _), .sgd(let lr, _): return lr
        }
    }

    public var name: String {
        switch self {
        case .adam: return "adam"
        case .sgd: return "sgd"
        }
    }
}

/// Applies one optimizer step to a network's parameters and keeps the per-parameter state
/// (momentum, Adam moments). Weight decay is L2 added to the gradient (`g + wd * w`), applied to
/// weights only (``Parameter/isWeight``), as PyTorch's `weight_decay` does.
public final class Optimizer {
    public let kind: OptimizerKind
    public let weightDecay: Float
    public private(set) var step = 0
    private var first: [ObjectIdentifier: [Float]] = [:]
    private var second: [ObjectIdentifier: [Float]] = [:]

    public init(_ kind: OptimizerKind, weightDecay: Float = 0) {
        self.kind = kind
        self.weightDecay = weightDecay
    }

    /// Updates every parameter from its accumulated gradient (it does not clear the gradient).
    public func update(_ parameters: [Parameter]) {
        step += 1
        for p in parameters {
            let id = ObjectIdentifier(p)
            let decay = p.isWeight ? weightDecay : 0
            switch kind {
            case let .sgd(lr, momentum):
                var v = first.removeValue(forKey: id) ?? [Float](repeating: 0, count: p.value.count)
                p.value.withUnsafeMutableBufferPointer { w in
                    p.gradient.withUnsafeBufferPointer { g in
                        v.withUnsafeMutableBufferPointer { vs in
                            for i in w.indices {
                                let grad = g[i] + decay * w[i]
                                vs[i] = momentum * vs[i] + grad
                                w[i] -= lr * vs[i]
                            }
                        }
                    }
                }
                first[id] = v
            case let .adam(lr, beta1, beta2, epsilon):
                var m = first.removeValue(forKey: id) ?? [Float](repeating: 0, count: p.value.count)
                var v = second.removeValue(forKey: id) ?? [Float](repeating: 0, count: p.value.count)
                let c1 = 1 - Float(Foundation.pow(Double(beta1), Double(step)))
                let c2 = 1 - Float(Foundation.pow(Double(beta2), Double(step)))
                p.value.withUnsafeMutableBufferPointer { w in
                    p.gradient.withUnsafeBufferPointer { g in
                        m.withUnsafeMutableBufferPointer { ms in
                            v.withUnsafeMutableBufferPointer { vs in
                                for i in w.indices {
                                    let grad = g[i] + decay * w[i]
                                    ms[i] = beta1 * ms[i] + (1 - beta1) * grad
                                    vs[i] = beta2 * vs[i] + (1 - beta2) * grad * grad
                                    let mHat = ms[i] / c1, vHat = vs[i] / c2
                                    w[i] -= lr * mHat / (vHat.squareRoot() + epsilon)
                                }
                            }
                        }
                    }
                }
                first[id] = m
                second[id] = v
            }
        }
    }
}
