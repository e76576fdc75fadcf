/// The `?` / F1 overlay listing every key.
public enum HelpOverlay {
    /// Every binding, as shown in the overlay and docs/explorer.md.
    public static let bindings: [(keys: String, action: String)] = [
        ("q, Ctrl-C", "stop the search and quit (a replay just quits)"),
        ("?, F1", "this help (Esc closes)"),
        ("Tab / Shift-Tab, <- ->", "next / previous pane"),
        ("1 2 3 4 5", "focus a pane: samples, latency, pruning, accuracy, Pareto"),
        ("z", "zoom: the focused pane full-screen (again or Esc: back)"),
        ("p", "pane 1: samples / what the search has learned (choice odds)"),
        ("j k, Down Up", "step through sampled architectures"),
        ("PgDn PgUp", "step 10 samples"),
        ("g Home", "follow the newest sample live"),
        ("G End", "oldest sample"),
        ("n / N", "next older / newer pruned sample"),
        ("Enter", "detail of the selected architecture (Esc closes)"),
        ("m", "mark the selected child for comparison (* in the lists; two at most)"),
        ("c", "compare the two marked children, or the marked one and the selected one"),
        ("+ / -", "raise / lower the latency spec: x1.05, /1.05"),
        ("] / [", "raise / lower the latency spec: x1.25, /1.25"),
        ("=", "type an exact spec, e.g. 3.5ms or 800us"),
        ("Space", "pause / resume the search"),
        ("x", "skip the child being trained"),
        ("s", "export the selected (or best) architecture as JSON"),
        ("e", "export the Pareto front (CSV, JSON) and the trials table as shown (CSV)"),
        ("T", "trials table: every child; in it s/S sort, / filter (lat<0.2ms acc>80% k5 met), n/N, m/c, e export, Esc"),
        ("l", "event log: sessions, spec changes, pauses, new bests, with times (Enter: that episode)"),
        ("t", "next colour theme"),
    ]

    static func draw(_ ctx: RenderContext, in area: Rect, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        let legend = "marks: \(g.mark(.met)) met/trained  \(g.mark(.violated)) over spec  \(g.mark(.infeasible)) infeasible  "
            + "\(g.mark(.prunedLate)) pruned late  \(g.mark(.skipped)) skipped  \(g.mark(.trainedOverSpec)) trained over spec (NAS)  "
            + "\(g.frontMark) Pareto front  \(g.specMarker) spec"
        let keyWidth = bindings.map(\.keys.count).max() ?? 10
        let width = min(area.width - 2, max(legend.count, keyWidth + 2 + (bindings.map(\.action.count).max() ?? 20)) + 4)
        let height = min(area.height, bindings.count + 4)
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buffer.fill(rect, role: .normal)
        // Narrow terminals put each action under its keys; short ones scroll with j/k.
        let narrow = rect.width - 4 < keyWidth + 3 + 36
        let lines: [[(String, StyleRole)]] = bindings.flatMap { b -> [[(String, StyleRole)]] in
            narrow ? [[(b.keys, .hintKey)], [("    " + b.action, .normal)]]
                   : [[(Format.left(b.keys, keyWidth) + "  ", .hintKey), (b.action, .normal)]]
        }
        let rowsForKeys = max(1, rect.height - 3)
        let scrolls = lines.count > rowsForKeys
        let offset = scrolls ? max(0, min(ctx.state.helpOffset, lines.count - rowsForKeys)) : 0
        let title = scrolls ? "Keys (j/k scroll, Esc closes)" : "Keys (Esc closes)"
        let inner = Box.draw(rect, title: title, focused: true, glyphs: g, into: &buffer)
        let shown = Array(lines.dropFirst(offset).prefix(scrolls ? rowsForKeys : lines.count))
        for (i, parts) in shown.enumerated() where inner.y + i < inner.maxY {
            Box.segments(parts, x: inner.x + 1, y: inner.y + i, maxX: inner.maxX, into: &buffer)
        }
        let footer = inner.y + shown.count + (scrolls ? 0 : 1)
        if scrolls, footer < inner.maxY {
            let end = offset + shown.count
            let more = "lines \(offset + 1)-\(end) of \(lines.count)" + (end < lines.count ? ", j for more" : "")
            buffer.write(more, x: inner.x + 1, y: footer, role: .dim, maxWidth: inner.width - 1)
        } else if footer < inner.maxY {
            buffer.write(legend, x: inner.x + 1, y: footer, role: .dim, maxWidth: inner.width - 1)
        }
    }
}
