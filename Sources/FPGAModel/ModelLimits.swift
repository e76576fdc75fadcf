import FNASCore

/// The largest layers, boards and overrides the latency model accepts.
///
/// The limits keep every cycle count well inside 64-bit integers (R*C*M*N*K*K with halo
/// overheads stays below 2^62) and every design search to seconds at worst, far beyond the
/// networks NAS samples (ImageNet-size layers are 224 x 224 x 512).
public enum ModelLimits {
    /// Output channels M and input channels N.
    public static let channels = 4096
    /// Input and output rows and columns.
    public static let mapSize = 4096
    /// Kernel size K.
    public static let kernel = 64
    /// DSP slices and BRAM18K blocks of a board.
    public static let resources = 10_000_000
    /// Conv layers in one architecture.
    public static let layers = 256
    /// Port widths (words per cycle) and tiling factors.
    public static let factor = 1 << 20
    /// Tilings `--dse full` costs for one layer (the product of the numbers of distinct
    /// ceil(X/k) values of M, N, R and C). A 512-channel 512x512 layer has 4.1 million; a
    /// 4096-channel 4096x4096 layer, though within the limits above, 260 million, minutes of work.
    public static let fullDesignSpace = 1 << 23

    /// Checks the layer shapes of a validated architecture.
    ///
    /// - Throws: ``InputError`` naming the first layer field beyond a limit.
    static func check(_ shapes: [LayerShape], source: String = "architecture") throws {
        if shapes.count > layers {
            throw InputError(source: source, field: "layers", "\(shapes.count) conv layers are beyond the latency model's limit of \(layers)")
        }
        for (i, s) in shapes.enumerated() {
            let checks: [(String, Int, Int)] = [
                ("input", max(s.inputRows, s.inputCols), mapSize), ("filters", s.M, channels),
                ("input channels", s.N, channels), ("kernel", s.K, kernel),
            ]
            for (what, value, limit) in checks where value > limit {
                throw InputError(source: source, field: "layers[\(i)]",
                                 "\(what) \(value) is beyond the latency model's limit of \(limit)")
            }
        }
    }

    /// Checks that the full DSE can cost every tiling of every layer in seconds.
    ///
    /// - Throws: ``InputError`` naming the first layer whose tiling space exceeds
    ///   ``fullDesignSpace``.
    static func checkFullDesignSpace(_ shapes: [LayerShape], source: String = "architecture") throws {
        for (i, s) in shapes.enumerated() {
            let sizes = [s.M, s.N, s.R, s.C].map { FullDesign.tileSizes($0).count }
            let tilings = sizes.reduce(1, *)
            if tilings > fullDesignSpace {
                throw InputError(source: source, field: "layers[\(i)]",
                                 "\(s.M) filters x \(s.N) channels on a \(s.R)x\(s.C) map have \(tilings) tilings, beyond the full DSE's limit of \(fullDesignSpace) (use the paper DSE or a fixed tiling)")
            }
        }
    }

    /// Checks a board (after overrides) and a tiling override.
    static func check(_ board: Board, tiling: Tiling?, source: String) throws {
        for (field, v, limit) in [("dsp", board.dsp, resources), ("bram18k", board.bram18k, resources),
                                  ("ports.weights", board.ports.weights, factor), ("ports.input", board.ports.input, factor),
                                  ("ports.output", board.ports.output, factor)] where v > limit {
            throw InputError(source: source, field: field, "\(v) is beyond the latency model's limit of \(limit)")
        }
        if let t = tiling {
            for (name, v) in [("Tm", t.Tm), ("Tn", t.Tn), ("Tr", t.Tr), ("Tc", t.Tc)] where v > factor {
                throw InputError(setting: "tiling", field: name, "\(v) is beyond the latency model's limit of \(factor)")
            }
        }
    }
}
