import CBLAS
import CFFTW
import Foundation
import Synchronization

/// The sizes of a stride-1 convolution computed through 2-D FFTs of L x L.
///
/// An input channel is placed at (`padTop`, `padLeft`) of an L x L frame of zeros and a kernel
/// at (0, 0); their circular cross-correlation is the layer's output at (0, 0)...(R-1, C-1)
/// as long as no product wraps onto a value that is kept: L >= H + pad and L >= R + K - 1 - pad
/// on each axis. In the frequency domain the correlation of every input channel with every
/// kernel is, bin by bin, one complex matrix product (M x N times N x images), so the work no
/// longer grows with K*K: a 7x7 layer on 32x32 maps does about a tenth of the arithmetic of
/// im2col + GEMM.
struct SpectralGeometry: Sendable, Hashable {
    let conv: ConvGeometry
    /// The transform's side.
    let size: Int
    /// Complex bins of one transform: FFTW's half spectrum, L x (L/2 + 1).
    var bins: Int { size * (size / 2 + 1) }
    /// Floats between consecutive spectra in a worker's buffer: 2 * bins, rounded up to 64 bytes
    /// so that every spectrum is aligned as the plan's was.
    var laneStride: Int { (2 * bins + 15) / 16 * 16 }

    /// Sides FFTW_ESTIMATE plans transform quickly on this kind of machine, those of
    /// ``transformMicroseconds`` (measured: 32 is 1.6 times faster than 24, and 36 twice as fast
    /// as 40, whose planner needs FFTW_MEASURE).
    static let sizes = transformMicroseconds.keys.sorted()

    init?(_ g: ConvGeometry) {
        guard g.S == 1 else { return nil }
        let need = max(g.H + g.padTop, g.R + g.K - 1 - g.padTop,
                       g.W + g.padLeft, g.C + g.K - 1 - g.padLeft, g.K)
        guard let size = Self.sizes.first(where: { $0 >= need }) else { return nil }
        conv = g
        self.size = size
    }

    /// The time of one image, in multiply-adds of a GEMM (about 50 per ns on one core here),
    /// against im2col + GEMM's M*N*K*K*R*C: 4 per complex multiply-add of the bin products, and
    /// per transform of an input or output map what FFTW_ESTIMATE's 2-D transform of that size
    /// took (`transformMicroseconds`), doubled for copying frames and reordering bins.
    var costPerImage: Double {
        let micros = Self.transformMicroseconds[size] ?? 0
        return 4 * Double(conv.M * conv.N * bins) + Double(conv.N + conv.M) * micros * 2 * 50_000
    }

    /// Microseconds per real-to-complex 2-D transform, measured on this machine (4,608
    /// transforms in a loop, one core): the larger sides not a power of two cost the most.
    static let transformMicroseconds: [Int: Double] = [
        8: 0.11, 12: 0.3, 16: 0.5, 20: 0.6, 32: 1.45, 36: 3.4, 48: 6.0, 64: 9.8, 96: 25, 128: 45,
    ]

    /// Copies a `rows` x `cols` map into an L x L frame with its first value at (`top`, `left`).
    func place(_ map: UnsafePointer<Float>, rows: Int, cols: Int, into frame: UnsafeMutablePointer<Float>,
               top: Int, left: Int) {
        for row in 0..<rows {
            let dst = frame + (row + top) * size + left, src = map + row * cols
            for j in 0..<cols { dst[j] = src[j] }
        }
    }

    var columnCostPerImage: Double { Double(conv.M * conv.N * conv.K * conv.K * conv.R * conv.C) }
}

/// Floats allocated with `fftwf_malloc`, reused across steps: FFTW runs a plan on new arrays only
/// when they are aligned as the planning arrays were.
final class SpectralBuffer: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init() {
        capacity = 16
        pointer = fftwf_alloc_real(16)
    }

    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            fftwf_free(pointer)
            capacity = count
            pointer = fftwf_alloc_real(count)
        }
        return pointer
    }

    deinit { fftwf_free(pointer) }
}

/// The spectral path's buffers that live only within one forward or backward pass, so that
/// the layers of one network, which run one after the other, can share them.
final class SpectralScratch: @unchecked Sendable {
    var reals: [SpectralBuffer] = []
    var lanes: [SpectralBuffer] = []
    let products = SpectralBuffer()
    let weightGradients = SpectralBuffer()
    let inputGradients = SpectralBuffer()
    let weightGradient = Scratch()
}

/// The forward (real to half spectrum) and inverse 2-D transforms of one size.
struct SpectralPlans: @unchecked Sendable {
    let forward: fftwf_plan
    let inverse: fftwf_plan

    /// Planned once per size and kept for the process. FFTW_ESTIMATE chooses without timing
    /// anything, so every run and every process computes the same bits; the planner is not
    /// thread-safe, hence the lock (executing a plan is).
    static func plans(size: Int) -> SpectralPlans {
        cache.withLock { cache in
            if let plans = cache[size] { return plans }
            let real = fftwf_alloc_real(size * size)
            let spectrum = fftwf_alloc_complex(size * (size / 2 + 1))
            defer { fftwf_free(real); fftwf_free(spectrum) }
            let flags = UInt32(FFTW_ESTIMATE)
            let plans = SpectralPlans(
                forward: fftwf_plan_dft_r2c_2d(Int32(size), Int32(size), real, spectrum, flags),
                inverse: fftwf_plan_dft_c2r_2d(Int32(size), Int32(size), spectrum, real, flags))
            cache[size] = plans
            return plans
        }
    }

