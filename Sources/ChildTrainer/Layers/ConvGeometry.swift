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

    /// Writes the column matrix of one image (`x`: N*H*W values) into `col` (N*K*K*R*C values).
    func im2col(_ x: UnsafePointer<Float>, _ col: UnsafeMutablePointer<Float>) {
        let rc = R * C
        var row = 0
        for n in 0..<N {
            let plane = x + n * H * W
            for ky in 0..<K {
                for kx in 0..<K {
                    let dst = col + row * rc
                    let offX = kx - padLeft
                    let (lo, hi) = validRange(offset: offX, size: W, outputs: C)
                    for oy in 0..<R {
                        let iy = oy * S - padTop + ky
                        let d = dst + oy * C
                        if iy < 0 || iy >= H || lo >= hi {
                            d.update(repeating: 0, count: C)
                            continue
                        }
                        let src = plane + iy * W
                        if lo > 0 { d.update(repeating: 0, count: lo) }
                        if S == 1 {
                            (d + lo).update(from: src + lo + offX, count: hi - lo)
                        } else {
                            var ix = lo * S + offX
                            for ox in lo..<hi {
                                d[ox] = src[ix]
                                ix += S
                            }
                        }
                        if hi < C { (d + hi).update(repeating: 0, count: C - hi) }
                    }
                    row += 1
                }
            }
        }
    }

    /// Adds a column-matrix gradient back onto the image gradient `gx` (N*H*W values, which the
    /// caller has zeroed): the transpose of ``im2col(_:_:)``.
    func col2im(_ col: UnsafePointer<Float>, _ gx: UnsafeMutablePointer<Float>) {
        let rc = R * C
        var row = 0
        for n in 0..<N {
            let plane = gx + n * H * W
            for ky in 0..<K {
                for kx in 0..<K {
                    let src = col + row * rc
                    let offX = kx - padLeft
                    let (lo, hi) = validRange(offset: offX, size: W, outputs: C)
                    row += 1
                    if lo >= hi { continue }
                    for oy in 0..<R {
                        let iy = oy * S - padTop + ky
                        if iy < 0 || iy >= H { continue }
                        let s = src + oy * C
                        let d = plane + iy * W
                        if S == 1 {
                            let dd = d + offX
                            for ox in lo..<hi { dd[ox] += s[ox] }
                        } else {
                            var ix = lo * S + offX
                            for ox in lo..<hi {
                                d[ix] += s[ox]
                                ix += S
                            }
                        }
                    }
                }
            }
        }
    }
}
