import FNASCore
import FPGAModel

/// The one-line explanations shown for pruned children.
public enum PruneReason {
    /// `7.9ms > 5ms spec, layer 3 computing-bound`, or `infeasible: <model's reason>`.
    public static func describe(_ report: LatencyReport, spec: LatencySpec) -> String {
        guard report.feasible else {
            return "infeasible: " + (report.infeasibleReason ?? "the model cannot map it onto \(report.board)")
        }
        let shown = overSpec(latencyMs: report.latencyMs, spec: spec)
        var text = "\(shown.latency) > \(shown.spec) spec"
        if let slowest = report.slowestLayer,
           let position = report.layers.firstIndex(where: { $0 == slowest }) {
            text += ", layer \(position + 1) \(slowest.cost.bottleneck.rawValue)-bound"
        }
        return text
    }

    /// A latency over `spec` and the spec as a reason prints them: in the usual form, with as
    /// many more decimals as it takes when that form would print them equal ("0.128ms > 0.128ms"
    /// for 0.1281 ms against 0.128 ms reads as a contradiction).
    static func overSpec(latencyMs: Double, spec: LatencySpec) -> (latency: String, spec: String) {
        let latency = LatencySpec.formatMilliseconds(latencyMs), shown = spec.description
        guard latency == shown else { return (latency, shown) }
        func trimmed(_ s: String) -> String {
            var s = s
            while s.contains("."), s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        for places in 4...12 {
            let a = trimmed(formatDecimal(latencyMs, places: places)), b = trimmed(formatDecimal(spec.milliseconds, places: places))
            if a != b { return (a + "ms", b + "ms") }
        }
        return (latency, shown)
    }

    /// A child stopped in training because the spec changed under it.
    public static func late(_ report: LatencyReport, newSpec: LatencySpec) -> String {
        "spec changed to \(newSpec): " + describe(report, spec: newSpec)
    }

    /// A report for an architecture the latency model rejected with an error.
    static func infeasibleReport(board: Board, message: String) -> LatencyReport {
        LatencyReport(board: board.name, clockMHz: board.clockMHz, template: .pipelined, dse: .paper, layers: [],
                      latencyCycles: 0, feasible: false, infeasibleReason: message, dspUsed: 0,
                      dspAvailable: board.dsp, bramUsed: 0, bramAvailable: board.bram18k, timeline: [])
    }
}
