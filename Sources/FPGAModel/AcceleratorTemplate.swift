/// How the layers' engines are arranged on the device.
public enum AcceleratorTemplate: String, Sendable, Hashable, Codable, CaseIterable {
    /// One engine per layer, layers pipelined through the tile task graph (FNAS-GG/Sched).
    case pipelined
    /// One engine per layer, but each layer starts when the previous one has finished.
    case sequential
    /// One engine with a single (Tm, Tn) for all layers (Zhang et al. FPGA'15).
    case shared
}
