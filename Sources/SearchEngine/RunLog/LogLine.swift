import FNASCore
import Foundation

/// One line of `events.jsonl`. `type` is one of: session, trial, epoch, spec, paused, resumed,
/// best, stopped, finished, failed. Fields not used by a type are absent; readers skip types
/// they do not know.
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
    /// For `best`: the accuracy of the child (`episode`) that became the best meeting the spec.
    public var accuracy: Double?

    init(type: String, episode: Int? = nil) {
        self.type = type
        self.time = Date().timeIntervalSince1970
        self.episode = episode
    }
}
