import FNASCore

/// Global average pooling: each feature map becomes its mean, giving `channels x 1 x 1`.
public final class GlobalAveragePool: Layer {
    public var threads = 1
    private var inputBatch = 0
    private var inputShape = FeatureShape(channels: 0, height: 0, width: 0)

    public init() {}

    public var summary: String { "global-average-pool" }

    public func outputShape(for input: FeatureShape) throws -> FeatureShape {
        FeatureShape(channels: input.channels, height: 1, width: 1)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        inputBatch = x.batch
        inputShape = FeatureShape(channels: x.channels, height: x.height, width: x.width)
        let plane = x.planeSize
        let scale = 1 / Float(plane)
        return x.data.withUnsafeBufferPointer { xs in
            Tensor.uninitialized(batch: x.batch, channels: x.channels, height: 1, width: 1) { out in
                for p in 0..<(x.batch * x.channels) {
                    out[p] = Kernels.sum(xs.baseAddress! + p * plane, plane) * scale
                }
            }
        }
    }

    public func backward(_ gy: Tensor) -> Tensor {
        let plane = inputShape.height * inputShape.width
        let scale = 1 / Float(plane)
        return gy.data.withUnsafeBufferPointer { gys in
            Tensor.uninitialized(batch: inputBatch, channels: inputShape.channels,
                                 height: inputShape.height, width: inputShape.width) { out in
                for p in 0..<gys.count {
                    let v = gys[p] * scale
                    (out.baseAddress! + p * plane).update(repeating: v, count: plane)
                }
            }
        }
    }
}

/// Flattens each image to `channels*height*width x 1 x 1` features; the data does not move.
public final class Flatten: Layer {
    public var threads = 1
    private var inputShape = FeatureShape(channels: 0, height: 0, width: 0)

    public init() {}

    public var summary: String { "flatten" }

    public func outputShape(for input: FeatureShape) throws -> FeatureShape {
        FeatureShape(channels: input.count, height: 1, width: 1)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        inputShape = FeatureShape(channels: x.channels, height: x.height, width: x.width)
        return Tensor(batch: x.batch, channels: x.imageSize, height: 1, width: 1, data: x.data)
    }

    public func backward(_ gy: Tensor) -> Tensor {
        Tensor(batch: gy.batch, channels: inputShape.channels, height: inputShape.height,
               width: inputShape.width, data: gy.data)
    }
}
