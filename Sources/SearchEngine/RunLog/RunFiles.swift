import FNASCore
import FPGAModel
import Foundation

// The files of a run directory `runs/<name>/`:
//   config.json      the full SearchConfiguration (written once)
//   events.jsonl     append-only JSON lines (`LogLine`); a trial's line is fsync'ed before
//                    the next episode starts
//   checkpoint.json  controller weights + optimiser state + baseline + spec + RNG, after each episode
//   trials.csv       every trial, one row each (rewritten atomically)
//   best.json        the best child meeting the spec, with its per-layer tiling (atomic)

/// File names inside a run directory.
public enum RunFiles {
    public static let configuration = "config.json"
    public static let events = "events.jsonl"
    public static let checkpoint = "checkpoint.json"
    public static let trials = "trials.csv"
    public static let best = "best.json"

    static func path(_ directory: String, _ file: String) -> String {
        (directory as NSString).appendingPathComponent(file)
    }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        // Infinity appears in no field we write, but a NaN loss must not abort the run.
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}

/// One line of `events.jsonl`. `type` is one of: session, trial, epoch, spec, paused, resumed,
/// stopped, finished, failed. Fields not used by a type are absent.
public struct LogLine: Sendable, Codable {
    public var type: String
    /// Seconds since 1970.
    public var time: Double
    public var episode: Int?
    /// For `trial`: the finished episode (the line is the commit point of that episode).
    public var trial: Trial?
    /// For `trial`: the controller update it caused (absent for skipped children and random search).
    public var controller: ControllerStep?
    /// For `spec` (the new spec) and `session` (the spec in force).
    public var spec: LatencySpec?
    /// For `epoch`: one epoch of the child in training.
    public var point: EpochPoint?
    public var resumed: Bool?
    public var summary: SearchSummary?
    public var message: String?

    init(type: String, episode: Int? = nil) {
        self.type = type
        self.time = Date().timeIntervalSince1970
        self.episode = episode
    }
}

/// The controller state after an episode: enough to continue the search exactly.
///
/// Random streams are derived from the run's seed and the episode index
/// (`rng.derive("episode", n)`), so the RNG state at an episode boundary is the root generator.
public struct Checkpoint: Sendable, Codable, Equatable {
    public static let format = "fnas-checkpoint"
    public var format: String
    public var version: Int
    /// Number of the last episode whose update the controller contains.
    public var episode: Int
    public var controller: LSTMController
    public var baseline: Double?
    public var spec: LatencySpec
    public var seed: UInt64
    public var rng: SeededGenerator

    public init(episode: Int, controller: LSTMController, baseline: Double?, spec: LatencySpec, seed: UInt64, rng: SeededGenerator) {
        format = Self.format; version = 1
        self.episode = episode; self.controller = controller; self.baseline = baseline
        self.spec = spec; self.seed = seed; self.rng = rng
    }
}

/// The best child of a run, as `best.json` stores it.
public struct BestRecord: Sendable, Codable, Equatable {
    public var format = "fnas-best"
    public var version = 1
    public var episode: Int
    public var architecture: Architecture
    public var accuracy: Double
    public var latencyMs: Double
    public var specMs: Double
    /// The full latency report: per-layer shape, tiling (Tm, Tn, Tr, Tc), DSP, BRAM, cycles, bottleneck.
    public var latency: LatencyReport

    public init(_ trial: Trial, spec: LatencySpec) {
        episode = trial.episode; architecture = trial.architecture; accuracy = trial.accuracy ?? 0
        latencyMs = trial.latency.latencyMs; specMs = spec.milliseconds; latency = trial.latency
    }
}

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

extension Checkpoint {
    /// Why the checkpoint cannot be restored as it is (weights that do not match their layout,
    /// a negative episode, non-finite values), or nil when it is consistent.
    var damage: String? {
        let c = controller
        if episode < 0 { return "episode: \(episode) is negative" }
        if c.step < 0 { return "controller.step: \(c.step) is negative" }
        if c.parameters.count != c.layout.count {
            return "controller.parameters: \(c.parameters.count) weights but the layout needs \(c.layout.count)"
        }
        if c.meanSquare.count != c.layout.count {
            return "controller.meanSquare: \(c.meanSquare.count) values but the layout needs \(c.layout.count)"
        }
        if !c.parameters.allSatisfy(\.isFinite) { return "controller.parameters: holds a non-finite weight" }
        if !c.meanSquare.allSatisfy({ $0.isFinite && $0 >= 0 }) { return "controller.meanSquare: holds a negative or non-finite value" }
        if let b = baseline, !b.isFinite { return "baseline: is not finite" }
        return nil
    }
}
