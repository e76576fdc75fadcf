import FNASCore
import Foundation

/// A run directory read back: configuration, every committed trial, controller steps, spec
/// changes and the checkpoint. Read-only; a replay UI can load any run with it, including one
/// that is still being written or was killed.
public struct RunLog: Sendable {
    public var directory: String
    public var configuration: SearchConfiguration
    /// Every committed trial, episodes 1...N in order.
    public var trials: [Trial]
    public var controllerSteps: [ControllerStep]
    /// Spec changes as (episode that was next when it changed, new spec).
    public var specChanges: [SpecChange]
    /// The spec in force at the end of the log.
    public var currentSpec: LatencySpec
    public var checkpoint: Checkpoint?
    /// Problems that were tolerated, e.g. a torn last line after a crash.
    public var warnings: [String]
    /// Bytes of events.jsonl up to the end of the last complete line.
    public var validLength: Int
    /// Every session (first run and each resume) in order, with its wall time.
    public var sessions: [RunSession] = []
    /// Sessions, spec changes, pauses, new bests and ends, in the order they were logged.
    public var events: [RunEvent] = []
    /// Size of events.jsonl when it was read: a resume that finds another size once it holds
    /// the run's lock knows another process wrote the run in between.
    var eventsBytes = 0

    /// Wall-clock seconds of the whole search: the sum over its sessions, so a search that was
    /// interrupted and resumed counts the time of each part and not the pause in between, nor
    /// the time the user paused it. The live explorer's elapsed time is the same figure.
    public var wallSeconds: Double { sessions.reduce(0) { $0 + $1.seconds } }

    public struct SpecChange: Sendable, Hashable {
        public var episode: Int
        public var spec: LatencySpec
    }

    /// Loads `directory`.
    ///
    /// - Throws: ``InputError`` naming the file (and line) when the run cannot be read:
    ///   missing config, a corrupt line before the last, episodes out of order.
    public static func load(_ directory: String) throws -> RunLog {
        func contents(_ file: String) -> Data? { FileManager.default.contents(atPath: RunFiles.path(directory, file)) }
        return try decode(directory: directory, configuration: contents(RunFiles.configuration),
                          events: contents(RunFiles.events), checkpoint: contents(RunFiles.checkpoint))
    }

    /// Reads a run from the bytes of its files, as ``load(_:)`` does after reading them; nil
    /// stands for a missing file. Pure, so it can be fuzzed without a file system.
    ///
    /// - Parameter directory: where the files came from, for messages.
    /// - Throws: ``InputError`` as ``load(_:)`` does.
    public static func decode(directory: String, configuration configData: Data?, events: Data?,
                              checkpoint checkpointData: Data?) throws -> RunLog {
        let configPath = RunFiles.path(directory, RunFiles.configuration)
        guard let configData else {
            throw InputError(source: directory, "is not a run directory (no readable \(RunFiles.configuration))")
        }
        let configuration: SearchConfiguration
        do { configuration = try RunFiles.decoder().decode(SearchConfiguration.self, from: configData) } catch let e as DecodingError {
            throw DescriptionFiles.inputError(e, decoding: SearchConfiguration.self, from: configData,
                                              with: RunFiles.decoder(), source: configPath)
        }
        do { try validate(configuration, source: configPath) } catch let e as InputError {
            throw e.located(in: JSONSourceMap(configData))
        }
        return try decode(directory: directory, configuration: configuration, events: events, checkpoint: checkpointData)
    }

