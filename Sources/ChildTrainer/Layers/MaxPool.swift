import FNASCore

/// Max pooling over `size` x `size` windows at `stride`, without padding (windows that would
/// run past the edge are dropped, as "valid" pooling does).
public final class MaxPool: Layer {
    public let size: Int
    public let stride: Int
    public var threads = 1
    private var inputBatch = 0
    private var inputShape = FeatureShape(channels: 0, height: 0, width: 0)
    /// For each output, the flat index of the input that won, for the backward pass.
    private var winners: [Int] = []

    public init(size: Int = 2, stride: Int? = nil) {
        self.size = size
        self.stride = stride ?? size
    }

    public var summary: String { "maxpool\(size)x\(size) s\(stride)" }

    public func outputShape(for input: FeatureShape) throws -> FeatureShape {
        guard input.height >= size, input.width >= size else {
            throw InputError(source: "network", field: summary, "a \(size)x\(size) window does not fit a \(input.height)x\(input.width) map")
        }
        return FeatureShape(channels: input.channels,
                            height: (input.height - size) / stride + 1,
                            width: (input.width - size) / stride + 1)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let r = (x.height - size) / stride + 1, c = (x.width - size) / stride + 1
        let planes = x.batch * x.channels
        let (h, w, k, s) = (x.height, x.width, size, stride)
        var winners = [Int](unsafeUninitializedCapacity: planes * r * c) { _, n in n = planes * r * c }
        let y = x.data.withUnsafeBufferPointer { xs in
            winners.withUnsafeMutableBufferPointer { ws in
                Tensor.uninitialized(batch: x.batch, channels: x.channels, height: r, width: c) { out in
                    let xb = xs.baseAddress!, ob = out.baseAddress!, wb = ws.baseAddress!
                    parallelChunks(planes, threads: threads) { _, range in
                        for p in range {
                            let src = p * h * w
                            var o = p * r * c
                            if k == 2 && s == 2 {
                                // The common 2x2 / 2 window, unrolled.
                                for oy in 0..<r {
                                    let top = src + 2 * oy * w
                                    for ox in 0..<c {
                                        let i0 = top + 2 * ox, i2 = i0 + w
                                        var best = i0, value = xb[i0]
                                        if xb[i0 + 1] > value { best = i0 + 1; value = xb[i0 + 1] }
                                        if xb[i2] > value { best = i2; value = xb[i2] }
                                        if xb[i2 + 1] > value { best = i2 + 1; value = xb[i2 + 1] }
                                        ob[o] = value
                                        wb[o] = best
                                        o += 1
                                    }
                                }
                                continue
                            }
                            for oy in 0..<r {
                                for ox in 0..<c {
                                    var best = src + oy * s * w + ox * s
                                    var value = xb[best]
                                    for ky in 0..<k {
                                        let row = src + (oy * s + ky) * w + ox * s
                                        for kx in 0..<k where xb[row + kx] > value {
                                            value = xb[row + kx]
                                            best = row + kx
                                        }
                                    }
                                    ob[o] = value
                                    wb[o] = best
                                    o += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        self.winners = winners
        inputBatch = x.batch
        inputShape = FeatureShape(channels: x.channels, height: x.height, width: x.width)
        return y
    }

    public func backward(_ gy: Tensor) -> Tensor {
        var gx = Tensor(batch: inputBatch, channels: inputShape.channels,
                        height: inputShape.height, width: inputShape.width)
        gx.data.withUnsafeMutableBufferPointer { gs in
            gy.data.withUnsafeBufferPointer { gys in
                winners.withUnsafeBufferPointer { ws in
                    let g = gs.baseAddress!, src = gys.baseAddress!, index = ws.baseAddress!
                    for o in 0..<gys.count { g[index[o]] += src[o] }
                }
            }
        }
        return gx
    }
}