    private static let cache = Mutex<[Int: SpectralPlans]>([:])
}

/// The transforms and bin products of ``Conv2D``'s spectral path. Spectra are stored bin-major,
/// `[bin][transform]` (complex, interleaved), so that each bin's products are one `cgemm`.
struct SpectralKernels {
    let s: SpectralGeometry
    let plans: SpectralPlans
    let threads: Int
    let reals: [SpectralBuffer]
    let lanes: [SpectralBuffer]
    /// Transforms per task. Reordering spectra into `[bin][transform]` visits one place per bin,
    /// each in another page; 32 neighbours make those visits 256 contiguous bytes instead of 64
    /// (with 8, the reordering took more time than FFTW's transforms: `trainer-profile`, ms per
    /// step, issue-b 212 -> 166, embedded 14.4 -> 12.0, fnas-mnist 65.5 -> 53.4).
    static let lanesPerTask = 32

    /// Transforms `count` real L x L frames into `spectrum` (`[bin][count]`). `fill(t, frame)`
    /// writes frame `t`'s values into a zeroed frame; it must write the same positions every
    /// time (FFTW keeps a real input intact, so the zeros around them are written once per task).
    func transform(count: Int, into spectrum: UnsafeMutablePointer<Float>, conjugate: Bool,
                   fill: (Int, UnsafeMutablePointer<Float>) -> Void) {
        let (bins, stride, sign): (Int, Int, Float) = (s.bins, s.laneStride, conjugate ? -1 : 1)
        forEachTask(count) { frame, out, t0, n in
            frame.update(repeating: 0, count: s.size * s.size)
            for j in 0..<n {
                fill(t0 + j, frame)
                let spectrumJ = UnsafeMutableRawPointer(out + j * stride).assumingMemoryBound(to: fftwf_complex.self)
                fftwf_execute_dft_r2c(plans.forward, frame, spectrumJ)
            }
            for f in 0..<bins {
                let row = spectrum + 2 * (f * count + t0)
                for j in 0..<n {
                    row[2 * j] = out[j * stride + 2 * f]
                    row[2 * j + 1] = sign * out[j * stride + 2 * f + 1]
                }
            }
        }
    }

    /// The inverse of ``transform(count:into:conjugate:fill:)``: `use(t, frame)` reads frame `t`
    /// (L x L, not yet divided by L*L) back from `spectrum` (`[bin][count]`).
    func inverse(count: Int, from spectrum: UnsafePointer<Float>, conjugate: Bool,
                 use: (Int, UnsafePointer<Float>) -> Void) {
        let (bins, stride, sign): (Int, Int, Float) = (s.bins, s.laneStride, conjugate ? -1 : 1)
        forEachTask(count) { frame, lane, t0, n in
            for f in 0..<bins {
                let row = spectrum + 2 * (f * count + t0)
                for j in 0..<n {
                    lane[j * stride + 2 * f] = row[2 * j]
                    lane[j * stride + 2 * f + 1] = sign * row[2 * j + 1]
                }
            }
            for j in 0..<n {
                let spectrumJ = UnsafeMutableRawPointer(lane + j * stride).assumingMemoryBound(to: fftwf_complex.self)
                fftwf_execute_dft_c2r(plans.inverse, spectrumJ, frame)
                use(t0 + j, frame)
            }
        }
    }

    /// Runs `body(frame, lanes, t0, n)` for transforms `t0..<t0+n`, `lanesPerTask` at a time,
    /// on the workers, each with its own frame (L x L floats) and spectra (`lanesPerTask`
    /// of them, ``SpectralGeometry/laneStride`` apart).
    private func forEachTask(_ count: Int, _ body: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>, Int, Int) -> Void) {
        let width = Self.lanesPerTask
        parallelWork((count + width - 1) / width, threads: threads) { worker, task in
            let t0 = task * width
            body(reals[worker].reserve(s.size * s.size), lanes[worker].reserve(s.laneStride * width),
                 t0, min(width, count - t0))
        }
    }

    /// For every bin f: C_f = op(A_f) * op(B_f), the bins shared among the workers (each bin's
    /// product on one thread, so the result does not depend on the number of workers).
    func products(_ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, m: Int, n: Int, k: Int,
                  a: UnsafePointer<Float>, aStride: Int, lda: Int,
                  b: UnsafePointer<Float>, bStride: Int, ldb: Int,
                  c: UnsafeMutablePointer<Float>, cStride: Int) {
        openblas_set_num_threads(1)
        let constants: [Float] = [1, 0, 0, 0]
        constants.withUnsafeBufferPointer { values in
            let (one, zero) = (values.baseAddress!, values.baseAddress! + 2)
            parallelChunks(s.bins, threads: threads) { _, range in
                for f in range {
                    cblas_cgemm(CblasRowMajor, transA, transB, Int32(m), Int32(n), Int32(k),
                                one, a + 2 * f * aStride, Int32(lda), b + 2 * f * bStride, Int32(ldb),
                                zero, c + 2 * f * cStride, Int32(n))
                }
            }
        }
    }
}
