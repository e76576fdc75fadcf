import FNASCore
import Foundation
import SearchEngine

/// Everything a pane needs to draw itself, computed once per frame.
public struct RenderContext: Sendable {
    public var snapshot: EngineSnapshot
    public var state: ExplorerState
    public var glyphs: Glyphs
    /// The spec the panes judge against (the user's, else the engine's).
    public var spec: LatencySpec
    /// Trials newest first.
    public var trials: NewestFirst
    public var selectedIndex: Int?
    /// Where the event log's times are shown (the terminal's zone; tests fix it).
    public var timeZone: TimeZone

    public init(snapshot: EngineSnapshot, state: ExplorerState, glyphs: Glyphs, timeZone: TimeZone = .current) {
        self.snapshot = snapshot; self.state = state; self.glyphs = glyphs; self.timeZone = timeZone
        spec = state.effectiveSpec(snapshot)
        trials = ExplorerState.newestFirst(snapshot)
        selectedIndex = state.selectedIndex(snapshot)
    }

    public var selected: Trial? { selectedIndex.map { trials[$0] } }

    /// The two cells before a row: the cursor on the selected row, `*` on a child marked for
    /// comparison (`m`).
    public func lead(_ t: Trial, selected: Bool) -> String {
        (selected ? String(glyphs.cursor) : " ") + (state.marked.contains(t.episode) ? "*" : " ")
    }

    /// The verdict mark every pane shows for a sample: the verdict it got (✓ met, ✗ pruned over
    /// the spec, ⊘ infeasible, ↯ pruned late, » skipped), never a re-judgement, which
    /// ``rejudgeMark(_:)`` adds beside it where there is room. One rule, so panes agree.
    public func verdictMark(_ t: Trial) -> (mark: Character, role: StyleRole) {
        (glyphs.mark(t.verdict), Glyphs.role(t.verdict))
    }

    /// `=#12` for a result reused from episode 12's training (`=` when the run did not record
    /// which), nil for a child trained or pruned in its own right.
    public func reuseLink(_ t: Trial) -> String? {
        guard t.reused else { return nil }
        return "=" + (t.reusedFrom.map { "#\($0)" } ?? "")
    }

    /// "now ✓" / "now ✗" when the current spec judges a past sample differently than its own did.
    public func rejudgeMark(_ t: Trial) -> String? {
        guard t.latency.feasible else { return nil }
        let was = t.meets(t.spec), now = t.meets(spec)
        guard was != now else { return nil }
        return "now " + String(glyphs.passMark(now))
    }
}
