import FNASCore
import SearchEngine
import Testing
@testable import ExplorerUI

/// Every terminal size and extreme values render without trapping: a tiny or odd-sized
/// terminal, a spec of 1e300 ms or 1 ns, non-finite accuracies and rewards.
@Suite struct RenderSweepTests {
    func states() -> [ExplorerState] {
        var out = [ExplorerState()]
        for pane in ExplorerState.Pane.allCases {
            var s = ExplorerState()
            s.focus = pane
            s.expanded = true
            out.append(s)
        }
        var help = ExplorerState()
        help.overlay = .help
        out.append(help)
        var events = ExplorerState()
        events.overlay = .events
        events.eventIndex = 5
        out.append(events)
        // Expanded, pane 1's policy view gets every size from the sweep's terminal sizes.
        var policy = ExplorerState()
        policy.showsPolicy = true
        policy.expanded = true
        out.append(policy)
        return out
    }

    func snapshots() -> [EngineSnapshot] {
        var out = [Fixtures.snapshot(), Fixtures.snapshot(trials: 0, training: false), Fixtures.snapshot(trials: 1)]
        var huge = Fixtures.snapshot()
        huge.spec = LatencySpec(microseconds: 1e300)!
        out.append(huge)
        var tiny = Fixtures.snapshot()
        tiny.spec = LatencySpec(microseconds: 1e-9)!
        out.append(tiny)
        var odd = Fixtures.snapshot()
        for i in odd.trials.indices {
            odd.trials[i].reward = i % 2 == 0 ? .infinity : -.greatestFiniteMagnitude
            odd.trials[i].baseline = .nan
            if odd.trials[i].accuracy != nil { odd.trials[i].accuracy = i % 3 == 0 ? .nan : 1e300 }
            odd.trials[i].trainingSeconds = 1e300
        }
        odd.policy?.layers[0][0].probabilities = [.nan, .infinity, -1]
        odd.elapsedSeconds = 1e300
        odd.events += [RunEvent(time: .nan, episode: -3, kind: .best(accuracy: .infinity)),
                       RunEvent(time: -1e300, episode: .max, kind: .failed(String(repeating: "x", count: 500)))]
        odd.savedSeconds = -.infinity
        out.append(odd)
        return out
    }

    @Test func everySizeAndExtremeValueRenders() {
        var rendered = 0
        for snapshot in snapshots() {
            for state in states() {
                for width in stride(from: 0, through: 150, by: 7) {
                    for height in stride(from: 0, through: 48, by: 4) {
                        let text = ExplorerView.render(state: state, snapshot: snapshot, width: width, height: height, glyphs: .unicode).text()
                        if width > 0 && height > 0 { #expect(!text.isEmpty) }
                        rendered += 1
                    }
                }
            }
        }
        #expect(rendered > 1000)
    }

    @Test func axisLabelsNeverTrap() {
        #expect(Format.integerAxis(1e300) == "1e+300" && Format.integerAxis(12.4) == "12")
        #expect(Format.percentAxis(0.914) == "91%" && Format.percentAxis(.infinity) == "-")
    }
}
