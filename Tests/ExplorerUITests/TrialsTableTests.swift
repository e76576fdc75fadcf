import FNASCore
import SearchEngine
import Testing
@testable import ExplorerUI

/// The trials table: the filter language, the sort, and its keys.
@Suite struct TrialsTableTests {
    let live = Fixtures.snapshot()

    func press(_ keys: [Key], _ state: inout ExplorerState) -> [ExplorerAction] {
        keys.flatMap { state.handle($0, snapshot: live) }
    }

    func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test func filterWordsParseIntoTerms() throws {
        let f = try TrialFilter(parsing: "  lat<0.2ms acc>=80% reward>0  K5 met ep!=3 sec<=2s lat>800us acc>0.5 dsp=10 ")
        #expect(f.terms == [.compare(.lat, .less, 200), .compare(.acc, .greaterOrEqual, 0.8), .compare(.reward, .greater, 0),
                            .text("k5"), .verdict("met"), .compare(.ep, .notEqual, 3), .compare(.sec, .lessOrEqual, 2),
                            .compare(.lat, .greater, 800), .compare(.acc, .greater, 0.5), .compare(.dsp, .equal, 10)])
        #expect(f.source == "lat<0.2ms acc>=80% reward>0 K5 met ep!=3 sec<=2s lat>800us acc>0.5 dsp=10")
        #expect(try TrialFilter(parsing: "acc>80").terms == [.compare(.acc, .greater, 0.8)])
        #expect(try TrialFilter(parsing: "").isEmpty)
    }

    @Test func badFilterWordsSayWhatIsWrong() {
        #expect(throws: InputError(setting: "filter", "\"speed<3\": unknown field \"speed\" (fields: lat, acc, reward, ep, sec, dsp, bram)")) {
            try TrialFilter(parsing: "k5 speed<3")
        }
        #expect(throws: InputError(setting: "filter", "\"lat<fast\": expected a latency such as 0.2ms or 800us after lat<")) {
            try TrialFilter(parsing: "lat<fast")
        }
        #expect(throws: InputError(setting: "filter", "\"acc>\": expected an accuracy such as 0.8 or 80% after acc>")) {
            try TrialFilter(parsing: "acc>")
        }
        #expect(throws: InputError(setting: "filter", "\"lat!0.2\": expected one of <, <=, >, >=, =, != after the field")) {
            try TrialFilter(parsing: "lat!0.2")
        }
    }

    @Test func filterMatchesEveryWord() throws {
        let f = try TrialFilter(parsing: "lat<3ms acc>85% k5")
        let expected = live.trials.filter {
            $0.latency.feasible && $0.latency.latencyMicroseconds < 3000 && ($0.accuracy ?? 0) > 0.85
                && $0.architecture.compactLayers.contains("k5")
        }
        #expect(!expected.isEmpty && expected.count < live.trials.count)
        #expect(live.trials.filter(f.matches) == expected)
        // A pruned child has no accuracy: acc<1 does not match it.
        let pruned = try #require(live.trials.first { $0.verdict.isPruned })
        #expect(!(try TrialFilter(parsing: "acc<1")).matches(pruned))
        #expect(try TrialFilter(parsing: "pruned").matches(pruned))
    }

    /// Sorting is stable (ties by episode), puts missing values last in both directions, and
    /// reverses exactly.
    @Test func sortIsStableAndKeepsMissingValuesLast() {
        var table = TrialsTable()
        table.sort = .accuracy
        table.descending = false
        let up = table.rows(live.trials)
        let trained = up.prefix { $0.accuracy != nil }
        #expect(trained.count == live.trials.filter { $0.accuracy != nil }.count)
        #expect(zip(trained, trained.dropFirst()).allSatisfy { a, b in
            a.accuracy! < b.accuracy! || (a.accuracy == b.accuracy && a.episode < b.episode)
        })
        #expect(up.suffix(from: trained.count).allSatisfy { $0.accuracy == nil })
        table.descending = true
        let down = table.rows(live.trials)
        #expect(Array(down.prefix(trained.count)).map(\.episode) == trained.reversed().map(\.episode))
        #expect(down.suffix(from: trained.count).allSatisfy { $0.accuracy == nil })
        table.sort = .verdict
        #expect(table.rows(live.trials) == table.rows(live.trials.reversed()))
    }

    @Test func tableKeysSortFilterMoveAndClose() throws {
        var state = ExplorerState()
        _ = press([.character("T")], &state)
        #expect(state.overlay == .trials && state.tableOpen)
        _ = press([.character("s"), .character("s")], &state)
        #expect(state.table.sort == .latency && state.table.descending)
        _ = press([.character("S")], &state)
        #expect(!state.table.descending && state.status == "sorted by latency, ascending")
        // A bad filter keeps the line open with the error; a good one applies.
        _ = press([.character("/")] + type("lat<x") + [.enter], &state)
        #expect(state.table.editing == "lat<x" && state.table.error?.contains("expected a latency") == true)
        _ = press([.backspace, .backspace] + type("<3ms met") + [.enter], &state)
        #expect(state.table.editing == nil && state.table.filter.source == "lat<3ms met")
        let rows = state.table.rows(live.trials)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.verdict == .met && $0.latency.latencyMicroseconds < 3000 })
        // n wraps from the last row to the first; Enter opens the detail, Esc comes back.
        _ = press([.character("G")], &state)
        #expect(state.selectedEpisode == rows.last?.episode)
        _ = press([.character("n")], &state)
        #expect(state.selectedEpisode == rows.first?.episode)
        _ = press([.enter], &state)
        #expect(state.overlay == .detail(episode: rows[0].episode))
        _ = press([.escape], &state)
        #expect(state.overlay == .trials)
        // Esc clears the filter, then closes the table.
        _ = press([.escape], &state)
        #expect(state.table.filter.isEmpty && state.overlay == .trials)
        _ = press([.escape], &state)
        #expect(state.overlay == .none && !state.tableOpen)
    }

    @Test func theSpecKeysWorkInTheTable() {
        var state = ExplorerState()
        _ = press([.character("T")], &state)
        let actions = press([.character("+")], &state)
        #expect(actions == [.send(.setSpec(LatencySpec(microseconds: 4725)!))])
        #expect(state.overlay == .trials)
    }

    @Test func tableRendersAt80x24And140x44() {
        var state = ExplorerState()
        _ = press([.character("T"), .character("s"), .character("s")], &state)
        let small = ExplorerView.render(state: state, snapshot: live, width: 80, height: 24, glyphs: .unicode).text()
        #expect(small.contains("Trials: 24 of 24 · sorted by latency ↓"))
        assertSnapshot(small, named: "trials-80x24")
        _ = press([.character("/")] + type("k5 acc>85%") + [.enter], &state)
        let wide = ExplorerView.render(state: state, snapshot: live, width: 140, height: 44, glyphs: .unicode).text()
        #expect(wide.contains("filter k5 acc>85%"))
        assertSnapshot(wide, named: "trials-filtered-140x44")
    }
}
