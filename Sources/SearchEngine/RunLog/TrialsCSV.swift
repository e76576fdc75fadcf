import FNASCore

/// `trials.csv`: one row per trial with a header; fields with commas or quotes are quoted.
public enum TrialsCSV {
    public static let header = "episode,architecture,latency_ms,feasible,spec_ms,verdict,reason,accuracy,reward,baseline,training_seconds,reused,dsp,bram18k"

    public static func render(_ trials: [Trial]) -> String {
        var out = header + "\n"
        out.reserveCapacity(trials.count * 96)
        for t in trials {
            let fields: [String] = [
                String(t.episode), t.architecture.compactLayers,
                t.latency.feasible ? String(t.latency.latencyMs) : "", String(t.latency.feasible),
                String(t.spec.milliseconds), t.verdict.rawValue, t.reason ?? "",
                t.accuracy.map { String($0) } ?? "", String(t.reward), String(t.baseline),
                t.trainingSeconds.map { String($0) } ?? "", String(t.reused),
                String(t.latency.dspUsed), String(t.latency.bramUsed),
            ]
            out += fields.map(escape).joined(separator: ",") + "\n"
        }
        return out
    }

    static func escape(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
