extension ConvGeometry {
    /// Rows and columns of the zero-padded input a stride-1 convolution reads:
    /// `R + K - 1` by `C + K - 1`.
    var paddedRows: Int { R + K - 1 }
    var paddedCols: Int { C + K - 1 }
    var paddedCount: Int { N * paddedRows * paddedCols }

    /// Copies one image into `out` (``paddedCount`` floats) with `padTop` / `padLeft` zeros in
    /// front and enough behind, so that every stride-1 column row is a plain copy.
    func pad(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let (hp, wp) = (paddedRows, paddedCols)
        for n in 0..<N {
            let src = x + n * H * W
            let dst = out + n * hp * wp
            for r in 0..<hp {
                let row = dst + r * wp
                let iy = r - padTop
                if iy < 0 || iy >= H {
                    for j in 0..<wp { row[j] = 0 }
                    continue
                }
                // Columns j read input ix = j - padLeft; those outside 0..<W are zeros.
                let lo = min(max(padLeft, 0), wp), hi = min(max(padLeft + W, lo), wp)
                for j in 0..<lo { row[j] = 0 }
                let s = src + iy * W - padLeft
                for j in lo..<hi { row[j] = s[j] }
                for j in hi..<wp { row[j] = 0 }
            }
        }
    }

    /// ``im2col(_:_:rows:)`` for stride 1, reading the buffer ``pad(_:into:)`` filled: no bounds
    /// tests, each of the `N*K*K` rows is `rows.count` copies of `C` consecutive floats.
    func im2col(padded p: UnsafePointer<Float>, _ col: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        let (hp, wp) = (paddedRows, paddedCols)
        var d = col
        for n in 0..<N {
            let plane = p + n * hp * wp
            for ky in 0..<K {
                for kx in 0..<K {
                    var s = plane + (rows.lowerBound + ky) * wp + kx
                    for _ in rows {
                        for j in 0..<C { d[j] = s[j] }
                        d += C
                        s += wp
                    }
                }
            }
        }
    }
}

/// The column blocks of one image: stride-1 layers copy the image once into a zero-padded
/// buffer so that building each block is branch-free copying; other strides gather directly.
struct ColumnSource {
    let geometry: ConvGeometry
    let image: UnsafePointer<Float>
    let padded: UnsafeMutablePointer<Float>?

    init(_ geometry: ConvGeometry, image: UnsafePointer<Float>, scratch: Scratch) {
        self.geometry = geometry
        self.image = image
        if geometry.S == 1 {
            let p = scratch.reserve(geometry.paddedCount)
            geometry.pad(image, into: p)
            padded = p
        } else {
            padded = nil
        }
    }

    /// Writes the column block of output rows `rows` into `col`.
    func fill(_ col: UnsafeMutablePointer<Float>, rows: Range<Int>) {
        if let padded {
            geometry.im2col(padded: padded, col, rows: rows)
        } else {
            geometry.im2col(image, col, rows: rows)
        }
    }
}
