import FNASCore

/// One layer mapped onto its engine: shape, tiling, resources and cost.
public struct LayerDesign: Sendable, Hashable, Codable {
    public var index: Int
    public var shape: LayerShape
    public var tiling: Tiling
    /// DSP slices the engine uses (Tm * Tn, times 5 at 32-bit float).
    public var dsp: Int
    /// 18 Kb block RAMs the engine's double buffers use.
    public var bram18k: Int
    public var cost: LayerCost

    public init(index: Int, shape: LayerShape, tiling: Tiling, dsp: Int, bram18k: Int, cost: LayerCost) {
        self.index = index; self.shape = shape; self.tiling = tiling
        self.dsp = dsp; self.bram18k = bram18k; self.cost = cost
    }
}
