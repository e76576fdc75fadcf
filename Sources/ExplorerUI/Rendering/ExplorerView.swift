import FNASCore
import Foundation
import SearchEngine

/// Renders the whole explorer screen into a cell buffer: a pure function of state and snapshot.
public enum ExplorerView {
    /// Below this size only the "terminal too small" screen is drawn.
    public static let minimumWidth = 60
    public static let minimumHeight = 20

    /// Draws one frame of `width` x `height` cells; the event log shows times in `timeZone`.
    public static func render(state: ExplorerState, snapshot: EngineSnapshot, width: Int, height: Int,
                              glyphs: Glyphs, timeZone: TimeZone = .current) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(into: &buffer)
            return buffer
        }
        buffer.ellipsis = glyphs.ellipsis
        let ctx = RenderContext(snapshot: snapshot, state: state, glyphs: glyphs, timeZone: timeZone)
        let (headerArea, rest) = buffer.bounds.splitTop(2)
        let (body, hintArea) = rest.splitTop(rest.height - 1)
        HeaderBar.draw(ctx, in: headerArea, into: &buffer)
        HintBar.draw(ctx, in: hintArea, into: &buffer)

        if case .detail(let episode) = state.overlay, let trial = snapshot.trials.first(where: { $0.episode == episode }) {
            DetailView.draw(trial, ctx: ctx, in: body, into: &buffer)
        } else if case .compare(let a, let b) = state.overlay,
                  let first = snapshot.trials.first(where: { $0.episode == a }), let second = snapshot.trials.first(where: { $0.episode == b }) {
            CompareView.draw(first, second, ctx: ctx, in: body, into: &buffer)
        } else if state.overlay == .events {
            EventsView.draw(ctx, in: body, into: &buffer)
        } else if state.overlay == .trials || (state.tableOpen && state.overlay == .help) {
            TrialsView.draw(ctx, in: body, into: &buffer)
        } else if state.expanded {
            drawPane(state.focus, ctx: ctx, in: body, focused: true, expanded: true, into: &buffer)
        } else {
            let (top, bottom) = body.splitTop(body.height * 11 / 20)
            let (left, right) = top.splitLeft(top.width * 11 / 20)
            drawPane(.samples, ctx: ctx, in: left, focused: state.focus == .samples, expanded: false, into: &buffer)
            drawPane(.latency, ctx: ctx, in: right, focused: state.focus == .latency, expanded: false, into: &buffer)
            let cols = bottom.columns(3)
            drawPane(.pruning, ctx: ctx, in: cols[0], focused: state.focus == .pruning, expanded: false, into: &buffer)
            drawPane(.accuracy, ctx: ctx, in: cols[1], focused: state.focus == .accuracy, expanded: false, into: &buffer)
            drawPane(.pareto, ctx: ctx, in: cols[2], focused: state.focus == .pareto, expanded: false, into: &buffer)
        }
        if state.overlay == .help { HelpOverlay.draw(ctx, in: body, into: &buffer) }
        return buffer
    }

    static func drawPane(_ pane: ExplorerState.Pane, ctx: RenderContext, in rect: Rect, focused: Bool,
                         expanded: Bool, into buffer: inout CellBuffer) {
        var title = "\(pane.rawValue) \(pane.title)"
        if pane == .samples && ctx.state.showsPolicy {
            title = "\(pane.rawValue) \(PolicyPane.title(ctx.snapshot))"
        } else if pane == .samples {
            // A replay has nothing live to follow: only a held selection is worth saying.
            if !ctx.state.followsLive { title += " (held)" } else if !ctx.snapshot.readOnly { title += " (live)" }
        }
        let inner = Box.draw(rect, title: title, focused: focused, glyphs: ctx.glyphs, into: &buffer)
        buffer.addTarget(rect, .pane(pane))
        guard !inner.isEmpty else { return }
        buffer.clipRect = inner
        defer { buffer.clipRect = nil }
        switch pane {
        case .samples where ctx.state.showsPolicy: PolicyPane.draw(ctx, in: inner, into: &buffer)
        case .samples: SamplesPane.draw(ctx, in: inner, into: &buffer)
        case .latency: LatencyPane.draw(ctx, in: inner, expanded: expanded, into: &buffer)
        case .pruning: PruningPane.draw(ctx, in: inner, into: &buffer)
        case .accuracy: AccuracyPane.draw(ctx, in: inner, into: &buffer)
        case .pareto: ParetoPane.draw(ctx, in: inner, into: &buffer)
        }
    }

    static func drawTooSmall(into buffer: inout CellBuffer) {
        let lines = ["terminal too small: need \(minimumWidth)x\(minimumHeight), have \(buffer.width)x\(buffer.height)",
                     "enlarge the window, or press q to quit"]
        // Word-wrap so the whole message shows even on a very narrow terminal.
        var rows: [(String, StyleRole)] = []
        for (i, line) in lines.enumerated() {
            var current = ""
            for word in line.split(separator: " ") {
                if !current.isEmpty && current.count + 1 + word.count > buffer.width {
                    rows.append((current, i == 0 ? .warn : .dim)); current = ""
                }
                current += (current.isEmpty ? "" : " ") + word
            }
            rows.append((current, i == 0 ? .warn : .dim))
        }
        let top = max(0, (buffer.height - rows.count) / 2)
        for (i, (text, role)) in rows.enumerated() {
            buffer.write(text, x: max(0, (buffer.width - text.count) / 2), y: top + i, role: role)
        }
    }
}
