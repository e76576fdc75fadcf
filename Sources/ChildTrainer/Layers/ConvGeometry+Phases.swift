/// im2col and col2im through phase planes: every column row becomes plain copies.
///
/// A convolution at stride S reads the zero-padded input at `(oy*S + ky, ox*S + kx)`. Split the
/// padded input into S x S phase planes, plane `(py, px)` holding the padded values at
/// `(py + S*i, px + S*j)`; then that read is plane `(ky % S, kx % S)` at
/// `(oy + ky / S, ox + kx / S)`, so for a fixed `(n, ky, kx)` and output row `oy` the C values of
/// a column row are C consecutive floats of one plane. Building the planes gathers the image once;
/// im2col then copies `K*K / S^2` times that much without a bounds test or a strided load. At
/// stride 1 there is one plane: the zero-padded image. col2im adds into planes the same way and
/// ``unphase(_:into:)`` gathers the image gradient back.
extension ConvGeometry {
    /// Rows and columns of one phase plane: `R + (K - 1) / S` by `C + (K - 1) / S`.
    var phaseRows: Int { R + (K - 1) / S }
    var phaseCols: Int { C + (K - 1) / S }
    var phasePlane: Int { phaseRows * phaseCols }
    /// Floats of one image's planes, laid out `[n][py][px][i][j]`.
    var phasedCount: Int { N * S * S * phasePlane }

    /// The plane of input channel `n` read by kernel offset `(ky, kx)`, moved to the first value
    /// that kernel offset reads: output `(oy, ox)` is at `oy * phaseCols + ox`.
    @inline(__always)
    private func planeStart(_ n: Int, _ ky: Int, _ kx: Int) -> Int {
        ((n * S + ky % S) * S + kx % S) * phasePlane + (ky / S) * phaseCols + kx / S
    }

    /// Padded columns `lo..<hi` that hold input columns (`padLeft..<padLeft + W`, cut to the
    /// `S * phaseCols` columns the planes cover; columns past them are read by no window).
    private var paddedColumns: (lo: Int, hi: Int) {
        let span = S * phaseCols
        let lo = min(padLeft, span)
        return (lo, max(lo, min(padLeft + W, span)))
    }

