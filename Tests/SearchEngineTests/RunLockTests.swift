import EngineTestSupport
import FNASCore
import FNASTestSupport
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
}
