/// The sizes of one convolution on one image, and the im2col / col2im loops over them.
///
/// N input channels of H x W, M filters of K x K at stride S, R x C outputs, `padTop` /
/// `padLeft` leading zeros (TensorFlow's "same" placement, from FNASCore's `ConvLayer`).
/// The column matrix of one image has `N*K*K` rows of `R*C` values: row `(n*K + ky)*K + kx`
/// holds input `(n, oy*S - padTop + ky, ox*S - padLeft + kx)` for every output `(oy, ox)`.
struct ConvGeometry: Sendable, Hashable {
    var N: Int, H: Int, W: Int
    var M: Int, K: Int, S: Int
    var R: Int, C: Int
    var padTop: Int, padLeft: Int

    var columnRows: Int { N * K * K }
    var outputPlane: Int { R * C }
    var inputPlane: Int { H * W }
    /// For stride 1, the convolution that maps dLoss/dOutput to dLoss/dInput: the output gradient
    /// (M channels of R x C) correlated with the kernels flipped in both axes and transposed
    /// (``flippedWeights(_:_:)``), padded with `K - 1 - pad` in front, giving N maps of H x W.
    /// Gathering through im2col this way turns the input-gradient GEMM into one with a long
    /// inner dimension (M*K*K) instead of a scatter-add of an N*K*K-row matrix.
    var inputGradient: ConvGeometry? {
        guard S == 1 else { return nil }
        return ConvGeometry(N: M, H: R, W: C, M: N, K: K, S: 1, R: H, C: W,
                            padTop: K - 1 - padTop, padLeft: K - 1 - padLeft)
    }

    /// Rearranges weights `[M][N][K][K]` into `[N][M][K][K]` flipped in both kernel axes, the
    /// weights of ``inputGradient``.
    func flippedWeights(_ w: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>) {
        let kk = K * K
        for o in 0..<M {
            for n in 0..<N {
                let src = w + (o * N + n) * kk
                let dst = out + (n * M + o) * kk
                for j in 0..<kk { dst[kk - 1 - j] = src[j] }
            }
        }
    }

    /// Output rows per column block: about `blockFloats` floats of columns, at least one row.
    func rowsPerBlock(blockFloats: Int) -> Int {
        max(1, min(R, blockFloats / max(columnRows * C, 1)))
    }

    /// 1x1, stride 1, no padding: the input already is its column matrix.
    var isPointwise: Bool { K == 1 && S == 1 && padTop == 0 && padLeft == 0 && R == H && C == W }

    /// Output positions `lo..<hi` along an axis whose input index `o*S + offset` lies in `0..<size`.
    @inline(__always)
    func validRange(offset: Int, size: Int, outputs: Int) -> (Int, Int) {
        let lo = offset >= 0 ? 0 : (-offset + S - 1) / S
        let last = size - 1 - offset
        let hi = last < 0 ? 0 : min(outputs, last / S + 1)
        return (min(lo, hi), hi)
    }
}
