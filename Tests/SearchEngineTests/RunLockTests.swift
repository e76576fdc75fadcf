import FNASCore
import Foundation
import Testing
@testable import SearchEngine

#if canImport(Glibc)
import Glibc
#endif

/// One writer per run directory: a second one is refused naming the holder's pid; a lock file
/// left by a process that died never blocks.
@Suite("Run directory lock", .serialized)
struct RunLockTests {
    static func lockText(_ dir: String) -> String? {
        (try? String(contentsOfFile: RunFiles.path(dir, RunFiles.lock), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func resume(_ dir: String, episodes: Int) throws -> SearchEngine {
        let log = try RunLog.load(dir)
        var config = log.configuration
        config.episodes = episodes
        return try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: ScriptedTrainer(), resuming: log)
    }

    @Test func aSecondEngineOnALiveRunIsRefusedNamingThePid() throws {
        let dir = temporaryDirectory("lock-engines")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var first: SearchEngine? = try SearchEngine(configuration: .test(episodes: 3), latency: AnalyticLatency(),
                                                     trainer: ScriptedTrainer(), runDirectory: dir)
        #expect(first != nil && Self.lockText(dir) == "\(getpid())")
        #expect(throws: RunInUseError(directory: dir, pid: getpid())) { _ = try Self.resume(dir, episodes: 5) }
        #expect(RunInUseError(directory: dir, pid: 12).description.hasPrefix("run \(dir) is in use by pid 12"))
        first = nil   // its writer closes the lock
        let second = try Self.resume(dir, episodes: 5)
        try second.run()
        #expect(try RunLog.load(dir).trials.count == 5)
    }

    @Test func aStaleLockFileNeverBlocks() throws {
        let dir = temporaryDirectory("lock-stale")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SearchEngine(configuration: .test(episodes: 2), latency: AnalyticLatency(), trainer: ScriptedTrainer(),
                         runDirectory: dir).run()
        try Data("999999999\n".utf8).write(to: URL(fileURLWithPath: RunFiles.path(dir, RunFiles.lock)))
        try Self.resume(dir, episodes: 4).run()
        #expect(try RunLog.load(dir).trials.count == 4)
        #expect(Self.lockText(dir) == "\(getpid())", "the lock file now names its last holder")
    }

    /// A real `fnas search` holds the lock; this process and a second `fnas` are refused with its
    /// pid; once it is killed with SIGKILL (no chance to clean up), the run resumes.
    @Test func aRunningFnasHoldsTheLockUntilItDies() throws {
        let binary = try #require(FnasBinary.path, Comment(rawValue: FnasBinary.missing))
        let dir = temporaryDirectory("lock-process")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: binary)
        child.arguments = ["search", "--headless", "--space", "embedded", "--board", "pynq-z1", "--spec", "0.3ms",
                           "--episodes", "500", "--epochs", "1", "--train-limit", "256", "--threads", "1",
                           "--seed", "3", "--out", dir]
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL); child.waitUntilExit() } }
        let pid = child.processIdentifier
        let deadline = Date().addingTimeInterval(120)
        while child.isRunning && Date() < deadline
            && !(Self.lockText(dir) == "\(pid)" && (try? RunLog.load(dir))?.trials.isEmpty == false) {
            usleep(20_000)
        }
        try #require(child.isRunning && Self.lockText(dir) == "\(pid)", "the child did not start its run within 120 s")

        #expect(throws: RunInUseError(directory: dir, pid: pid)) { _ = try Self.resume(dir, episodes: 600) }
        let second = try FnasBinary.run(binary, ["search", "--headless", "--resume", dir, "--episodes", "600"])
        #expect(second.status == 1)
        #expect(second.standardError == "fnas search: error: \(RunInUseError(directory: dir, pid: pid))\n")

        kill(pid, SIGKILL)
        child.waitUntilExit()
        #expect(Self.lockText(dir) == "\(pid)", "a killed process leaves its lock file behind")
        let committed = try RunLog.load(dir).trials.count
        let resumed = try Self.resume(dir, episodes: committed)   // no new episode: only the lock matters here
        #expect(Self.lockText(dir) == "\(getpid())")
        _ = resumed
    }
}
