import FNASCore
import Foundation

/// The final figures of a search (printed by `fnas search` at the end).
public struct SearchSummary: Sendable, Hashable, Codable {
    public var episodes: Int
    public var trained: Int
    public var reused: Int
    public var pruned: Int
    public var skipped: Int
    /// Wall-clock seconds of this session (excluding time before a resume).
    public var wallSeconds: Double
    /// Mean seconds of a newly trained child (reused results excluded).
    public var meanTrainingSeconds: Double
    /// `meanTrainingSeconds * pruned`: the training time the pruning avoided.
    public var savedSeconds: Double
    public var spec: LatencySpec
    public var best: Trial?
    /// True when a stop command ended the run before its planned episodes.
    public var stopped: Bool
    /// Different children among the episodes (nil in summaries written before it was counted).
    public var distinct: Int?
    /// Samples the duplicate guard drew again because they repeated an evaluated child.
    public var resampled: Int?

    public init(trials: [Trial], spec: LatencySpec, wallSeconds: Double, stopped: Bool) {
        episodes = trials.count
        trained = trials.filter { $0.verdict.isTrained }.count
        reused = trials.filter { $0.reused }.count
        pruned = trials.filter { $0.verdict.isPruned }.count
        skipped = trials.filter { $0.verdict == .skipped }.count
        let fresh = trials.compactMap { $0.verdict.isTrained && !$0.reused ? $0.trainingSeconds : nil }
        meanTrainingSeconds = fresh.isEmpty ? 0 : fresh.reduce(0, +) / Double(fresh.count)
        savedSeconds = meanTrainingSeconds * Double(pruned)
        self.wallSeconds = wallSeconds
        self.spec = spec
        best = SearchSummary.best(of: trials, spec: spec)
        self.stopped = stopped
        distinct = Set(trials.map(\.architecture)).count
        resampled = trials.reduce(0) { $0 + ($1.resamples ?? 0) }
    }

    /// Episodes that repeated a child already seen, as a fraction of all episodes.
    public var repeatRate: Double? {
        guard let distinct, episodes > 0 else { return nil }
        return Double(episodes - distinct) / Double(episodes)
    }

    /// The most accurate trained child that meets `spec` (ties: the earlier episode).
    public static func best(of trials: [Trial], spec: LatencySpec) -> Trial? {
        var best: Trial?
        for t in trials where t.verdict.isTrained && t.meets(spec) {
            if let a = t.accuracy, a > (best?.accuracy ?? -1) { best = t }
        }
        return best
    }

    /// Human-readable lines for the end of a headless run.
    public var lines: [String] {
        var out = ["episodes \(episodes): trained \(trained) (\(reused) reused), pruned \(pruned), skipped \(skipped)"
                   + (stopped ? " (stopped early)" : "")]
        if let distinct, let repeatRate {
            out.append("distinct children \(distinct) of \(episodes) (\(formatDecimal(repeatRate * 100, places: 1))% repeats)"
                       + ((resampled ?? 0) > 0 ? "; \(resampled ?? 0) repeated samples drawn again" : ""))
        }
        out.append("wall time \(formatDuration(wallSeconds)); pruning saved ~\(formatDuration(savedSeconds))"
                   + " (\(formatDecimal(meanTrainingSeconds, places: 2))s per trained child x \(pruned) pruned)")
        if let best, let a = best.accuracy {
            out.append("best: \(best.architecture.compactLayers) accuracy \(formatDecimal(a * 100, places: 2))%"
                       + " at \(LatencySpec.formatMilliseconds(best.latency.latencyMs)) (spec \(spec), episode \(best.episode))")
        } else {
            out.append("best: no trained child meets the \(spec) spec")
        }
        return out
    }
}

extension Trial {
    /// One line per episode for headless output:
    /// `#  12 k5f8,k3f16s2,k7f4  3.41ms met  acc 86.20%  R +0.041`; `met*` marks a reused result,
    /// `trained-over-spec` a child accuracy-only NAS trained although it misses the spec.
    public var summaryLine: String {
        let ep = String(repeating: " ", count: max(0, 4 - String(episode).count)) + String(episode)
        let lat = latency.feasible ? LatencySpec.formatMilliseconds(latency.latencyMs) : "n/a"
        var verdictText = verdict.rawValue
        // Accuracy-only NAS trains children over the spec: say so rather than "met".
        if verdict.isTrained && !meets(spec) { verdictText = "trained-over-spec" }
        if reused { verdictText += "*" }
        var line = "#\(ep) \(architecture.compactLayers)  \(lat) \(verdictText)"
        if let accuracy { line += "  acc \(formatDecimal(accuracy * 100, places: 2))%" }
        line += "  R \(reward >= 0 ? "+" : "")\(formatDecimal(reward, places: 3))"
        if let reason, !verdict.isTrained { line += "  (\(reason))" }
        return line
    }
}
