import FNASCore
import SearchEngine
import Testing
@testable import ExplorerUI

/// `m` marks children, `c` shows two side by side: layers, design, schedules on one time
/// scale, validation curves on one chart.
@Suite struct CompareTests {
    let live = Fixtures.snapshot()

    func press(_ keys: [Key], _ state: inout ExplorerState) { for key in keys { _ = state.handle(key, snapshot: live) } }

    func render(_ state: ExplorerState, width: Int, height: Int, glyphs: Glyphs = .unicode) -> String {
        ExplorerView.render(state: state, snapshot: live, width: width, height: height, glyphs: glyphs).text()
    }

    /// The newest trained child and an older trained one with another latency.
    var pair: (Trial, Trial) {
        let trained = live.trials.filter { $0.verdict == .met && !$0.reused }
        let newest = trained.last!
        return (trained.first { $0.latency.latencyCycles != newest.latency.latencyCycles }!, newest)
    }

    /// Selects `episode` in pane 1 by stepping to it.
    func select(_ episode: Int, _ state: inout ExplorerState) {
        state.selectedEpisode = episode
    }

    @Test func marksToggleAndAThirdReplacesTheOlder() {
        var state = ExplorerState()
        select(3, &state); press([.character("m")], &state)
        #expect(state.marked == [3] && state.status == "marked #3: mark or select another, then c compares")
        select(5, &state); press([.character("m")], &state)
        #expect(state.marked == [3, 5] && state.status == "marked #3 and #5: c compares them")
        select(7, &state); press([.character("m")], &state)
        #expect(state.marked == [5, 7])
        press([.character("m")], &state)
        #expect(state.marked == [5] && state.status == "unmarked #7")
    }

    @Test func cComparesTheMarksOrTheMarkAndTheSelectionOrSaysWhatIsMissing() {
        var state = ExplorerState()
        press([.character("c")], &state)
        #expect(state.overlay == .none && state.status == "mark two children with m, then c compares them")
        select(4, &state); press([.character("m"), .character("c")], &state)
        #expect(state.overlay == .none && state.status == "select a child other than #4 (or mark one with m), then c")
        select(9, &state); press([.character("c")], &state)
        #expect(state.overlay == .compare(4, 9))
        press([.character("c")], &state)
        #expect(state.overlay == .none)
        press([.character("m"), .character("c")], &state)
        #expect(state.overlay == .compare(4, 9))
        // The spec keys still work; Esc closes.
        state.status = nil
        press([.character("]")], &state)
        #expect(state.overlay == .compare(4, 9) && state.spec != nil)
        press([.escape], &state)
        #expect(state.overlay == .none)
    }

    @Test func fromTheTableMarksTheRowAndEscReturnsToIt() {
        var state = ExplorerState()
        press([.character("T"), .character("g"), .character("m"), .character("j"), .character("m"), .character("c")], &state)
        let rows = state.table.rows(live.trials).map(\.episode)
        #expect(state.marked == [rows[0], rows[1]] && state.overlay == .compare(rows[0], rows[1]))
        press([.escape], &state)
        #expect(state.overlay == .trials)
        let table = render(state, width: 120, height: 40)
        #expect(table.contains(" *    #\(rows[0])") && table.contains("▶*    #\(rows[1])"), "marked rows carry a *")
    }

    @Test func theComparisonAtEverySize() {
        var state = ExplorerState()
        let (a, b) = pair
        state.marked = [a.episode, b.episode]
        press([.character("c")], &state)
        let text = render(state, width: 120, height: 40)
        #expect(text.contains("Compare #\(a.episode) and #\(b.episode) (c or Esc closes)"))
        #expect(text.contains("#\(a.episode) tile schedule") && text.contains("#\(b.episode) tile schedule"))
        // One time scale: both axes end at the slower child's latency.
        let slower = max(a.latency.latencyMicroseconds, b.latency.latencyMicroseconds)
        let axisEnds = text.split(separator: "\n").filter { $0.contains("tile schedule (") }
        #expect(axisEnds.count == 2 && axisEnds.allSatisfy { $0.contains(Format.ms(slower)) })
        assertSnapshot(text, named: "compare-120x40")
        assertSnapshot(render(state, width: 80, height: 24), named: "compare-80x24")
        assertSnapshot(render(state, width: 80, height: 24, glyphs: .ascii), named: "compare-80x24-ascii")
        assertSnapshot(render(state, width: 200, height: 60), named: "compare-200x60")
    }
}
