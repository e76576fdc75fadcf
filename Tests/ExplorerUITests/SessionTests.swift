import FNASCore
import Foundation
import SearchEngine
import Synchronization
import Testing
@testable import ExplorerUI

/// Collects what the session asks to write, instead of touching the disk.
final class WriteLog: Sendable {
    let writes = Mutex<[(path: String, contents: String)]>([])
    var writer: FileWriter { { path, contents in self.writes.withLock { $0.append((path, contents)) } } }
}

@Suite struct SessionTests {
    let live = Fixtures.snapshot()
    let themes = ThemeLibrary().themes

    @Test func exportWritesTheBestArchitectureWithTilingAndReportsThePath() throws {
        let log = WriteLog()
        var session = ExplorerSession(themes: themes, exportDirectory: "/cwd", writeFile: log.writer)
        let outcome = session.press(.character("s"), snapshot: live)
        #expect(outcome == ExplorerSession.Outcome())
        let best = try #require(live.best)
        let writes = log.writes.withLock { $0 }
        #expect(writes.count == 1)
        #expect(writes.first?.path == "/tmp/runs/mnist-fnas/export-episode-\(best.episode).json")
        #expect(session.state.status == "exported #\(best.episode) to /tmp/runs/mnist-fnas/export-episode-\(best.episode).json")
        let data = Data((writes.first?.contents ?? "").utf8)
        let decoded = try JSONDecoder().decode(TrialExport.self, from: data)
        #expect(decoded.architecture.layers == best.architecture.layers)
        #expect(decoded.design.layers.map(\.tiling) == best.latency.layers.map(\.tiling))
        #expect(writes.first?.contents.contains("\"Tm\" : ") == true)
    }

    /// A status message goes after six seconds without a key; a new one (even the same text)
    /// gets its own six.
    @Test func statusMessagesExpire() {
        var session = ExplorerSession(themes: themes, exportDirectory: "/cwd", writeFile: WriteLog().writer)
        session.expireStatus(now: 100)
        _ = session.press(.character("t"), snapshot: live)
        let message = session.state.status
        #expect(message?.hasPrefix("theme ") == true)
        session.expireStatus(now: 101)
        session.expireStatus(now: 106.9)
        #expect(session.state.status == message)
        session.state.status = message   // set again: a new message
        session.expireStatus(now: 107)
        session.expireStatus(now: 112.9)
        #expect(session.state.status == message)
        session.expireStatus(now: 113)
        #expect(session.state.status == nil)
    }

    @Test func exportFailureBecomesAStatusMessage() {
        struct Denied: Error, CustomStringConvertible { var description: String { "permission denied" } }
        var session = ExplorerSession(themes: themes, exportDirectory: "/cwd", writeFile: { _, _ in throw Denied() })
        var snapshot = live
        snapshot.runDirectory = nil
        _ = session.press(.end, snapshot: snapshot)
        _ = session.press(.character("s"), snapshot: snapshot)
        #expect(session.state.status == "export failed: /cwd/export-episode-1.json: permission denied")
    }

    @Test func pauseSkipSpecAndQuitBecomeEngineCommands() {
        var session = ExplorerSession(themes: themes, exportDirectory: "/cwd", writeFile: WriteLog().writer)
        #expect(session.press(.character(" "), snapshot: live).commands == [.pause])
        #expect(session.press(.character("x"), snapshot: live).commands == [.skip])
        #expect(session.press(.character("+"), snapshot: live).commands == [.setSpec(LatencySpec(microseconds: 4725)!)])
        #expect(session.press(.character("q"), snapshot: live).quit)
    }

    @Test func tCyclesThroughThemesAndWraps() {
        var session = ExplorerSession(themes: themes, exportDirectory: "/cwd", writeFile: WriteLog().writer)
        #expect(session.theme?.name == "dark")
        _ = session.press(.character("t"), snapshot: live)
        #expect(session.theme?.name == "light")
        #expect(session.state.status == "theme light")
        _ = session.press(.character("t"), snapshot: live)
        _ = session.press(.character("t"), snapshot: live)
        #expect(session.theme?.name == "dark")
    }
}

@Suite struct SourceAdapterTests {
    @Test func closureSourceForwardsSnapshotsAndCommands() {
        let log = Mutex<[EngineCommand]>([])
        let source = ClosureExplorerSource(snapshot: { Fixtures.snapshot(trials: 3) }, send: { c in log.withLock { $0.append(c) } })
        #expect(source.snapshot().trials.count == 3)
        source.send(.pause)
        source.send(.stop)
        #expect(log.withLock { $0 } == [.pause, .stop])
    }

    @Test func fixedSourceIsReadOnlySoPauseIsRefusedAndSpecIsRejudgedLocally() {
        let source = FixedExplorerSource(Fixtures.snapshot(state: .finished, training: false))
        #expect(source.snapshot().readOnly)
        var session = ExplorerSession(themes: [], exportDirectory: "/cwd", writeFile: WriteLog().writer)
        #expect(session.press(.character(" "), snapshot: source.snapshot()).commands.isEmpty)
        #expect(session.press(.character("-"), snapshot: source.snapshot()).commands.isEmpty)
        #expect(session.state.spec?.microseconds == 4286)
    }
}
