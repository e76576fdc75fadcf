import FNASCore

/// How the model maps an architecture: template, design-space exploration and what-if overrides.
public struct ModelOptions: Sendable, Hashable, Codable {
    /// How the layers' engines are arranged (default: pipelined, FNAS-GG/Sched).
    public var template: AcceleratorTemplate
    /// How tilings are chosen (default: `full`).
    public var dse: DesignSpaceExploration
    /// One tiling for every layer, clamped to each layer's M, N, R, C; skips the design search.
    public var tilingOverride: Tiling?
    /// Port widths replacing the board's.
    public var ports: PortWidths?
    /// Data width (16 or 32) replacing the board's.
    public var bits: Int?
    /// DSP slices replacing the board's.
    public var dsp: Int?
    /// Input tiles with halo (`Tr' = S*Tr + K - S`); nil means on for `full`, off for `paper`
    /// (the authors' `Tr * Tc`, which the worked example relies on).
    public var halo: Bool?

    public init(template: AcceleratorTemplate = .pipelined, dse: DesignSpaceExploration = .full,
                tilingOverride: Tiling? = nil, ports: PortWidths? = nil, bits: Int? = nil,
                dsp: Int? = nil, halo: Bool? = nil) {
        self.template = template; self.dse = dse; self.tilingOverride = tilingOverride
        self.ports = ports; self.bits = bits; self.dsp = dsp; self.halo = halo
    }

    /// Whether input tiles include the halo under these options.
    public var usesHalo: Bool { halo ?? (dse == .full) }
}
