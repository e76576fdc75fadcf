import FNASCore
import Foundation

/// Something that happened to the search as a whole, with its time: a session started, the
/// spec changed, the user paused or resumed, a new best child, the end. The engine publishes
/// them in ``EngineSnapshot/events`` as it writes them to events.jsonl, and ``RunLog`` reads
/// them back from there, so a replay lists the same events as the live run did.
public struct RunEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A session began: the first run or a resume, under this spec.
        case started(resumed: Bool, spec: LatencySpec)
        /// The user set a new spec; children from `episode` on are judged by it.
        case spec(LatencySpec)
        case paused
        case resumed
        /// The child of `episode` became the most accurate one meeting the spec in force.
        case best(accuracy: Double)
        case finished
        case stopped
        case failed(String)
    }

    /// Seconds since 1970.
    public var time: Double
    /// The episode it concerns: the next one for most kinds, the child's for `best`.
    public var episode: Int
    public var kind: Kind

    public init(time: Double, episode: Int, kind: Kind) {
        self.time = time; self.episode = episode; self.kind = kind
    }

    /// One line for a person, without the time (the view shows it in its own column).
    public var text: String {
        switch kind {
        case .started(let resumed, let spec):
            return resumed ? "resumed the search at episode \(episode), spec \(spec)" : "started the search, spec \(spec)"
        case .spec(let spec): return "spec set to \(spec) from episode \(episode)"
        case .paused: return "paused before episode \(episode)"
        case .resumed: return "resumed"
        case .best(let accuracy):
            return "new best: episode \(episode), \(formatDecimal(accuracy * 100, places: 1))% accuracy"
        case .finished: return "finished after episode \(episode)"
        case .stopped: return "stopped after episode \(episode)"
        case .failed(let message): return "failed: \(message)"
        }
    }

    /// Whether it is bad news (drawn as a warning).
    public var isFailure: Bool {
        if case .failed = kind { return true }
        return false
    }

    /// The event a run-log line records, nil for lines that are not events (trials, epochs).
    init?(_ line: LogLine) {
        let kind: Kind
        switch line.type {
        case "session":
            guard let spec = line.spec else { return nil }
            kind = .started(resumed: line.resumed ?? false, spec: spec)
        case "spec":
            guard let spec = line.spec else { return nil }
            kind = .spec(spec)
        case "paused": kind = .paused
        case "resumed": kind = .resumed
        case "best":
            guard let accuracy = line.accuracy, accuracy.isFinite else { return nil }
            kind = .best(accuracy: accuracy)
        case "finished": kind = .finished
        case "stopped": kind = .stopped
        case "failed": kind = .failed(line.message ?? "unknown error")
        default: return nil
        }
        self.init(time: line.time, episode: line.episode ?? 0, kind: kind)
    }
}
