import FNASCore

/// A trainable array of weights and the gradient the last backward pass accumulated into it.
///
/// A reference type on purpose: the optimizer and the layer that owns it update the same
/// storage in place every step. Not thread-safe.
public final class Parameter {
    /// A short name for messages and tests, e.g. `"conv1.weight"`.
    public let name: String
    public var value: [Float]
    public var gradient: [Float]
    /// Whether weight decay applies: conv and dense weights decay; biases and batch-norm
    /// scale/shift do not (decaying them only fights the normalisation).
    public let isWeight: Bool

    public init(name: String, value: [Float], isWeight: Bool = true) {
        self.name = name
        self.value = value
        self.gradient = [Float](repeating: 0, count: value.count)
        self.isWeight = isWeight
    }

    public func zeroGradient() {
        gradient.withUnsafeMutableBufferPointer { g in
            for i in g.indices { g[i] = 0 }
        }
    }
}

/// The shape a layer maps: channels x height x width of one image.
public struct FeatureShape: Sendable, Hashable, CustomStringConvertible {
    public var channels: Int
    public var height: Int
    public var width: Int

    public init(channels: Int, height: Int, width: Int) {
        self.channels = channels
        self.height = height
        self.width = width
    }

    public var count: Int { channels * height * width }
    public var description: String { "\(height)x\(width)x\(channels)" }
}

/// One differentiable stage of a network.
///
/// `forward` remembers what `backward` needs (the input, a mask, pool indices); `backward`
/// takes dLoss/dOutput, accumulates dLoss/dParameters into ``Parameter/gradient`` and returns
/// dLoss/dInput. Layers hold per-batch state and scratch buffers, so one layer instance belongs to
/// one network on one thread of control; the layer itself may use several threads inside.
public protocol Layer: AnyObject {
    /// A short description such as `conv5x5-18 s1 same`.
    var summary: String { get }
    /// The per-image output shape for a per-image input shape, or an error when it does not fit.
    func outputShape(for input: FeatureShape) throws -> FeatureShape
    func forward(_ input: Tensor, training: Bool) -> Tensor
    func backward(_ gradOutput: Tensor) -> Tensor
    var parameters: [Parameter] { get }
    /// How many threads the layer may use inside one call.
    var threads: Int { get set }
}

extension Layer {
    public var parameters: [Parameter] { [] }
}
