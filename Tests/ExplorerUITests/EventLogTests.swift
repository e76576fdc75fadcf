import FNASCore
import Foundation
import SearchEngine
import Testing
@testable import ExplorerUI

/// The event log view (`l`): its keys, its times, and how it looks at the usual sizes.
@Suite struct EventLogTests {
    let live = Fixtures.snapshot(loosenedAt: 20)

    func render(_ state: ExplorerState, width: Int, height: Int, glyphs: Glyphs = .unicode) -> String {
        ExplorerView.render(state: state, snapshot: live, width: width, height: height, glyphs: glyphs,
                            timeZone: TimeZone(secondsFromGMT: 0)!).text()
    }

    func opened() -> ExplorerState {
        var state = ExplorerState()
        _ = state.handle(.character("l"), snapshot: live)
        return state
    }

    @Test func lOpensTheLogAndEscOrLClosesIt() {
        var state = opened()
        #expect(state.overlay == .events && state.eventIndex == 0)
        _ = state.handle(.escape, snapshot: live)
        #expect(state.overlay == .none)
        state = opened()
        _ = state.handle(.character("l"), snapshot: live)
        #expect(state.overlay == .none)
        // h and l no longer move between panes; Tab and the arrows do.
        _ = state.handle(.character("h"), snapshot: live)
        #expect(state.focus == .samples)
        _ = state.handle(.right, snapshot: live)
        #expect(state.focus == .latency)
    }

    @Test func movingStopsAtBothEndsAndEnterOpensTheEpisode() throws {
        var state = opened()
        let count = live.events.count
        _ = state.handle(.character("k"), snapshot: live)
        #expect(state.eventIndex == 0)
        _ = state.handle(.character("G"), snapshot: live)
        #expect(state.eventIndex == count - 1)
        _ = state.handle(.pageDown, snapshot: live)
        #expect(state.eventIndex == count - 1)
        _ = state.handle(.character("g"), snapshot: live)
        _ = state.handle(.character("j"), snapshot: live)
        let event = live.events[count - 2]
        _ = state.handle(.enter, snapshot: live)
        #expect(state.overlay == .detail(episode: event.episode) && state.selectedEpisode == event.episode)
        // An event about an episode not sampled yet says so instead of opening nothing.
        var early = opened()
        var snapshot = live
        snapshot.events.append(RunEvent(time: Fixtures.startTime + 900, episode: 25, kind: .paused))
        _ = early.handle(.enter, snapshot: snapshot)
        #expect(early.overlay == .events && early.status == "episode 25 has no sample yet")
    }

    @Test func specAndPauseKeysWorkFromTheLog() {
        var state = opened()
        let actions = state.handle(.character(" "), snapshot: live)
        #expect(actions == [.send(.pause)] && state.overlay == .events)
        let spec = state.handle(.character("]"), snapshot: live)
        #expect(spec.count == 1 && state.overlay == .events)
        #expect(state.handle(.character("q"), snapshot: live) == [.quit])
    }

    @Test func clockTimesAreCivilTimesInTheGivenZone() {
        #expect(Format.clock(0, secondsFromGMT: 0) == "1970-01-01 00:00:00")
        #expect(Format.clock(-1, secondsFromGMT: 0) == "1969-12-31 23:59:59")
        #expect(Format.clock(951_782_400 + 13 * 3600 + 7, secondsFromGMT: 0) == "2000-02-29 13:00:07")
        #expect(Format.clock(1_765_163_647, secondsFromGMT: 0) == "2025-12-08 03:14:07")
        #expect(Format.clock(1_765_163_647, secondsFromGMT: 3600, withDate: false) == "04:14:07")
        #expect(Format.clock(1_765_163_647, secondsFromGMT: -4 * 3600) == "2025-12-07 23:14:07")
        #expect(Format.clock(.nan, secondsFromGMT: 0) == "?")
    }

    @Test func theLogAtEverySize() {
        let text = render(opened(), width: 120, height: 40)
        #expect(text.contains("Event log: \(live.events.count) events · newest first"))
        #expect(text.contains("2025-12-08 03:09:00     #20  spec set to 6ms from episode 20"))
        #expect(text.contains("started the search, spec 4.5ms"))
        assertSnapshot(text, named: "events-120x40")
        let small = render(opened(), width: 80, height: 24)
        assertSnapshot(small, named: "events-80x24")
        assertSnapshot(render(opened(), width: 80, height: 24, glyphs: .ascii), named: "events-80x24-ascii")
        assertSnapshot(render(opened(), width: 200, height: 60), named: "events-200x60")
        var narrow = opened()
        narrow.eventIndex = 3
        let sixty = render(narrow, width: 60, height: 20)
        #expect(sixty.contains("03:09:00") && !sixty.contains("2025-12-08"), "a narrow screen drops the date")
    }
}
