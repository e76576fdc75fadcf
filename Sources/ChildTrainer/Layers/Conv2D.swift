import CBLAS
import FNASCore

/// A 2-D convolution (cross-correlation, as every framework computes it) with K x K kernels,
/// stride S and "same" or "valid" padding, through im2col and OpenBLAS `cblas_sgemm`.
///
/// Column matrices are built for one image, a block of output rows at a time
/// (``columnBlockFloats``), never for the whole batch: a kernel-14 layer at batch 256 would need
/// gigabytes. Images are shared among `threads` workers, each running OpenBLAS on one thread
/// (many mid-sized GEMMs parallelise better across images than inside each GEMM).
/// Weights are `[M][N][K][K]`. See `Conv2D+Backward.swift` for the gradient strategies.
public final class Conv2D: Layer {
    public let layer: ConvLayer
    public let inputChannels: Int
    public let weight: Parameter
    public let bias: Parameter?
    /// When false, ``backward(_:)`` skips dLoss/dInput (the first layer of a network needs none)
    /// and returns an empty tensor.
    public var computesInputGradient = true
    public var threads = 1
    /// Size of one im2col block in floats (whole output rows, at least one row). Bounds the
    /// scratch memory per worker (4 MB by default) whatever the kernel size.
    public var columnBlockFloats = 1 << 20
    /// Tests set it to compare the scatter backward with the gather one on a stride-1 layer.
    var forcesScatter = false
    /// im2col + GEMM or FFTs (`Conv2D+Spectral.swift`); tests force one or the other.
    var method = Method.automatic

    var input = Tensor(batch: 0, channels: 0, height: 0, width: 0)
    var geometry: ConvGeometry?
    var columns: [Scratch] = []
    var gradColumns: [Scratch] = []
    var weightGrads: [Scratch] = []
    /// Per worker: one image's phase planes (``ConvGeometry/phase(_:into:)``), and the gradient
    /// of them the scatter backward accumulates.
    var phasedInputs: [Scratch] = []
    var phasedGradients: [Scratch] = []
    let flippedScratch = Scratch()
    var spectral: SpectralGeometry?
    /// Kept from forward to backward: the spectra of the batch's inputs and of the kernels.
    let spectralInputs = SpectralBuffer()
    let spectralWeights = SpectralBuffer()
    /// Used within one forward or backward pass; a network's layers share one.
    var spectralScratch = SpectralScratch()

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

    func prepare(_ x: Tensor) -> ConvGeometry {
        let shape = FeatureShape(channels: x.channels, height: x.height, width: x.width)
        if let g = geometry, g.N == shape.channels, g.H == shape.height, g.W == shape.width { return g }
        // Shapes are checked when the network is built; a mismatch here is a programming error.
        guard let g = try? geometry(for: shape) else {
            preconditionFailure("Conv2D \(summary) given an input of shape \(x.shape)")
        }
        geometry = g
        spectral = spectralGeometry(for: g)
        return g
    }

    func workers(for batch: Int) -> Int {
        let count = max(1, min(threads, batch))
        while columns.count < count { columns.append(Scratch()) }
        while gradColumns.count < count { gradColumns.append(Scratch()) }
        while weightGrads.count < count { weightGrads.append(Scratch()) }
        while phasedInputs.count < count { phasedInputs.append(Scratch()) }
        while phasedGradients.count < count { phasedGradients.append(Scratch()) }
        return count
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let g = prepare(x)
        input = x
        if let spectral { return spectralForward(x, spectral) }
        let workers = workers(for: x.batch)
        let (columns, phasedInputs) = (self.columns, self.phasedInputs)
        let (m, kk, rc) = (g.M, g.columnRows, g.outputPlane)
        let inSize = x.imageSize, outSize = m * rc
        let rb = g.rowsPerBlock(blockFloats: columnBlockFloats)
        openblas_set_num_threads(1)
        let biasValues = bias?.value ?? []
        return weight.value.withUnsafeBufferPointer { w in
            biasValues.withUnsafeBufferPointer { b in
                x.data.withUnsafeBufferPointer { xs in
                    Tensor.uninitialized(batch: x.batch, channels: m, height: g.R, width: g.C) { out in
                        let xBase = xs.baseAddress!, oBase = out.baseAddress!, wBase = w.baseAddress!
                        parallelWork(x.batch, threads: workers) { worker, i in
                            let xi = xBase + i * inSize
                            let yi = oBase + i * outSize
                            if g.isPointwise {
                                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                            Int32(m), Int32(rc), Int32(kk), 1, wBase, Int32(kk),
                                            xi, Int32(rc), 0, yi, Int32(rc))
                            } else {
                                let col = columns[worker].reserve(kk * rb * g.C)
                                let source = ColumnSource(g, image: xi, scratch: phasedInputs[worker])
                                for r0 in stride(from: 0, to: g.R, by: rb) {
                                    let rows = r0..<min(r0 + rb, g.R)
                                    let n = rows.count * g.C
                                    source.fill(col, rows: rows)
                                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans,
                                                Int32(m), Int32(n), Int32(kk), 1, wBase, Int32(kk),
                                                col, Int32(n), 0, yi + r0 * g.C, Int32(rc))
                                }
                            }
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
