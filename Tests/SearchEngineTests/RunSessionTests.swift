import EngineTestSupport
import FNASCore
import FNASTestSupport
import Foundation
import Testing
@testable import SearchEngine

/// Wall time of a run over its sessions, as `fnas experiment` reports it.
@Suite struct RunSessionTests {
    func append(_ line: LogLine, to dir: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: RunFiles.path(dir, RunFiles.events)))
        try handle.seekToEnd()
        var data = try RunFiles.encoder(pretty: false).encode(line)
        data.append(0x0A)
        try handle.write(contentsOf: data)
        try handle.close()
    }

    @Test func cleanSessionsUseTheEngineMeasureAndAKilledOneItsLastLine() throws {
        let dir = temporaryDirectory("sessions")
        let summary = try SearchEngine(configuration: .test(episodes: 3), latency: AnalyticLatency(),
                                       trainer: ScriptedTrainer(), runDirectory: dir).run()
        var log = try RunLog.load(dir)
        #expect(log.sessions.count == 1 && log.sessions[0].endedCleanly)
        #expect(log.wallSeconds == summary.wallSeconds)

        // A second session that was killed 7.5 s after it started, its last line an epoch.
        let start = 1_000_000.0
        var session = LogLine(type: "session", episode: 4)
        session.time = start
        session.resumed = true
        var epoch = LogLine(type: "epoch", episode: 4)
        epoch.time = start + 7.5
        try append(session, to: dir)
        try append(epoch, to: dir)
        log = try RunLog.load(dir)
        #expect(log.sessions.count == 2 && !log.sessions[1].endedCleanly && log.sessions[1].resumed)
        #expect(abs(log.wallSeconds - (summary.wallSeconds + 7.5)) < 1e-9)
    }
}
