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

    /// `e` writes the Pareto front of pane 5 and the trials table as sorted and filtered; the
    /// status line names the files and the counts.
    @Test func eExportsTheFrontAndTheTableAsShown() throws {
        let log = WriteLog()
        var session = ExplorerSession(themes: themes, exportDirectory: "/cwd", writeFile: log.writer)
        _ = session.press(.character("T"), snapshot: live)
        _ = session.press(.character("s"), snapshot: live)          // by architecture,
        _ = session.press(.character("s"), snapshot: live)          // then by latency
        _ = session.press(.character("/"), snapshot: live)
        for c in "met" { _ = session.press(.character(c), snapshot: live) }
        _ = session.press(.enter, snapshot: live)
        #expect(session.press(.character("e"), snapshot: live) == ExplorerSession.Outcome())
        let writes = log.writes.withLock { $0 }
        #expect(writes.map(\.path) == ["/tmp/runs/mnist-fnas/pareto.csv", "/tmp/runs/mnist-fnas/pareto.json",
                                       "/tmp/runs/mnist-fnas/trials-view.csv"])
        // The front: trained children none beats on both axes, fastest first, so accuracy rises.
        let trained = live.trials.filter { $0.accuracy != nil && $0.latency.feasible }
        let front = try JSONDecoder().decode(FrontExport.Document.self, from: Data(writes[1].contents.utf8)).front
        #expect(!front.isEmpty && front.count < trained.count)
        #expect(zip(front, front.dropFirst()).allSatisfy { $0.latencyMs <= $1.latencyMs && $0.accuracy < $1.accuracy })
        for t in trained {
            let dominated = trained.contains { ($0.accuracy ?? 0) > (t.accuracy ?? 0) && $0.latency.latencyMs <= t.latency.latencyMs }
            #expect(dominated != front.contains { $0.episode == t.episode }, "episode \(t.episode)")
        }
        let frontRows = writes[0].contents.split(separator: "\n")
        #expect(frontRows.first.map(String.init) == TrialsCSV.header && frontRows.count == front.count + 1)
        // The view: only met children, by latency, as the table shows them.
        let met = live.trials.filter { $0.verdict == .met }.sorted { $0.latency.latencyMicroseconds < $1.latency.latencyMicroseconds }
        let viewEpisodes = writes[2].contents.split(separator: "\n").dropFirst().map { Int($0.prefix { $0 != "," }) }
        let shown = session.state.table.descending ? met.reversed() : met
        #expect(viewEpisodes == shown.map(\.episode))
        #expect(session.state.status == "exported the Pareto front (\(front.count) children) and the trials view "
            + "(\(met.count) rows, by latency, filter met) to /tmp/runs/mnist-fnas: pareto.csv, pareto.json, trials-view.csv")
        // From the panes as well; a failed write names the file.
        struct Denied: Error, CustomStringConvertible { var description: String { "permission denied" } }
        var denied = ExplorerSession(themes: themes, exportDirectory: "/cwd", writeFile: { path, _ in
            if path.hasSuffix(".json") { throw Denied() }
        })
        _ = denied.press(.character("e"), snapshot: live)
        #expect(denied.state.status == "export failed: /tmp/runs/mnist-fnas/pareto.json: permission denied")
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
