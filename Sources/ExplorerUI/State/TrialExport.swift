import FNASCore
import FPGAModel
import Foundation
import SearchEngine

/// The JSON written by `s`: the architecture in fnas's own format plus the design that
/// achieves its latency (tiling, resources, per-layer cost) and how the search judged it.
public struct TrialExport: Sendable, Codable {
    public var formatVersion: Int
    public var run: String
    public var board: String
    public var episode: Int
    public var architecture: Architecture
    public var latencyMs: Double?
    public var spec: String
    public var verdict: Verdict
    public var reason: String?
    public var accuracy: Double?
    public var reward: Double
    public var design: LatencyReport

    public init(trial: Trial, snapshot: EngineSnapshot) {
        formatVersion = Architecture.formatVersion
        run = snapshot.runName
        board = snapshot.board.name
        episode = trial.episode
        var arch = trial.architecture
        if arch.name == nil { arch.name = "\(snapshot.runName)-episode-\(trial.episode)" }
        architecture = arch
        latencyMs = trial.latency.feasible ? trial.latency.latencyMs : nil
        spec = trial.spec.description
        verdict = trial.verdict
        reason = trial.reason
        accuracy = trial.accuracy
        reward = trial.reward
        design = trial.latency
    }

    /// Pretty, key-sorted JSON (stable across runs, readable in a diff).
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// `<directory>/export-episode-<n>.json`.
    public static func path(directory: String, episode: Int) -> String {
        (directory as NSString).appendingPathComponent("export-episode-\(episode).json")
    }
}

/// Writes a file; injected so the explorer stays free of file-system side effects in tests.
public typealias FileWriter = @Sendable (_ path: String, _ contents: String) throws -> Void
