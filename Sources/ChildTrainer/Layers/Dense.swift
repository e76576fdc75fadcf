import CBLAS
import FNASCore

/// A fully connected layer `y = x W^T + b` over each image's flattened features.
/// Weights are `[outputs][inputs]`, He-initialised.
public final class Dense: Layer {
    public let inputs: Int
    public let outputs: Int
    public let weight: Parameter
    public let bias: Parameter
    public var threads = 1
    private var input = Tensor(batch: 0, channels: 0, height: 0, width: 0)

    public init(inputs: Int, outputs: Int, name: String = "dense", generator: inout SeededGenerator) {
        self.inputs = inputs
        self.outputs = outputs
        weight = Parameter(name: "\(name).weight",
                           value: Initialisation.he(count: inputs * outputs, fanIn: inputs, generator: &generator))
        bias = Parameter(name: "\(name).bias", value: [Float](repeating: 0, count: outputs), isWeight: false)
    }

    public var summary: String { "dense-\(outputs)" }
    public var parameters: [Parameter] { [weight, bias] }

    public func outputShape(for input: FeatureShape) throws -> FeatureShape {
        guard input.count == inputs else {
            throw InputError(source: "network", field: summary, "expects \(inputs) features, got \(input.count) (\(input))")
        }
        return FeatureShape(channels: outputs, height: 1, width: 1)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        precondition(x.imageSize == inputs, "Dense given \(x.imageSize) features, built for \(inputs)")
        input = x
        let (b, n, m) = (Int32(x.batch), Int32(inputs), Int32(outputs))
        openblas_set_num_threads(1)
        return x.data.withUnsafeBufferPointer { xs in
            weight.value.withUnsafeBufferPointer { w in
                bias.value.withUnsafeBufferPointer { bs in
                    Tensor.uninitialized(batch: x.batch, channels: outputs, height: 1, width: 1) { out in
                        for i in 0..<x.batch {
                            (out.baseAddress! + i * outputs).update(from: bs.baseAddress!, count: outputs)
                        }
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, b, m, n, 1,
                                    xs.baseAddress, n, w.baseAddress, n, 1, out.baseAddress, m)
                    }
                }
            }
        }
    }

    public func backward(_ gy: Tensor) -> Tensor {
        let x = input
        let (b, n, m) = (Int32(x.batch), Int32(inputs), Int32(outputs))
        openblas_set_num_threads(1)
        var gx = Tensor(batch: x.batch, channels: x.channels, height: x.height, width: x.width)
        gy.data.withUnsafeBufferPointer { gys in
            x.data.withUnsafeBufferPointer { xs in
                weight.gradient.withUnsafeMutableBufferPointer { gw in
                    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, m, n, b, 1,
                                gys.baseAddress, m, xs.baseAddress, n, 1, gw.baseAddress, n)
                }
                weight.value.withUnsafeBufferPointer { w in
                    gx.data.withUnsafeMutableBufferPointer { gxs in
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, b, n, m, 1,
                                    gys.baseAddress, m, w.baseAddress, n, 0, gxs.baseAddress, n)
                    }
                }
            }
            bias.gradient.withUnsafeMutableBufferPointer { gb in
                for i in 0..<x.batch {
                    for o in 0..<outputs { gb[o] += gys[i * outputs + o] }
                }
            }
        }
        return gx
    }
}
