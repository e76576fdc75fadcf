/// The cycle counts of one layer under a tiling (see docs/latency-model.md, "Per-layer cost").
public struct LayerCost: Sendable, Hashable, Codable {
    /// Cycles to load one input tile: ceil(Tn * Tr' * Tc' / Ip).
    public var tI: Int
    /// Cycles to load one weight tile: ceil(Tm * Tn * K * K / Wp).
    public var tW: Int
    /// Cycles to compute one tile step: K * K * Tr * Tc.
    public var tC: Int
    /// Cycles to store one output tile: ceil(Tm * Tr * Tc / Op).
    public var tO: Int
    /// max(tI, tW, tC): one step with double-buffered loads.
    public var lat1: Int
    /// max(ceil(N/Tn) * Lat1, tO): one output tile.
    public var lat2: Int
    /// ceil(R/Tr) * ceil(C/Tc) * ceil(M/Tm) * Lat2: the whole layer.
    public var cycles: Int
    public var bottleneck: Bottleneck

    public init(tI: Int, tW: Int, tC: Int, tO: Int, lat1: Int, lat2: Int, cycles: Int, bottleneck: Bottleneck) {
        self.tI = tI; self.tW = tW; self.tC = tC; self.tO = tO
        self.lat1 = lat1; self.lat2 = lat2; self.cycles = cycles; self.bottleneck = bottleneck
    }
}