    /// Reads a run's events and checkpoint against its configuration, already read and
    /// validated (``decode(directory:configuration:events:checkpoint:)`` with the config's bytes
    /// does both first).
    ///
    /// - Throws: ``InputError`` naming events.jsonl or checkpoint.json.
    public static func decode(directory: String, configuration: SearchConfiguration, events: Data?,
                              checkpoint checkpointData: Data?) throws -> RunLog {
        let eventsPath = RunFiles.path(directory, RunFiles.events)
        let bytes = events ?? Data()
        var log = RunLog(directory: directory, configuration: configuration, trials: [], controllerSteps: [],
                         specChanges: [], currentSpec: configuration.spec, checkpoint: nil, warnings: [], validLength: 0)
        log.eventsBytes = bytes.count
        try log.readEvents(bytes, path: eventsPath)
        let checkpointPath = RunFiles.path(directory, RunFiles.checkpoint)
        if let data = checkpointData {
            let decoded = Result { try RunFiles.reader.decode(Checkpoint.self, from: data) }
            if case .success(let checkpoint) = decoded, let problem = checkpoint.stepProblem {
                throw InputError(source: checkpointPath, field: "controller.step", problem)
            }
            do {
                let checkpoint = try decoded.get()
                if let damage = checkpoint.damage {
                    // Decodes but cannot be used (edited or from another build): indexing its
                    // weights would trap, so it is treated like an unreadable one.
                    log.warnings.append("\(checkpointPath): \(damage); the controller is rebuilt from the trials")
                } else {
                    log.checkpoint = checkpoint
                }
            } catch {
                // Written atomically, so a bad checkpoint is not a crash artefact; replaying from
                // the start reconstructs the same controller from the trials.
                log.warnings.append("\(checkpointPath): unreadable (\(error)); the controller is rebuilt from the trials")
            }
        }
        return log
    }

    /// Checks an edited config.json before anything is loaded or written, naming the file
    /// and the field's path in it (`space.kernels`, not "configuration: kernels").
    static func validate(_ configuration: SearchConfiguration, source: String) throws {
        func within(_ prefix: String, _ check: () throws -> Void) throws {
            do { try check() } catch let e as InputError {
                throw InputError(source: source, field: prefix + (e.field.map { "." + $0 } ?? ""), e.message)
            }
        }
        try within("board") { try configuration.board.validate() }
        try within("space") { try configuration.space.validate() }
        try within("controller") { try configuration.controller.validate() }
        try within("reward") { try configuration.reward.validate() }
        try configuration.validate(source: source)
    }

    private mutating func readEvents(_ bytes: Data, path: String) throws {
        var lineStart = bytes.startIndex, lineNumber = 0
        let workspace = JSONReader.Workspace()
        while lineStart < bytes.endIndex {
            lineNumber += 1
            let newline = Self.firstNewline(in: bytes, from: lineStart)
            let lineEnd = newline ?? bytes.endIndex
            let isLast = newline == nil || newline.map { $0 + 1 == bytes.endIndex } == true
            let slice = bytes[lineStart..<lineEnd]
            var parsed: LogLine?
            if newline != nil, !slice.isEmpty { parsed = try? RunFiles.reader.decode(LogLine.self, from: slice, reusing: workspace) }
            guard let line = parsed else {
                if isLast {
                    warnings.append("\(path): line \(lineNumber) is incomplete (the run was interrupted while writing it); ignored")
                    return
                }
                throw InputError(source: path, field: "line \(lineNumber)", "is not a valid event (corrupt log)")
            }
            try apply(line, path: path, lineNumber: lineNumber)
            lineStart = lineEnd + 1
            validLength = lineStart - bytes.startIndex
        }
    }

