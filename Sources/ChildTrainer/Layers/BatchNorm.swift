import FNASCore

/// Batch normalisation over N, H, W per channel, optionally fused with the ReLU that follows it.
///
/// Training mode normalises with the batch statistics and updates running averages
/// (`running = (1 - momentum) * running + momentum * batch`); inference uses the running ones.
/// Fusing ReLU saves one full pass over the activations each way: the forward pass computes
/// `max(0, a*x + b)` with per-channel `a = gamma/std`, `b = beta - mean*a`, and the backward pass
/// rebuilds the ReLU mask and x-hat from the cached input instead of storing them.
public final class BatchNorm: Layer {
    public let channels: Int
    public let relu: Bool
    public let epsilon: Float
    public let momentum: Float
    public let gamma: Parameter
    public let beta: Parameter
    public private(set) var runningMean: [Float]
    public private(set) var runningVariance: [Float]
    public var threads = 1

    private var input = Tensor(batch: 0, channels: 0, height: 0, width: 0)
    private var mean: [Float] = []
    private var inverseStd: [Float] = []

    public init(channels: Int, relu: Bool = false, epsilon: Float = 1e-5, momentum: Float = 0.1, name: String = "bn") {
        self.channels = channels
        self.relu = relu
        self.epsilon = epsilon
        self.momentum = momentum
        gamma = Parameter(name: "\(name).gamma", value: [Float](repeating: 1, count: channels), isWeight: false)
        beta = Parameter(name: "\(name).beta", value: [Float](repeating: 0, count: channels), isWeight: false)
        runningMean = [Float](repeating: 0, count: channels)
        runningVariance = [Float](repeating: 1, count: channels)
    }

    public var summary: String { relu ? "batchnorm+relu" : "batchnorm" }
    public var parameters: [Parameter] { [gamma, beta] }

    public func outputShape(for input: FeatureShape) throws -> FeatureShape {
        guard input.channels == channels else {
            throw InputError(source: "network", field: summary, "expects \(channels) channels, got \(input.channels)")
        }
        return input
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.channels == channels, "BatchNorm given \(x.channels) channels, built for \(channels)")
        let plane = x.planeSize, imageSize = x.imageSize, batch = x.batch
        let count = Double(batch * plane)
        var mean = [Float](repeating: 0, count: channels)
        var inverseStd = [Float](repeating: 0, count: channels)
        if training {
            x.data.withUnsafeBufferPointer { xs in
                mean.withUnsafeMutableBufferPointer { ms in
                    inverseStd.withUnsafeMutableBufferPointer { isd in
                        let xb = xs.baseAddress!, mb = ms.baseAddress!, ib = isd.baseAddress!
                        let eps = Double(epsilon)
                        parallelChunks(channels, threads: threads) { _, range in
                            for c in range {
                                var sum = 0.0
                                for n in 0..<batch {
                                    let p = xb + n * imageSize + c * plane
                                    sum += Double(Kernels.sum(p, plane))
                                }
                                let mu = sum / count
                                let m = Float(mu)
                                var sq = 0.0
                                for n in 0..<batch {
                                    let p = xb + n * imageSize + c * plane
                                    sq += Double(Kernels.squaredDeviations(p, plane, mean: m))
                                }
                                mb[c] = m
                                ib[c] = Float(1 / (sq / count + eps).squareRoot())
                            }
                        }
                    }
                }
            }
            for c in 0..<channels {
                let variance = 1 / (inverseStd[c] * inverseStd[c]) - epsilon
                runningMean[c] += momentum * (mean[c] - runningMean[c])
                runningVariance[c] += momentum * (variance - runningVariance[c])
            }
            input = x
            self.mean = mean
            self.inverseStd = inverseStd
        } else {
            for c in 0..<channels {
                mean[c] = runningMean[c]
                inverseStd[c] = 1 / (runningVariance[c] + epsilon).squareRoot()
            }
        }
        var scale = [Float](repeating: 0, count: channels)
        var shift = [Float](repeating: 0, count: channels)
        for c in 0..<channels {
            scale[c] = gamma.value[c] * inverseStd[c]
            shift[c] = beta.value[c] - mean[c] * scale[c]
        }
        let relu = self.relu
        return x.data.withUnsafeBufferPointer { xs in
            Tensor.uninitialized(batch: batch, channels: channels, height: x.height, width: x.width) { out in
                let xb = xs.baseAddress!, ob = out.baseAddress!
                parallelChunks(batch, threads: threads) { _, images in
                    for n in images {
                        for c in 0..<channels {
                            let off = n * imageSize + c * plane
                            Kernels.scaleShift(xb + off, ob + off, plane, scale: scale[c], shift: shift[c], relu: relu)
                        }
                    }
                }
            }
        }
    }

    /// The training-mode gradient: `dx = gamma*istd/m * (m*dy' - sum(dy') - xhat*sum(dy'*xhat))`
    /// with `dy'` the output gradient masked by the ReLU and `m = N*H*W`.
    public func backward(_ gy: Tensor) -> Tensor {
        let x = input
        let plane = x.planeSize, imageSize = x.imageSize, batch = x.batch
        let m = Float(batch * plane)
        let (mean, inverseStd, relu) = (self.mean, self.inverseStd, self.relu)
        let gammaValues = gamma.value, betaValues = beta.value
        var sumDy = [Float](repeating: 0, count: channels)
        var sumDyXhat = [Float](repeating: 0, count: channels)
        let gx = x.data.withUnsafeBufferPointer { xs in
            gy.data.withUnsafeBufferPointer { gys in
                sumDy.withUnsafeMutableBufferPointer { sd in
                    sumDyXhat.withUnsafeMutableBufferPointer { sdx in
                        let xb = xs.baseAddress!, gb = gys.baseAddress!
                        let sdb = sd.baseAddress!, sdxb = sdx.baseAddress!
                        parallelChunks(channels, threads: threads) { _, range in
                            for c in range {
                                let mu = mean[c], istd = inverseStd[c]
                                let a = gammaValues[c] * istd, b = betaValues[c] - mu * a
                                var s1 = 0.0, s2 = 0.0
                                for n in 0..<batch {
                                    let off = n * imageSize + c * plane
                                    let (t1, t2) = Kernels.maskedSums(xb + off, gb + off, plane, scale: a, shift: b, mean: mu, relu: relu)
                                    s1 += Double(t1)
                                    s2 += Double(t2)
                                }
                                sdb[c] = Float(s1)
                                sdxb[c] = Float(s2) * istd
                            }
                        }
                        return Tensor.uninitialized(batch: batch, channels: channels, height: x.height, width: x.width) { out in
                            let ob = out.baseAddress!
                            parallelChunks(batch, threads: threads) { _, images in
                                for n in images {
                                    for c in 0..<channels {
                                        let mu = mean[c], istd = inverseStd[c]
                                        let a = gammaValues[c] * istd, b = betaValues[c] - mu * a
                                        let k = a / m, s1 = sdb[c], s2 = sdxb[c] * istd
                                        let off = n * imageSize + c * plane
                                        Kernels.normalisedGradient(xb + off, gb + off, ob + off, plane, scale: a, shift: b, mean: mu,
                                                                   relu: relu, k: k, m: m, s1: s1, s2: s2)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for c in 0..<channels {
            gamma.gradient[c] += sumDyXhat[c]
            beta.gradient[c] += sumDy[c]
        }
        return gx
    }
}
