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
    /// Held for as long as this writer exists; the kernel releases it if the process dies.
    private let lock: RunLock
    private let encoder = RunFiles.encoder(pretty: false)

    /// Creates `directory` for a new run and writes `config.json`.
    ///
    /// - Throws: ``RunDirectoryConflict`` when the directory already holds a run.
    init(creating directory: String, configuration: SearchConfiguration) throws {
        self.directory = directory
        let events = RunFiles.path(directory, RunFiles.events)
        if FileManager.default.fileExists(atPath: events) {
            throw RunDirectoryConflict(directory: directory, reason: .holdsRun)
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(source: directory, "cannot create the run directory (\(error.localizedDescription))")
        }
        let lock = try RunLock(directory: directory)
        self.lock = lock
        if FileManager.default.fileExists(atPath: events) {   // another process started it meanwhile
            lock.abandon()
            throw RunDirectoryConflict(directory: directory, reason: .holdsRun)
        }
        try AtomicFile.write(try RunFiles.encoder(pretty: true).encode(configuration),
                             to: RunFiles.path(directory, RunFiles.configuration))
        fd = open(events, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { throw RunFileError(path: events, operation: "open") }
    }

    /// Reopens a run's event log for appending, cutting a torn last line off first; rewrites
    /// config.json when the configuration changed (a resume may extend `episodes`).
    ///
    /// - Parameter lock: the run's lock, taken before the run was checked.
    init(resuming log: RunLog, configuration: SearchConfiguration, lock: RunLock) throws {
        directory = log.directory
        self.lock = lock
        // A process killed inside an atomic write leaves its `.tmp` behind; the file it was
        // replacing is intact, and nothing reads the half-written copy. (checkResumable has
        // made sure each is a regular file.)
        for name in Self.atomicFiles {
            let temp = RunFiles.path(directory, name + ".tmp")
            if unlink(temp) != 0 && errno != ENOENT { throw RunFileError(path: temp, operation: "remove") }
        }
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

    /// The files of a run that are replaced whole, through a `.tmp` sibling (``AtomicFile``).
    static let atomicFiles = [RunFiles.configuration, RunFiles.checkpoint, RunFiles.trials, RunFiles.best]

    /// Refuses a resume that could not be carried out to the end, before anything is written:
    /// a configuration that differs from the run's apart from `episodes`, or a file the run
    /// rewrites (or its `.tmp` sibling) that is there but is not a regular file, such as a
    /// directory named checkpoint.json (the atomic rename would fail after the `.tmp` was written).
    ///
    /// - Throws: ``InputError`` naming the file.
    static func checkResumable(_ log: RunLog, configuration: SearchConfiguration) throws {
        if !SearchConfiguration.ResumeOverrides.allows(configuration, resuming: log.configuration) {
            throw InputError(source: RunFiles.path(log.directory, RunFiles.configuration),
                             "the configuration to resume with differs from the run's in more than its episodes")
        }
        for name in atomicFiles.flatMap({ [$0, $0 + ".tmp"] }) + [RunFiles.events] {
            let path = RunFiles.path(log.directory, name)
            var info = stat()
            guard lstat(path, &info) == 0 else {
                if errno == ENOENT { continue }
                throw InputError(source: path, "cannot be examined (\(String(cString: strerror(errno))))")
            }
            guard info.st_mode & S_IFMT == S_IFREG else {
                let kind = info.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
                throw InputError(source: path, "is \(kind); the run cannot be resumed until it is moved away")
            }
        }
        var events = stat()
        let eventsPath = RunFiles.path(log.directory, RunFiles.events)
        let size = lstat(eventsPath, &events) == 0 ? Int(events.st_size) : 0
        if size != log.eventsBytes {
            throw InputError(source: eventsPath, "changed from \(log.eventsBytes) to \(size) bytes since the run was read "
                             + "(another process was writing it); resume again")
        }
        guard access(log.directory, W_OK) == 0 else {
            throw InputError(source: log.directory, "is not writable (\(String(cString: strerror(errno))))")
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
