/// Rectified linear unit, `max(0, x)`, on its own (child networks use the fused ``BatchNorm``).
public final class ReLU: Layer {
    public var threads = 1
    private var output = Tensor(batch: 0, channels: 0, height: 0, width: 0)

    public init() {}

    public var summary: String { "relu" }
    public func outputShape(for input: FeatureShape) throws -> FeatureShape { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        var y = x
        y.data.withUnsafeMutableBufferPointer { ys in
            for i in ys.indices { ys[i] = max(ys[i], 0) }
        }
        output = y
        return y
    }

    /// The gradient passes where the output was positive (the subgradient at 0 is taken as 0).
    public func backward(_ gy: Tensor) -> Tensor {
        var gx = gy
        gx.data.withUnsafeMutableBufferPointer { gs in
            output.data.withUnsafeBufferPointer { ys in
                for i in gs.indices where ys[i] <= 0 { gs[i] = 0 }
            }
        }
        return gx
    }
}
