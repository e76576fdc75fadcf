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
        if let status = ctx.state.status {
            buffer.write(" " + status, x: rect.x, y: rect.y, role: .info, maxWidth: rect.width)
            return
        }
        let g = ctx.glyphs
        var keys: [(String, String)] = [
            ("q", "quit"), ("?", "help"), ("Tab", "pane"), ("e", "expand"), (g.arrowsKey, "step"),
            (g.enterKey, "detail"), ("+/-", "spec"), ("=", "type spec"),
        ]
        // A replay cannot pause or skip, so it does not advertise those keys.
        if !ctx.snapshot.readOnly { keys += [("Space", "pause"), ("x", "skip")] }
        keys += [("n/N", "pruned"), ("s", "export"), ("t", "theme")]
        var parts: [(String, StyleRole)] = [(" ", .hint)]
        for (k, what) in keys {
            parts.append((k, .hintKey)); parts.append((" \(what)  ", .hint))
        }
        Box.segments(parts, x: rect.x, y: rect.y, maxX: rect.maxX, into: &buffer)
    }
}
