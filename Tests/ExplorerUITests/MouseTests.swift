import FNASCore
import SearchEngine
import Testing
@testable import ExplorerUI

/// Clicks mean what the frame drew where they land; the wheel moves as the arrow keys do.
@Suite struct MouseTests {
    let live = Fixtures.snapshot()

    func frame(_ state: ExplorerState, width: Int = 120, height: Int = 40) -> CellBuffer {
        ExplorerView.render(state: state, snapshot: live, width: width, height: height, glyphs: .unicode)
    }

    /// The cell of the first row that means `target`.
    func cell(of target: ClickTarget, in buffer: CellBuffer) -> (x: Int, y: Int)? {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width where buffer.target(x: x, y: y) == target { return (x, y) }
        }
        return nil
    }

    func click(_ target: ClickTarget, _ state: inout ExplorerState) throws {
        let at = try #require(cell(of: target, in: frame(state)), "\(target) is not on screen")
        let resolved = try #require(frame(state).target(x: at.x, y: at.y))
        _ = state.handle(.clicked(resolved), snapshot: live)
    }

    @Test func theTopmostRegionWinsAndClipsStayInside() {
        var buffer = CellBuffer(width: 10, height: 5)
        buffer.addTarget(Rect(x: 0, y: 0, width: 10, height: 5), .pane(.samples))
        buffer.clipRect = Rect(x: 1, y: 1, width: 3, height: 3)
        buffer.addTarget(Rect(x: 0, y: 2, width: 10, height: 1), .trial(episode: 4))
        #expect(buffer.target(x: 2, y: 2) == .trial(episode: 4))
        #expect(buffer.target(x: 6, y: 2) == .pane(.samples), "the row was clipped to the pane")
        #expect(buffer.target(x: 11, y: 2) == nil)
    }

    @Test func aClickOnARowSelectsItAndASecondOpensIt() throws {
        var state = ExplorerState()
        let older = live.trials[live.trials.count - 3]
        try click(.trial(episode: older.episode), &state)
        #expect(state.selectedEpisode == older.episode && state.overlay == .none)
        try click(.trial(episode: older.episode), &state)
        #expect(state.overlay == .detail(episode: older.episode))
    }

    @Test func aClickOnAPaneFocusesIt() throws {
        var state = ExplorerState()
        try click(.pane(.accuracy), &state)
        #expect(state.focus == .accuracy)
        try click(.pane(.pareto), &state)
        #expect(state.focus == .pareto)
    }

    @Test func inTheTableAndTheLogClicksPickRows() throws {
        var state = ExplorerState()
        _ = state.handle(.character("T"), snapshot: live)
        let rows = state.table.rows(live.trials)
        try click(.trial(episode: rows[2].episode), &state)
        #expect(state.selectedEpisode == rows[2].episode && state.overlay == .trials)
        try click(.trial(episode: rows[2].episode), &state)
        #expect(state.overlay == .detail(episode: rows[2].episode))
        var log = ExplorerState()
        _ = log.handle(.character("l"), snapshot: live)
        try click(.event(index: 2), &log)
        #expect(log.eventIndex == 2 && log.overlay == .events)
    }

    @Test func theWheelMovesThreeRowsAndAClickClosesTheHelp() {
        var state = ExplorerState()
        _ = state.handle(.wheel(up: false), snapshot: live)
        #expect(state.selectedIndex(live) == 3)
        _ = state.handle(.wheel(up: true), snapshot: live)
        #expect(state.followsLive)
        state.overlay = .help
        _ = state.handle(.clicked(.pane(.latency)), snapshot: live)
        #expect(state.overlay == .none && state.focus == .samples)
        #expect(state.handle(.mouse(x: 3, y: 3), snapshot: live).isEmpty, "a raw press is the backend's to resolve")
    }
}
