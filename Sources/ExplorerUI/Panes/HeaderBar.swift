import FNASCore
import SearchEngine

/// The two header rows: what is being searched, and how far the search has got.
enum HeaderBar {
    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let s = ctx.snapshot
        let sep = ctx.glyphs.separator
        buffer.fill(rect, role: .header)
        var specText = "spec \(ctx.spec)"
        if ctx.spec != s.spec { specText += s.readOnly ? " (re-judged; run used \(s.spec))" : " (engine \(s.spec))" }
        let title: [(String, StyleRole)] = [
            (" fnas ", .headerAccent), (s.runName, .headerAccent), (sep, .header),
            ("\(s.board.name) (\(s.board.part))", .header), (sep, .header), (specText, .headerAccent), (sep, .header),
            ("\(s.strategy.rawValue) / \(s.spaceName)", .header),
        ]
        let stateText = stateLabel(s)
        let stateX = rect.maxX - stateText.count - 1
        Box.segments(title, x: rect.x, y: rect.y, maxX: max(rect.x, stateX - 1), into: &buffer)
        buffer.write(stateText, x: max(rect.x, stateX), y: rect.y, role: stateRole(s.state))

        var stats: [(String, StyleRole)] = [
            (" episode \(s.trials.count)/\(s.episodesPlanned)", .header), (sep, .header),
            ("trained \(s.trainedCount)", .header), (sep, .header),
            ("pruned \(s.prunedCount)", .header), (sep, .header),
            ("elapsed \(formatDuration(s.elapsedSeconds))", .header), (sep, .header),
            ("saved by pruning \(formatDuration(s.savedSeconds))", .header),
        ]
        if s.readOnly { stats.append((sep + "read-only replay", .headerAccent)) }
        if let message = s.message, !message.isEmpty { stats.append((sep + message, .header)) }
        Box.segments(stats, x: rect.x, y: rect.y + 1, maxX: rect.maxX, into: &buffer)
    }

    static func stateLabel(_ s: EngineSnapshot) -> String {
        let mark = s.state == .failed ? "!" : (s.state == .paused ? "=" : (s.state == .finished ? "#" : ">"))
        switch s.state {
        case .training:
            if let c = s.current {
                return "\(mark) training child \(c.episode) of \(s.episodesPlanned) (epoch \(c.displayEpoch)/\(c.epochs))"
            }
            return "\(mark) training"
        case .sampling: return "\(mark) running"
        default: return "\(mark) \(s.state.rawValue)"
        }
    }

    static func stateRole(_ state: EngineState) -> StyleRole {
        switch state {
        case .failed: .error
        case .paused, .stopping: .warn
        case .finished: .ok
        default: .headerAccent
        }
    }
}

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
