import FNASCore
import Foundation
import SearchEngine
import Testing
@testable import ExplorerUI

/// Every view of the explorer at the three sizes people use most: 80x24 (what everyone tries
/// first), 120x40 and 200x60, compared with the text files in Snapshots/views/.
@Suite struct EveryViewSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]
    let live = Fixtures.snapshot(loosenedAt: 20)

    /// The views by name, each as the state that shows it.
    var views: [(String, ExplorerState)] {
        func state(_ change: (inout ExplorerState) -> Void) -> ExplorerState {
            var s = ExplorerState()
            change(&s)
            return s
        }
        let met = live.trials.filter { $0.verdict == .met }
        var out: [(String, ExplorerState)] = [("overview", ExplorerState())]
        for pane in ExplorerState.Pane.allCases {
            out.append(("zoom-\(pane.rawValue)", state { $0.focus = pane; $0.expanded = true }))
        }
        out += [
            ("policy", state { $0.showsPolicy = true }),
            ("detail", state { $0.overlay = .detail(episode: met.last?.episode ?? 1) }),
            ("help", state { $0.overlay = .help }),
            ("trials", state { $0.overlay = .trials; $0.tableOpen = true }),
            ("events", state { $0.overlay = .events }),
            ("compare", state { $0.marked = [met[0].episode, met[met.count - 1].episode]; $0.overlay = .compare(met[0].episode, met[met.count - 1].episode) }),
        ]
        return out
    }

    @Test func everyViewAtEverySize() {
        for (name, state) in views {
            for (width, height) in Self.sizes {
                let text = ExplorerView.render(state: state, snapshot: live, width: width, height: height, glyphs: .unicode,
                                               timeZone: TimeZone(secondsFromGMT: 0)!).text()
                // The header keeps the spec and the episode at every size.
                let header = text.split(separator: "\n").prefix(2).joined(separator: "\n")
                #expect(header.contains("spec ") && header.contains("episode 24/100"), "\(name) \(width)x\(height)")
                assertSnapshot(text, named: "views/\(name)-\(width)x\(height)")
            }
        }
    }

    /// 9 of 24 is 37.5 %: the header and pane 3 round it the same way.
    @Test func theHeaderAndPaneThreeSayTheSameShare() {
        #expect(Format.percent(9, of: 24) == 38 && Format.percent(1, of: 3) == 33 && Format.percent(0, of: 0) == 0)
        let text = ExplorerView.render(state: ExplorerState(), snapshot: live, width: 200, height: 60, glyphs: .unicode).text()
        #expect(text.contains("pruned 9 (38%)") && text.contains("pruned 9 of 24 (38%)"))
    }
}
