import FNASCore
import FPGAModel

/// The one-line explanations shown for pruned children.
public enum PruneReason {
    /// `7.9ms > 5ms spec, layer 3 computing-bound`, or `infeasible: <model's reason>`.
    public static func describe(_ report: LatencyReport, spec: LatencySpec) -> String {
        guard report.feasible else {
            return "infeasible: " + (report.infeasibleReason ?? "the model cannot map it onto \(report.board)")
        }
        var text = "\(LatencySpec.formatMilliseconds(report.latencyMs)) > \(spec) spec"
        if let slowest = report.slowestLayer,
           let position = report.layers.firstIndex(where: { $0 == slowest }) {
            text += ", layer \(position + 1) \(slowest.cost.bottleneck.rawValue)-bound"
        }
        return text
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