    /// Writes one image (`x`: N*H*W values) into its phase planes (``phasedCount`` floats), the
    /// padding as zeros. At stride S > 1 each input row is first copied into a zero-padded row,
    /// which is then dealt out to the S planes of its row phase: two plain loops instead of a
    /// strided gather per plane.
    func phase(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let (pr, pc, plane) = (phaseRows, phaseCols, phasePlane)
        let (lo, hi) = paddedColumns
        withUnsafeTemporaryAllocation(of: Float.self, capacity: S * pc) { buffer in
            let t = buffer.baseAddress!
            t.update(repeating: 0, count: S * pc)   // only lo..<hi is rewritten below
            for n in 0..<N {
                let src = x + n * H * W
                for py in 0..<S {
                    for i in 0..<pr {
                        let iy = py + S * i - padTop
                        // Row i of plane (py, 0); plane (py, px) follows px planes further.
                        let first = out + (n * S + py) * S * plane + i * pc
                        if iy < 0 || iy >= H {
                            for px in 0..<S { (first + px * plane).update(repeating: 0, count: pc) }
                            continue
                        }
                        let s = src + iy * W - padLeft   // s[c] is padded column c
                        if S == 1 {
                            for c in 0..<lo { first[c] = 0 }
                            for c in lo..<hi { first[c] = s[c] }
                            for c in hi..<pc { first[c] = 0 }
                            continue
                        }
                        for c in lo..<hi { t[c] = s[c] }
                        if S == 2 {
                            let o0 = first, o1 = first + plane
                            for j in 0..<pc { o0[j] = t[2 * j]; o1[j] = t[2 * j + 1] }
                        } else {
                            for px in 0..<S {
                                let o = first + px * plane
                                for j in 0..<pc { o[j] = t[j * S + px] }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Writes output rows `rows` of the column matrix of one image into `col`: N*K*K rows of
    /// `rows.count * C` values, row `(n*K + ky)*K + kx` holding input `(n, oy*S - padTop + ky,
    /// ox*S - padLeft + kx)` for every output `(oy, ox)`. `p` holds the image's phase planes.
    /// Building a few output rows at a time keeps the block in cache for the GEMMs that read it.
    func im2col(phased p: UnsafePointer<Float>, _ col: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        let pc = phaseCols
        var d = col
        for n in 0..<N {
            for ky in 0..<K {
                for kx in 0..<K {
                    // An inline loop: rows are short (C values), a memmove call costs more.
                    var s = p + planeStart(n, ky, kx) + rows.lowerBound * pc
                    for _ in rows {
                        for j in 0..<C { d[j] = s[j] }
                        d += C
                        s += pc
                    }
                }
            }
        }
    }

    /// Adds a column block's gradient (output rows `rows`) onto phase planes `p`, which the
    /// caller has zeroed: the transpose of ``im2col(phased:_:rows:)``.
    func col2im(_ col: UnsafePointer<Float>, phased p: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        let pc = phaseCols
        var s = col
        for n in 0..<N {
            for ky in 0..<K {
                for kx in 0..<K {
                    var d = p + planeStart(n, ky, kx) + rows.lowerBound * pc
                    for _ in rows {
                        for j in 0..<C { d[j] += s[j] }
                        s += C
                        d += pc
                    }
                }
            }
        }
    }

    /// Writes the image gradient `gx` (N*H*W values, every one written) from the gradient of its
    /// phase planes `p`: the transpose of ``phase(_:into:)``, interleaving the S planes of a row
    /// phase into one padded row and copying its input columns. Inputs no window reads get 0.
    func unphase(_ p: UnsafePointer<Float>, into gx: UnsafeMutablePointer<Float>) {
        let (pr, pc, plane) = (phaseRows, phaseCols, phasePlane)
        let (lo, hi) = paddedColumns
        withUnsafeTemporaryAllocation(of: Float.self, capacity: S * pc) { buffer in
            let t = buffer.baseAddress!
            for n in 0..<N {
                for iy in 0..<H {
                    let dst = gx + (n * H + iy) * W
                    let i = (iy + padTop) / S, py = (iy + padTop) % S
                    if i >= pr {
                        dst.update(repeating: 0, count: W)
                        continue
                    }
                    let first = p + (n * S + py) * S * plane + i * pc
                    let d = dst - padLeft   // d[c] is padded column c
                    if S == 1 {
                        for c in lo..<hi { d[c] = first[c] }
                    } else {
                        if S == 2 {
                            let r0 = first, r1 = first + plane
                            for j in 0..<pc { t[2 * j] = r0[j]; t[2 * j + 1] = r1[j] }
                        } else {
                            for px in 0..<S {
                                let r = first + px * plane
                                for j in 0..<pc { t[j * S + px] = r[j] }
                            }
                        }
                        for c in lo..<hi { d[c] = t[c] }
                    }
                    // Input columns past the planes (read by no window).
                    for ix in (hi - padLeft)..<W { dst[ix] = 0 }
                }
            }
        }
    }
}

/// The column blocks of one image, built from its phase planes.
struct ColumnSource {
    let geometry: ConvGeometry
    let phased: UnsafeMutablePointer<Float>

    init(_ geometry: ConvGeometry, image: UnsafePointer<Float>, scratch: Scratch) {
        self.geometry = geometry
        phased = scratch.reserve(geometry.phasedCount)
        geometry.phase(image, into: phased)
    }

    /// Writes the column block of output rows `rows` into `col`.
    func fill(_ col: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        geometry.im2col(phased: phased, col, rows: rows)
    }
}
