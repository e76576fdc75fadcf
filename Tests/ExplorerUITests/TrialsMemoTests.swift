import FNASCore
import SearchEngine
import Testing
@testable import ExplorerUI

/// The memo behind the trials table never returns rows of other trials than it is given, and
/// the newest-first view finds episodes without copying.
@Suite struct TrialsMemoTests {
    @Test func anEditedCopyIsNotTheRememberedList() throws {
        let memo = TrialsMemo()
        var table = TrialsTable()
        table.sort = .accuracy
        var trials = Fixtures.trials(count: 30)
        let first = memo.rows(trials, table).rows
        #expect(memo.rows(trials, table).rows.map(\.episode) == first.map(\.episode))
        // Edited in place: the memo still holds the old storage, so this is a copy.
        let last = try #require(trials.lastIndex { $0.accuracy != nil })
        trials[last].accuracy = 2
        let again = memo.rows(trials, table).rows
        #expect(again.first?.episode == trials[last].episode && again.first?.accuracy == 2)
        #expect(again.map(\.episode) == table.rows(trials).map(\.episode))
        // The same content in new storage is recognised by its fingerprint.
        let rebuilt = trials.map { $0 }
        #expect(memo.rows(rebuilt, table).rows.map(\.episode) == again.map(\.episode))
        #expect(memo.longestLayers(trials) == trials.map(\.architecture.compactLayers.count).max())
    }

    @Test func newestFirstIndexesFromTheEnd() {
        let trials = Fixtures.trials(count: 12)
        let view = NewestFirst(trials)
        #expect(view.count == 12 && view[0].episode == 12 && view[11].episode == 1)
        #expect(view.position(ofEpisode: 12) == 0 && view.position(ofEpisode: 1) == 11 && view.position(ofEpisode: 13) == nil)
        // A list whose episodes are not 1...N is scanned.
        let gap = NewestFirst(Array(trials.dropFirst(3)))
        #expect(gap.position(ofEpisode: 4) == 8 && gap.position(ofEpisode: 2) == nil)
    }
}
