#if canImport(Glibc)
import CMalloc
#endif
import FNASCore

/// A floor-plan of the memory training a child needs, checked before anything is allocated.
///
/// FNASCore accepts sizes up to 2^20, so a layer such as `k1f1000000` on 28x28 images is a
/// valid architecture whose activations for one batch need hundreds of gigabytes; allocating
/// them aborts the process. The estimate is computed in `Double`, so it cannot overflow.
public enum TrainingMemory {
    /// The most a child may need: far above any network NAS samples (an fnas-cifar-14 child
    /// at batch 256 needs well under 2 GB) and below what a workstation can give one process.
    public static let limitBytes = 16.0 * 1_073_741_824

    /// Bytes of float storage training `shapes` at `batch` images needs: per conv layer four
    /// output-sized tensors per image (conv output, normalised and activated values, gradient)
    /// and four weight-sized tensors (weights, gradients, two Adam moments); per layer computed
    /// through FFTs the spectra of its inputs (kept from forward to backward) and of its
    /// kernels, and the largest layer's spectra of outputs and input gradients (shared).
    public static func estimatedBytes(_ shapes: [LayerShape], classes: Int, batch: Int) -> Double {
        var activations = 0.0, weights = 0.0, spectra = 0.0, sharedSpectra = 0.0
        let images = Double(max(batch, 0))
        for s in shapes {
            activations += Double(s.M) * Double(s.R) * Double(s.C)
            weights += Double(s.M) * Double(s.N) * Double(s.K) * Double(s.K)
            let g = ConvGeometry(N: s.N, H: s.inputRows, W: s.inputCols, M: s.M, K: s.K, S: s.S,
                                 R: s.R, C: s.C, padTop: s.padTop, padLeft: s.padLeft)
            if let spectral = Conv2D.automaticSpectralGeometry(for: g) {
                let bins = 2 * Double(spectral.bins)
                spectra += bins * (Double(s.N) * images + Double(s.M) * Double(s.N))
                sharedSpectra = max(sharedSpectra, bins * Double(s.M + s.N) * images)
            }
        }
        weights += Double(shapes.last?.M ?? 0) * Double(classes)
        return 4 * 4 * (activations * images + weights) + 4 * (spectra + sharedSpectra)
    }

    /// - Throws: ``InputError`` naming the architecture when training it at `batch` images
    ///   would need more than ``limitBytes``.
    public static func check(_ arch: Architecture, batch: Int) throws {
        let shapes = try arch.validated()
        let bytes = estimatedBytes(shapes, classes: arch.classes, batch: batch)
        guard bytes <= limitBytes else {
            let gb = { (b: Double) in formatDecimal(b / 1_073_741_824, places: 1) + " GB" }
            let what = batch > 0 ? "training it at batch \(batch)" : "its weights alone"
            throw InputError(source: "architecture \(arch.compactLayers)",
                             "\(what) needs about \(gb(bytes)) of memory, more than the \(gb(limitBytes)) limit (use fewer filters, smaller maps or a smaller batch)")
        }
    }
}

extension TrainingMemory {
    /// Makes glibc's malloc keep freed memory for reuse: no block is served by a fresh mapping,
    /// and the heap is not trimmed until a gigabyte is free at its top. Done once per process,
    /// when training starts; returns whether the setting is in force.
    ///
    /// Every step allocates its activations anew and frees them. By default glibc maps blocks
    /// over its mmap threshold (at most 32 MB: a 128-image batch of 64 32x32 maps is 33.5 MB)
    /// from the kernel and unmaps them when freed, so each step pays page faults and the
    /// kernel's zeroing of every page again: 22.5 % of fnas-cifar-14's training time
    /// (docs/trainer.md, "Where the time goes"). The cost is that a process that has trained a
    /// large child keeps that memory until it exits.
    @discardableResult
    public static func keepFreedMemory() -> Bool { keepsFreedMemory }

    private static let keepsFreedMemory: Bool = {
        #if canImport(Glibc)
        mallopt(M_MMAP_MAX, 0) == 1 && mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1
        #else
        false
        #endif
    }()

    /// Blocks malloc currently serves from mappings of their own (glibc's `hblks`).
    static var mappedBlocks: Int {
        #if canImport(Glibc)
        Int(mallinfo2().hblks)
        #else
        0
        #endif
    }
}