    /// The index of the first `\n` at or after `start`, found with `memchr`: a generic scan
    /// of `Data` checks exclusive access to its storage on every byte, and was most of a
    /// resume's time on a large log.
    static func firstNewline(in bytes: Data, from start: Data.Index) -> Data.Index? {
        bytes[start...].withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress, let hit = memchr(base, 0x0A, raw.count) else { return nil }
            return start + (UnsafeRawPointer(hit) - base)
        }
    }

    private mutating func apply(_ line: LogLine, path: String, lineNumber: Int) throws {
        trackSession(line)
        if let event = RunEvent(line) { events.append(event) }
        switch line.type {
        case "trial":
            guard let trial = line.trial else {
                throw InputError(source: path, field: "line \(lineNumber)", "a trial line without a trial")
            }
            if let bad = trial.implausibleField {
                // A NaN reward replayed into the controller turns every weight into NaN.
                throw InputError(source: path, field: "line \(lineNumber)", "trial.\(bad) (corrupt log)")
            }
            guard trial.episode == trials.count + 1 else {
                throw InputError(source: path, field: "line \(lineNumber)",
                                 "episode \(trial.episode) follows episode \(trials.count); the log is out of order")
            }
            trials.append(trial)
            if let step = line.controller { controllerSteps.append(step) }
        case "spec":
            if let spec = line.spec {
                currentSpec = spec
                specChanges.append(SpecChange(episode: line.episode ?? trials.count + 1, spec: spec))
            }
        default:
            break
        }
    }

    /// Sessions open at a `session` line and close at `finished`, `stopped` or `failed`. A closed
    /// session's time is the engine's own measure (the summary's `wallSeconds`, which also covers
    /// restoring on resume); a session that was killed counts until its last logged line, as the
    /// work after it was lost and is redone by the next session.
    private mutating func trackSession(_ line: LogLine) {
        if line.type == "session" {
            sessions.append(RunSession(startTime: line.time, lastTime: line.time, endedCleanly: false,
                                       measuredSeconds: nil, resumed: line.resumed ?? false))
            return
        }
        guard var current = sessions.last, !current.endedCleanly else { return }
        current.lastTime = max(current.lastTime, line.time)
        switch line.type {
        case "paused":
            if current.pausedSince == nil { current.pausedSince = line.time }
        case "resumed":
            if let since = current.pausedSince { current.pausedSeconds += max(0, line.time - since) }
            current.pausedSince = nil
        case "finished", "stopped":
            current.endedCleanly = true
            current.measuredSeconds = line.summary?.wallSeconds
        case "failed":
            current.endedCleanly = true
        default:
            break
        }
        sessions[sessions.count - 1] = current
    }

    /// A read-only snapshot of the run, for a replay UI.
    public func snapshot() -> EngineSnapshot {
        let summary = SearchSummary(trials: trials, spec: currentSpec, wallSeconds: 0, stopped: false)
        return EngineSnapshot(
            runName: configuration.runName, runDirectory: directory, board: configuration.board, spec: currentSpec,
            strategy: configuration.strategy, spaceName: configuration.space.name,
            episodesPlanned: configuration.episodes, epochsPerChild: configuration.epochs,
            state: .finished, trials: trials, current: nil, controllerSteps: controllerSteps,
            elapsedSeconds: wallSeconds,
            savedSeconds: summary.savedSeconds, message: warnings.first, readOnly: true, policy: finalPolicy, events: events)
    }

    /// What the strategy had learned at the end of the log: the checkpoint's controller when it
    /// is at the last episode and fits the space (else nil: an older controller would mislead),
    /// evolution's last population, random's uniform odds.
    var finalPolicy: PolicyView? {
        let space = configuration.space
        let current = checkpoint.flatMap { cp in
            cp.episode == trials.count && cp.controller.plan == space.plan && cp.controller.layout.kindSizes == space.kindSizes
                ? cp.controller : nil
        }
        return .of(configuration, controller: current, trials: trials)
    }
}


/// One session of a run: from its `session` line to its end (or its last line when killed).
public struct RunSession: Sendable, Hashable {
    /// Seconds since 1970 of the `session` line.
    public var startTime: Double
    /// Seconds since 1970 of the session's last line.
    public var lastTime: Double
    /// True when the session ended with a finished, stopped or failed line.
    public var endedCleanly: Bool
    /// The engine's measured wall time of the session, when it ended with a summary (without
    /// the time it was paused; runs written before that was so include it).
    public var measuredSeconds: Double?
    public var resumed: Bool
    /// Time between `paused` and `resumed` lines, and when an unanswered pause began.
    public var pausedSeconds = 0.0
    public var pausedSince: Double?

    /// The session's active time: the engine's measure, else the span of its lines less the
    /// time it was paused.
    public var seconds: Double {
        if let measuredSeconds { return measuredSeconds }
        let held = pausedSeconds + (pausedSince.map { max(0, lastTime - $0) } ?? 0)
        return max(0, lastTime - startTime - held)
    }
}

extension Trial {
    /// The first field no engine could have written (a non-finite reward or baseline, an
    /// accuracy outside [0, 1], negative cycles or seconds), described, or nil.
    var implausibleField: String? {
        if !reward.isFinite { return "reward: \(reward) is not a finite number" }
        if !baseline.isFinite { return "baseline: \(baseline) is not a finite number" }
        if let a = accuracy, !(a >= 0 && a <= 1) { return "accuracy: \(a) is not in [0, 1]" }
        if let t = trainingSeconds, !(t.isFinite && t >= 0) { return "trainingSeconds: \(t) is not a non-negative number" }
        if latency.latencyCycles < 0 { return "latency.latencyCycles: \(latency.latencyCycles) is negative" }
        if !(latency.clockMHz.isFinite && latency.clockMHz > 0) { return "latency.clockMHz: \(latency.clockMHz) is not positive" }
        return nil
    }
}
