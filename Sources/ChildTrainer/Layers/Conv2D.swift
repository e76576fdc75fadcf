import CBLAS
import FNASCore

/// A 2-D convolution (cross-correlation, as every framework computes it) with K x K kernels,
/// stride S and "same" or "valid" padding, through im2col and OpenBLAS `cblas_sgemm`.
///
/// The column matrix is built one image at a time into a per-thread scratch buffer, never for
/// the whole batch: a kernel-14 layer at batch 256 would need gigabytes. Images are split into
/// `threads` chunks run concurrently, each with OpenBLAS on one thread (many small GEMMs
/// parallelise better across images than inside one GEMM). A 1x1 stride-1 layer multiplies the
/// input directly. Weights are `[M][N][K][K]`.
public final class Conv2D: Layer {
    public let layer: ConvLayer
    public let inputChannels: Int
    public let weight: Parameter
    public let bias: Parameter?
    /// When false, ``backward(_:)`` skips dLoss/dInput (the first layer of a network needs none)
    /// and returns an empty tensor.
    public var computesInputGradient = true
    public var threads = 1

    private var input = Tensor(batch: 0, channels: 0, height: 0, width: 0)
    private var geometry: ConvGeometry?
    private var columns: [Scratch] = []
    private var gradColumns: [Scratch] = []
    private var weightGrads: [Scratch] = []

    /// A convolution with He-initialised weights drawn from `generator` and zero bias.
    public init(_ layer: ConvLayer, inputChannels: Int, bias: Bool = true,
                name: String = "conv", generator: inout SeededGenerator) {
        self.layer = layer
        self.inputChannels = inputChannels
        let fanIn = inputChannels * layer.kernel * layer.kernel
        weight = Parameter(name: "\(name).weight",
                           value: Initialisation.he(count: layer.filters * fanIn, fanIn: fanIn, generator: &generator))
        self.bias = bias ? Parameter(name: "\(name).bias", value: [Float](repeating: 0, count: layer.filters), isWeight: false) : nil
    }

    public var summary: String {
        "conv\(layer.kernel)x\(layer.kernel)-\(layer.filters) s\(layer.stride) \(layer.padding.rawValue)"
    }

    public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    public func outputShape(for input: FeatureShape) throws -> FeatureShape {
        let g = try geometry(for: input)
        return FeatureShape(channels: g.M, height: g.R, width: g.C)
    }

    func geometry(for input: FeatureShape) throws -> ConvGeometry {
        guard input.channels == inputChannels else {
            throw InputError(source: "network", field: summary,
                             "expects \(inputChannels) input channels, got \(input.channels)")
        }
        guard let r = layer.outputSize(input.height), let c = layer.outputSize(input.width) else {
            throw InputError(source: "network", field: summary,
                             "kernel \(layer.kernel) with \(layer.padding.rawValue) padding does not fit a \(input.height)x\(input.width) map")
        }
        return ConvGeometry(N: inputChannels, H: input.height, W: input.width,
                            M: layer.filters, K: layer.kernel, S: layer.stride, R: r, C: c,
                            padTop: layer.leadingPad(input: input.height, output: r),
                            padLeft: layer.leadingPad(input: input.width, output: c))
    }

    private func prepare(_ x: Tensor) -> ConvGeometry {
        let shape = FeatureShape(channels: x.channels, height: x.height, width: x.width)
        if let g = geometry, g.N == shape.channels, g.H == shape.height, g.W == shape.width { return g }
        // Shapes are checked when the network is built; a mismatch here is a programming error.
        guard let g = try? geometry(for: shape) else {
            preconditionFailure("Conv2D \(summary) given an input of shape \(x.shape)")
        }
        geometry = g
        return g
    }

