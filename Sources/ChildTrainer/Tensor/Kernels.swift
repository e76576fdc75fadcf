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

    /// `o[i] = a * x[i] + b`, or `max(a * x[i] + b, 0)` with `relu`: batch normalisation's
    /// forward step on one plane, eight values at a time.
    @inline(__always)
    static func scaleShift(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int,
                           scale a: Float, shift b: Float, relu: Bool) {
        let va = SIMD8<Float>(repeating: a), vb = SIMD8<Float>(repeating: b), zero = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            var v = va * load8(x + i) + vb
            if relu { v.replace(with: zero, where: v .< zero) }
            store8(v, o + i)
            i += 8
        }
        while i < n {
            let v = a * x[i] + b
            o[i] = relu ? max(v, 0) : v
            i += 1
        }
    }

    /// `(sum(d), sum(d * (x - mean)))` with `d = g` where `a * x + b > 0` (or everywhere
    /// without `relu`) and 0 elsewhere: the two sums batch normalisation's backward needs.
    @inline(__always)
    static func maskedSums(_ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ n: Int,
                           scale a: Float, shift b: Float, mean mu: Float, relu: Bool) -> (Float, Float) {
        let va = SIMD8<Float>(repeating: a), vb = SIMD8<Float>(repeating: b)
        let vmu = SIMD8<Float>(repeating: mu), zero = SIMD8<Float>()
        var s1 = SIMD8<Float>(), s2 = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            let xv = load8(x + i)
            var d = load8(g + i)
            if relu { d.replace(with: zero, where: va * xv + vb .<= zero) }
            s1 += d
            s2 += d * (xv - vmu)
            i += 8
        }
        var t1 = s1.sum(), t2 = s2.sum()
        while i < n {
            let xv = x[i]
            let d: Float = (!relu || a * xv + b > 0) ? g[i] : 0
            t1 += d
            t2 += d * (xv - mu)
            i += 1
        }
        return (t1, t2)
    }

    /// `o[i] = k * (m * d - s1 - (x[i] - mean) * s2)` with `d` as in ``maskedSums``: batch
    /// normalisation's input gradient on one plane.
    @inline(__always)
    static func normalisedGradient(_ x: UnsafePointer<Float>, _ g: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>,
                                   _ n: Int, scale a: Float, shift b: Float, mean mu: Float, relu: Bool,
                                   k: Float, m: Float, s1: Float, s2: Float) {
        let va = SIMD8<Float>(repeating: a), vb = SIMD8<Float>(repeating: b), vmu = SIMD8<Float>(repeating: mu)
        let vk = SIMD8<Float>(repeating: k), vm = SIMD8<Float>(repeating: m)
        let vs1 = SIMD8<Float>(repeating: s1), vs2 = SIMD8<Float>(repeating: s2), zero = SIMD8<Float>()
        var i = 0
        while i + 8 <= n {
            let xv = load8(x + i)
            var d = load8(g + i)
            if relu { d.replace(with: zero, where: va * xv + vb .<= zero) }
            store8(vk * (vm * d - vs1 - (xv - vmu) * vs2), o + i)
            i += 8
        }
        while i < n {
            let xv = x[i]
            let d: Float = (!relu || a * xv + b > 0) ? g[i] : 0
            o[i] = k * (m * d - s1 - (xv - mu) * s2)
            i += 1
        }
    }

    @inline(__always)
    private static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always)
    private static func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
}
