// Symbols (Zhang et al., FPGA'15; Jiang et al., DAC'19): a layer has M output channels,
// N input channels, R x C output rows/columns, kernel K, stride S. A tiling computes Tm
// output channels from Tn input channels on a Tr x Tc output tile per step.

/// The loop tiling of one layer's engine.
public struct Tiling: Sendable, Hashable, Codable, CustomStringConvertible {
    public var Tm: Int
    public var Tn: Int
    public var Tr: Int
    public var Tc: Int

    public init(Tm: Int, Tn: Int, Tr: Int, Tc: Int) {
        self.Tm = Tm; self.Tn = Tn; self.Tr = Tr; self.Tc = Tc
    }

    public var description: String { "\(Tm),\(Tn),\(Tr),\(Tc)" }
}
