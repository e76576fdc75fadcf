/// Rectified linear unit, `max(0, x)`, on its own (child networks use the fused ``BatchNorm``).
public final class ReLU: Layer {
    public var threads = 1
    private var output = Tensor(batch: 0, channels: 0, height: 0, width: 0)

    public init() {}

    public var summary: String { "relu" }
    public func outputShape(for input: FeatureShape) throws -> FeatureShape { input }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let y = x.data.withUnsafeBufferPointer { xs in
            Tensor.uninitialized(batch: x.batch, channels: x.channels, height: x.height, width: x.width) { out in
                let src = xs.baseAddress!, dst = out.baseAddress!
                for i in 0..<xs.count { dst[i] = max(src[i], 0) }
            }
        }
        output = y
        return y
    }

    /// The gradient passes where the output was positive (the subgradient at 0 is taken as 0).
    public func backward(_ gy: Tensor) -> Tensor {
        gy.data.withUnsafeBufferPointer { gs in
            output.data.withUnsafeBufferPointer { ys in
                Tensor.uninitialized(batch: gy.batch, channels: gy.channels, height: gy.height, width: gy.width) { out in
                    let g = gs.baseAddress!, y = ys.baseAddress!, dst = out.baseAddress!
                    // Both loads happen unconditionally so the choice compiles to a vector select, not a branch.
                    for i in 0..<gs.count {
                        let gv = g[i], yv = y[i]
                        dst[i] = yv > 0 ? gv : 0
                    }
                }
            }
        }
    }
}
