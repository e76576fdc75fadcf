/// A float32 tensor in NCHW layout: `batch` images of `channels` maps of `height` x `width`.
///
/// Dense features are stored as `channels` with `height == width == 1`, so every layer speaks
/// the same four-dimensional shape. The storage is a Swift array (copy-on-write), so a tensor is
/// a value: layers keep the tensors they need for the backward pass without copying them.
public struct Tensor: Sendable, Hashable {
    public var batch: Int
    public var channels: Int
    public var height: Int
    public var width: Int
    /// `batch * channels * height * width` values, row-major in N, C, H, W order.
    public var data: [Float]

    /// A tensor of zeros.
    public init(batch: Int, channels: Int, height: Int, width: Int) {
        self.init(batch: batch, channels: channels, height: height, width: width,
                  data: [Float](repeating: 0, count: batch * channels * height * width))
    }

    /// A tensor over existing values; `data.count` must equal the product of the sizes.
    public init(batch: Int, channels: Int, height: Int, width: Int, data: [Float]) {
        precondition(data.count == batch * channels * height * width, "tensor data does not match its shape")
        self.batch = batch
        self.channels = channels
        self.height = height
        self.width = width
        self.data = data
    }

    /// A tensor whose values the caller writes through `fill` (every element must be written),
    /// avoiding a zero-fill pass over large activations.
    @inlinable
    public static func uninitialized(batch: Int, channels: Int, height: Int, width: Int,
                                     _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> Tensor {
        let count = batch * channels * height * width
        let data = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            fill(buffer)
            initialized = count
        }
        return Tensor(batch: batch, channels: channels, height: height, width: width, data: data)
    }

    /// Values in one image: `channels * height * width`.
    public var imageSize: Int { channels * height * width }
    /// Values in one feature map: `height * width`.
    public var planeSize: Int { height * width }
    public var count: Int { data.count }

    /// Shape as `[N, C, H, W]`, for messages and tests.
    public var shape: [Int] { [batch, channels, height, width] }
}