    private func scratch(_ list: inout [Scratch], _ count: Int) {
        while list.count < count { list.append(Scratch()) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let g = prepare(x)
        input = x
        let chunks = max(1, min(threads, x.batch))
        scratch(&columns, chunks)
        let columns = self.columns
        let (m, kk, rc) = (g.M, g.columnRows, g.outputPlane)
        let inSize = x.imageSize, outSize = m * rc
        openblas_set_num_threads(1)
        return weight.value.withUnsafeBufferPointer { w in
            let biasValues = bias?.value ?? []
            return biasValues.withUnsafeBufferPointer { b in
                x.data.withUnsafeBufferPointer { xs in
                    Tensor.uninitialized(batch: x.batch, channels: m, height: g.R, width: g.C) { out in
                        let xBase = xs.baseAddress!, oBase = out.baseAddress!, wBase = w.baseAddress!
                        parallelChunks(x.batch, threads: chunks) { chunk, images in
                            let col = g.isPointwise ? nil : columns[chunk].reserve(kk * rc)
                            for i in images {
                                let xi = xBase + i * inSize
                                let yi = oBase + i * outSize
                                let colPtr: UnsafePointer<Float>
                                if let col {
                                    g.im2col(xi, col)
                                    colPtr = UnsafePointer(col)
                                } else {
                                    colPtr = xi
                                }
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                            Int32(m), Int32(rc), Int32(kk), 1, wBase, Int32(kk),
                                            colPtr, Int32(rc), 0, yi, Int32(rc))
                                if let bb = b.baseAddress, !b.isEmpty {
                                    for o in 0..<m {
                                        let row = yi + o * rc, v = bb[o]
                                        for j in 0..<rc { row[j] += v }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    public func backward(_ gy: Tensor) -> Tensor {
        guard let g = geometry else { preconditionFailure("Conv2D.backward before forward") }
        let x = input
        let chunks = max(1, min(threads, x.batch))
        scratch(&columns, chunks)
        scratch(&gradColumns, chunks)
        scratch(&weightGrads, chunks)
        let (columns, gradColumns, weightGrads) = (self.columns, self.gradColumns, self.weightGrads)
        let (m, kk, rc) = (g.M, g.columnRows, g.outputPlane)
        let inSize = x.imageSize, outSize = m * rc
        let wCount = m * kk
        let wantInput = computesInputGradient
        openblas_set_num_threads(1)
        var gx = wantInput ? Tensor(batch: x.batch, channels: x.channels, height: x.height, width: x.width)
                           : Tensor(batch: 0, channels: 0, height: 0, width: 0)
        weight.value.withUnsafeBufferPointer { w in
            x.data.withUnsafeBufferPointer { xs in
                gy.data.withUnsafeBufferPointer { gys in
                    gx.data.withUnsafeMutableBufferPointer { gxs in
                        let xBase = xs.baseAddress!, gyBase = gys.baseAddress!, wBase = w.baseAddress!
                        let gxBase = gxs.baseAddress
                        parallelChunks(x.batch, threads: chunks) { chunk, images in
                            let gw = weightGrads[chunk].reserve(wCount)
                            gw.update(repeating: 0, count: wCount)
                            let col = g.isPointwise ? nil : columns[chunk].reserve(kk * rc)
                            let gcol = (wantInput && !g.isPointwise) ? gradColumns[chunk].reserve(kk * rc) : nil
                            for i in images {
                                let xi = xBase + i * inSize
                                let gyi = gyBase + i * outSize
                                let colPtr: UnsafePointer<Float>
                                if let col {
                                    g.im2col(xi, col)
                                    colPtr = UnsafePointer(col)
                                } else {
                                    colPtr = xi
                                }
                                // dW += dY * col^T
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans,
                                            Int32(m), Int32(kk), Int32(rc), 1, gyi, Int32(rc),
                                            colPtr, Int32(rc), 1, gw, Int32(kk))
                                guard wantInput, let gxBase else { continue }
                                let gxi = gxBase + i * inSize
                                // dCol = W^T * dY, written straight into dX for a 1x1 layer.
                                let target = gcol ?? gxi
                                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans,
                                            Int32(kk), Int32(rc), Int32(m), 1, wBase, Int32(kk),
                                            gyi, Int32(rc), 0, target, Int32(rc))
                                if let gcol { g.col2im(gcol, gxi) }
                            }
                        }
                    }
                }
            }
        }
        // Reduce the per-chunk weight gradients in chunk order (deterministic for a thread count).
        weight.gradient.withUnsafeMutableBufferPointer { gw in
            for chunk in 0..<chunks {
                let part = weightGrads[chunk].pointer
                for j in 0..<wCount { gw[j] += part[j] }
            }
        }
        if let bias {
            gy.data.withUnsafeBufferPointer { gys in
                bias.gradient.withUnsafeMutableBufferPointer { gb in
                    for i in 0..<gy.batch {
                        for o in 0..<m {
                            let row = gys.baseAddress! + i * outSize + o * rc
                            var s: Float = 0
                            for j in 0..<rc { s += row[j] }
                            gb[o] += s
                        }
                    }
                }
            }
        }
        return gx
    }
}
