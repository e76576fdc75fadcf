/// Small loops shared by the layers, written so the compiler can vectorise them: a float sum
/// with one running total is a chain of dependent adds, so sums keep eight partial totals
/// (always combined in the same order, so results stay deterministic).
enum Kernels {
    /// `p[0] + ... + p[n-1]`.
    @inline(__always)
    static func sum(_ p: UnsafePointer<Float>, _ n: Int) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var s4: Float = 0, s5: Float = 0, s6: Float = 0, s7: Float = 0
        var i = 0
        while i + 8 <= n {
            s0 += p[i]; s1 += p[i + 1]; s2 += p[i + 2]; s3 += p[i + 3]
            s4 += p[i + 4]; s5 += p[i + 5]; s6 += p[i + 6]; s7 += p[i + 7]
            i += 8
        }
        while i < n { s0 += p[i]; i += 1 }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
    }

    /// `sum((p[i] - mean)^2)`.
    @inline(__always)
    static func squaredDeviations(_ p: UnsafePointer<Float>, _ n: Int, mean m: Float) -> Float {
        var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
        var i = 0
        while i + 4 <= n {
            let d0 = p[i] - m, d1 = p[i + 1] - m, d2 = p[i + 2] - m, d3 = p[i + 3] - m
            s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3
            i += 4
        }
        while i < n { let d = p[i] - m; s0 += d * d; i += 1 }
        return (s0 + s1) + (s2 + s3)
    }
}
