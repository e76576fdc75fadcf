import FNASCore
import Foundation

/// The flat JSON form of a latency report that `fnas latency --json` prints.
///
/// Top level: `latencyCycles` (0 when infeasible), `latencyMs` (null when infeasible),
/// `feasible`, `infeasibleReason` (null when feasible), `board`, `clockMHz`, `template`, `dse`, `dspUsed`, `dspAvailable`,
/// `bramUsed`, `bramAvailable`, `optimal` (true when the `full` search proved the design
/// optimal, false when it stopped at its budget, null for `paper` or a given tiling),
/// `lowerBoundCycles` (no design fits under it; null when `optimal` is null), optional `spec` (`{ "ms", "meets", "verdict" }`), and `layers[]`
/// each with `index M N R C K S Tm Tn Tr Tc dsp bram18k cycles ms bottleneck tI tW tC tO lat1
/// lat2 tasks`.
public struct LatencyJSON: Sendable, Hashable, Codable {
    public struct Layer: Sendable, Hashable, Codable {
        public var index, M, N, R, C, K, S, Tm, Tn, Tr, Tc, dsp, bram18k, cycles: Int
        public var ms: Double
        public var bottleneck: String
        public var tI, tW, tC, tO, lat1, lat2, tasks: Int
    }
    public struct Spec: Sendable, Hashable, Codable {
        public var ms: Double
        public var meets: Bool
        public var verdict: String
    }
    public var latencyCycles: Int
    public var latencyMs: Double?
    public var feasible: Bool
    public var infeasibleReason: String?
    public var board: String
    public var clockMHz: Double
    public var template: String
    public var dse: String
    public var dspUsed, dspAvailable, bramUsed, bramAvailable: Int
    public var optimal: Bool?
    public var lowerBoundCycles: Int?
    public var spec: Spec?
    public var layers: [Layer]

    public init(_ r: LatencyReport, spec: LatencySpec? = nil) {
        latencyCycles = r.latencyCycles
        latencyMs = r.feasible ? r.latencyMs : nil
        feasible = r.feasible
        infeasibleReason = r.infeasibleReason
        board = r.board; clockMHz = r.clockMHz
        template = r.template.rawValue; dse = r.dse.rawValue
        dspUsed = r.dspUsed; dspAvailable = r.dspAvailable; bramUsed = r.bramUsed; bramAvailable = r.bramAvailable
        optimal = r.feasible ? r.optimality?.proven : nil
        lowerBoundCycles = r.feasible ? r.optimality?.lowerBoundCycles : nil
        self.spec = spec.map { Spec(ms: $0.milliseconds, meets: r.meets($0), verdict: r.verdict(against: $0)) }
        layers = r.layers.map { l in
            let s = l.shape, t = l.tiling, c = l.cost
            return Layer(index: l.index, M: s.M, N: s.N, R: s.R, C: s.C, K: s.K, S: s.S,
                         Tm: t.Tm, Tn: t.Tn, Tr: t.Tr, Tc: t.Tc, dsp: l.dsp, bram18k: l.bram18k,
                         cycles: c.cycles, ms: r.milliseconds(c.cycles), bottleneck: c.bottleneck.rawValue,
                         tI: c.tI, tW: c.tW, tC: c.tC, tO: c.tO, lat1: c.lat1, lat2: c.lat2,
                         tasks: ceilDiv(s.R, t.Tr) * ceilDiv(s.C, t.Tc) * ceilDiv(s.M, t.Tm))
        }
    }

    enum CodingKeys: String, CodingKey {
        case latencyCycles, latencyMs, feasible, infeasibleReason, board, clockMHz, template, dse
        case dspUsed, dspAvailable, bramUsed, bramAvailable, optimal, lowerBoundCycles, spec, layers
    }

    /// Writes `latencyMs` and `infeasibleReason` as `null` rather than leaving them out, so a
    /// reader finds every documented key.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(latencyCycles, forKey: .latencyCycles)
        try c.encode(latencyMs, forKey: .latencyMs)
        try c.encode(feasible, forKey: .feasible)
        try c.encode(infeasibleReason, forKey: .infeasibleReason)
        try c.encode(board, forKey: .board)
        try c.encode(clockMHz, forKey: .clockMHz)
        try c.encode(template, forKey: .template)
        try c.encode(dse, forKey: .dse)
        try c.encode(dspUsed, forKey: .dspUsed)
        try c.encode(dspAvailable, forKey: .dspAvailable)
        try c.encode(bramUsed, forKey: .bramUsed)
        try c.encode(bramAvailable, forKey: .bramAvailable)
        try c.encode(optimal, forKey: .optimal)
        try c.encode(lowerBoundCycles, forKey: .lowerBoundCycles)
        try c.encodeIfPresent(spec, forKey: .spec)
        try c.encode(layers, forKey: .layers)
    }

    /// Pretty-printed JSON with sorted keys.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}
