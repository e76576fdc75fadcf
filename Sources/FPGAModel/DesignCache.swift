import FNASCore
import Synchronization

/// Memoised per-layer design searches, shareable between models.
///
/// A layer's design candidates and frontier depend on its shape, the cost parameters (ports,
/// bits, halo) and the board's DSP and BRAM budgets (tilings over a budget are never costed), so
/// they are keyed by all of these; models that differ only in budget (a what-if `--dsp`, the
/// explorer re-judging under a new board) can still share one cache. Thread-safe: every
/// access takes the cache's lock; searches run outside it, so two threads may occasionally both
/// compute the same entry (the results are identical).
public final class DesignCache: Sendable {
    struct ShapeKey: Hashable {
        var M, N, R, C, K, S: Int
        var parameters: CostParameters
        init(_ s: LayerShape, _ p: CostParameters) {
            M = s.M; N = s.N; R = s.R; C = s.C; K = s.K; S = s.S; parameters = p
        }
    }
    struct PaperKey: Hashable { var shape: ShapeKey; var lanes: Int }
    struct BudgetKey: Hashable { var shape: ShapeKey; var dsp: Int; var bram: Int }

    private let layers = Mutex<[BudgetKey: LayerCandidates]>([:])
    private let paperTilings = Mutex<[PaperKey: Tiling]>([:])

    public init() {}

    /// Number of memoised layer candidate sets and paper tilings (for tests and benchmarks).
    public var count: Int { layers.withLock { $0.count } + paperTilings.withLock { $0.count } }

    func candidates(_ s: LayerShape, _ p: CostParameters, dsp: Int, bram: Int) -> LayerCandidates {
        let key = BudgetKey(shape: ShapeKey(s, p), dsp: dsp, bram: bram)
        if let c = layers.withLock({ $0[key] }) { return c }
        let c = FullDesign.candidates(for: s, params: p, dsp: dsp, bram: bram)
        layers.withLock { $0[key] = c }
        return c
    }

    func paperTiling(_ s: LayerShape, lanes: Int, _ p: CostParameters) -> Tiling {
        let key = PaperKey(shape: ShapeKey(s, p), lanes: lanes)
        if let t = paperTilings.withLock({ $0[key] }) { return t }
        let t = PaperDesign.tiling(for: s, lanes: lanes, params: p)
        paperTilings.withLock { $0[key] = t }
        return t
    }
}
