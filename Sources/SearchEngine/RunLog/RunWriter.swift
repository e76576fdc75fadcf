import FNASCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a run directory. Owned by the engine thread; not thread-safe.
final class RunWriter {
    let directory: String
    private let fd: Int32
    private let encoder = RunFiles.encoder(pretty: false)

    /// Creates `directory` for a new run and writes `config.json`.
    ///
    /// - Throws: ``InputError`` when the directory already holds a run.
    init(creating directory: String, configuration: SearchConfiguration) throws {
        self.directory = directory
        let events = RunFiles.path(directory, RunFiles.events)
        if FileManager.default.fileExists(atPath: events) {
            throw InputError(source: directory, "already holds a run; continue it with --resume \(directory) or choose another --out")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(source: directory, "cannot create the run directory (\(error.localizedDescription))")
        }
        try AtomicFile.write(try RunFiles.encoder(pretty: true).encode(configuration),
                             to: RunFiles.path(directory, RunFiles.configuration))
        fd = open(events, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw RunFileError(path: events, operation: "open") }
    }

    /// Reopens a run's event log for appending, cutting a torn last line off first; rewrites
    /// config.json when the configuration changed (a resume may extend `episodes`).
    init(resuming log: RunLog, configuration: SearchConfiguration) throws {
        directory = log.directory
        if configuration != log.configuration {
            try AtomicFile.write(try RunFiles.encoder(pretty: true).encode(configuration),
                                 to: RunFiles.path(directory, RunFiles.configuration))
        }
        let events = RunFiles.path(directory, RunFiles.events)
        fd = open(events, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw RunFileError(path: events, operation: "open") }
        guard ftruncate(fd, off_t(log.validLength)) == 0 else {
            close(fd)
            throw RunFileError(path: events, operation: "truncate")
        }
    }

    deinit { close(fd) }

    /// Appends one line; `durable` fsyncs it before returning (the commit point of a trial).
    func append(_ line: LogLine, durable: Bool = false) throws {
        var data = try encoder.encode(line)
        data.append(0x0A)
        try AtomicFile.writeAll(fd, data, path: RunFiles.path(directory, RunFiles.events))
        if durable, fsync(fd) != 0 {
            throw RunFileError(path: RunFiles.path(directory, RunFiles.events), operation: "fsync")
        }
    }

    /// Not fsync'ed: a checkpoint lost or damaged by a power cut is rebuilt by replaying the
    /// fsync'ed trial lines (`RunLog` warns and the engine replays from the start).
    func writeCheckpoint(_ checkpoint: Checkpoint) throws {
        try AtomicFile.write(try encoder.encode(checkpoint), to: RunFiles.path(directory, RunFiles.checkpoint), durable: false)
    }

    /// Rewrites trials.csv and best.json (when there is a best child).
    func writeTables(trials: [Trial], spec: LatencySpec) throws {
        try AtomicFile.write(Data(TrialsCSV.render(trials).utf8), to: RunFiles.path(directory, RunFiles.trials), durable: false)
        if let best = SearchSummary.best(of: trials, spec: spec) {
            try AtomicFile.write(try RunFiles.encoder(pretty: true).encode(BestRecord(best, spec: spec)),
                                 to: RunFiles.path(directory, RunFiles.best), durable: false)
        }
    }
}
