import FNASCore
import SearchEngine

/// Everything a pane needs to draw itself, computed once per frame.
public struct RenderContext: Sendable {
    public var snapshot: EngineSnapshot
    public var state: ExplorerState
    public var glyphs: Glyphs
    /// The spec the panes judge against (the user's, else the engine's).
    public var spec: LatencySpec
    /// Trials newest first.
    public var trials: [Trial]
    public var selectedIndex: Int?

    public init(snapshot: EngineSnapshot, state: ExplorerState, glyphs: Glyphs) {
        self.snapshot = snapshot; self.state = state; self.glyphs = glyphs
        spec = state.effectiveSpec(snapshot)
        trials = ExplorerState.newestFirst(snapshot)
        selectedIndex = state.selectedIndex(snapshot)
    }

    public var selected: Trial? { selectedIndex.map { trials[$0] } }

    /// "now ✓" / "now ✗" when the current spec judges a past sample differently than its own did.
    public func rejudgeMark(_ t: Trial) -> String? {
        guard t.latency.feasible else { return nil }
        let was = t.meets(t.spec), now = t.meets(spec)
        guard was != now else { return nil }
        return "now " + String(glyphs.passMark(now))
    }
}
