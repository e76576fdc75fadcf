import FNASCore
import SearchEngine

/// The bottom row: the input line, a status message, or the key hints.
enum HintBar {
    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, role: .hint)
        if case .specInput(let text, let error) = ctx.state.overlay {
            var parts: [(String, StyleRole)] = [(" new spec (e.g. 3.5ms, 800us): ", .hintKey), (text, .normal), ("_", .hintKey)]
            if let error { parts.append(("  " + String(ctx.glyphs.mark(.violated)) + " " + error, .error)) }
            else { parts.append(("   Enter apply, Esc cancel", .hint)) }
            Box.segments(parts, x: rect.x, y: rect.y, maxX: rect.maxX, into: &buffer)
            return
        }
        if ctx.state.overlay == .trials, let text = ctx.state.table.editing {
            var parts: [(String, StyleRole)] = [(" filter (lat<0.2ms acc>80% k5 met): ", .hintKey), (text, .normal), ("_", .hintKey)]
            if let error = ctx.state.table.error { parts.append(("  " + String(ctx.glyphs.mark(.violated)) + " " + error, .error)) }
            else { parts.append(("   Enter apply, Esc cancel", .hint)) }
            Box.segments(parts, x: rect.x, y: rect.y, maxX: rect.maxX, into: &buffer)
            return
        }
        if let status = ctx.state.status {
            buffer.write(" " + status, x: rect.x, y: rect.y, role: .info, maxWidth: rect.width)
            return
        }
        let g = ctx.glyphs
        // (key, what, priority): a narrow terminal drops the least useful hints whole; q and ?
        // always stay, and ? lists every binding.
        if ctx.state.overlay == .trials {
            let keys: [(String, String, Int)] = [("T", "close", 10), ("?", "help", 9), ("s/S", "sort", 8), ("/", "filter", 8),
                                                 ("n/N", "next/prev", 5), (g.enterKey, "detail", 6), ("Esc", "clear filter/close", 7),
                                                 ("e", "export", 4), ("m/c", "mark/compare", 3)]
            drawKeys(keys, in: rect, into: &buffer)
            return
        }
        if case .compare = ctx.state.overlay {
            drawKeys([("c", "close", 10), ("?", "help", 9), ("+/-", "spec", 3), ("q", "quit", 8)], in: rect, into: &buffer)
            return
        }
        if ctx.state.overlay == .events {
            let keys: [(String, String, Int)] = [("l", "close", 10), ("?", "help", 9), (g.arrowsKey, "step", 6),
                                                 (g.enterKey, "detail", 5), ("g/G", "newest/oldest", 4), ("+/-", "spec", 3)]
            drawKeys(keys, in: rect, into: &buffer)
            return
        }
        var keys: [(String, String, Int)] = [
            ("q", "quit", 10), ("?", "help", 9), ("Tab", "pane", 4), ("z", "zoom", 3), (g.arrowsKey, "step", 6),
            (g.enterKey, "detail", 5), ("+/-", "spec", 8), ("=", "type spec", 2),
        ]
        // A replay cannot pause or skip, so it does not advertise those keys.
        if !ctx.snapshot.readOnly { keys += [("Space", "pause", 7), ("x", "skip", 1)] }
        keys += [("n/N", "pruned", 1), ("m/c", "compare", 2), ("s", "save arch", 1), ("e", "export front", 2), ("T", "trials", 3), ("l", "log", 2), ("t", "theme", 0)]
        drawKeys(keys, in: rect, into: &buffer)
    }

    static func drawKeys(_ keys: [(String, String, Int)], in rect: Rect, into buffer: inout CellBuffer) {
        let pieces = keys.map { Box.Piece("\($0.0) \($0.1)", .hint, priority: $0.2) }
        let shown = Set(Box.fitting(pieces, separator: "  ", width: rect.width - 1).map(\.text))
        var parts: [(String, StyleRole)] = [(" ", .hint)]
        for (k, what, _) in keys where shown.contains("\(k) \(what)") {
            if parts.count > 1 { parts.append(("  ", .hint)) }
            parts.append((k, .hintKey)); parts.append((" \(what)", .hint))
        }
        Box.segments(parts, x: rect.x, y: rect.y, maxX: rect.maxX, into: &buffer)
    }
}
