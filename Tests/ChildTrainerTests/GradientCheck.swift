import FNASCore
@testable import ChildTrainer

/// Finite-difference checking of a layer's backward pass.
///
/// The scalar probed is `L = sum(r * layer(x))` for fixed random weights `r`, accumulated in
/// Double; its gradient with respect to the output is `r`, so `backward(r)` must return dL/dx
/// and accumulate dL/dParameters. Each is compared with the central difference
/// `(L(v + h) - L(v - h)) / 2h`.
struct GradientCheck {
    var step: Float = 1e-2
    var relativeTolerance = 2e-2
    var absoluteTolerance = 2e-3

    struct Mismatch: CustomStringConvertible {
        var what: String, index: Int, analytic: Double, numeric: Double
        var description: String { "\(what)[\(index)]: analytic \(analytic) vs numeric \(numeric)" }
    }

    static func random(_ shape: (Int, Int, Int, Int), seed: UInt64, scale: Double = 1) -> Tensor {
        var g = SeededGenerator(seed: seed)
        let count = shape.0 * shape.1 * shape.2 * shape.3
        return Tensor(batch: shape.0, channels: shape.1, height: shape.2, width: shape.3,
                      data: Initialisation.normal(count: count, std: scale, generator: &g))
    }

    func loss(_ layer: Layer, _ x: Tensor, _ r: Tensor) -> Double {
        let y = layer.forward(x, training: true)
        var s = 0.0
        for i in 0..<y.count { s += Double(y.data[i]) * Double(r.data[i]) }
        return s
    }

    func close(_ a: Double, _ n: Double) -> Bool {
        abs(a - n) <= absoluteTolerance + relativeTolerance * max(abs(a), abs(n))
    }

    /// Every mismatch between the analytic and numeric gradients of input and parameters.
    func check(_ layer: Layer, input: Tensor, seed: UInt64 = 99) -> [Mismatch] {
        let y = layer.forward(input, training: true)
        let r = GradientCheck.random((y.batch, y.channels, y.height, y.width), seed: seed)
        for p in layer.parameters { p.zeroGradient() }
        let gx = layer.backward(r)
        var mismatches: [Mismatch] = []
        var x = input
        for i in 0..<x.count {
            let saved = x.data[i]
            x.data[i] = saved + step
            let plus = loss(layer, x, r)
            x.data[i] = saved - step
            let minus = loss(layer, x, r)
            x.data[i] = saved
            let numeric = (plus - minus) / (2 * Double(step))
            if !close(Double(gx.data[i]), numeric) {
                mismatches.append(Mismatch(what: "input", index: i, analytic: Double(gx.data[i]), numeric: numeric))
            }
        }
        for p in layer.parameters {
            let analytic = p.gradient
            for i in 0..<p.value.count {
                let saved = p.value[i]
                p.value[i] = saved + step
                let plus = loss(layer, input, r)
                p.value[i] = saved - step
                let minus = loss(layer, input, r)
                p.value[i] = saved
                let numeric = (plus - minus) / (2 * Double(step))
                if !close(Double(analytic[i]), numeric) {
                    mismatches.append(Mismatch(what: p.name, index: i, analytic: Double(analytic[i]), numeric: numeric))
                }
            }
        }
        return mismatches
    }
}

/// A direct (six nested loops, Double) convolution to check im2col + GEMM against.
func referenceConvolution(_ x: Tensor, weights: [Float], bias: [Float]?, layer: ConvLayer) -> Tensor {
    let r = layer.outputSize(x.height)!, c = layer.outputSize(x.width)!
    let pt = layer.leadingPad(input: x.height, output: r), pl = layer.leadingPad(input: x.width, output: c)
    let (m, n, k, s) = (layer.filters, x.channels, layer.kernel, layer.stride)
    var y = Tensor(batch: x.batch, channels: m, height: r, width: c)
    for b in 0..<x.batch {
        for o in 0..<m {
            for oy in 0..<r {
                for ox in 0..<c {
                    var acc = Double(bias?[o] ?? 0)
                    for i in 0..<n {
                        for ky in 0..<k {
                            for kx in 0..<k {
                                let iy = oy * s - pt + ky, ix = ox * s - pl + kx
                                guard iy >= 0, iy < x.height, ix >= 0, ix < x.width else { continue }
                                acc += Double(weights[((o * n + i) * k + ky) * k + kx])
                                    * Double(x.data[((b * n + i) * x.height + iy) * x.width + ix])
                            }
                        }
                    }
                    y.data[((b * m + o) * r + oy) * c + ox] = Float(acc)
                }
            }
        }
    }
    return y
}
