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
            (distinctText(s), .header), (sep, .header),
            ("elapsed \(formatDuration(s.elapsedSeconds))", .header), (sep, .header),
            ("saved by pruning \(formatDuration(s.savedSeconds))", .header),
        ]
        if s.readOnly { stats.append((sep + "read-only replay", .headerAccent)) }
        if let message = s.message, !message.isEmpty { stats.append((sep + message, .header)) }
        Box.segments(stats, x: rect.x, y: rect.y + 1, maxX: rect.maxX, into: &buffer)
    }

    /// `distinct 57 (43% repeats)`: how much of the search is still new.
    static func distinctText(_ s: EngineSnapshot) -> String {
        let distinct = s.distinctCount
        guard !s.trials.isEmpty else { return "distinct 0" }
        let repeats = (s.trials.count - distinct) * 100 / s.trials.count
        return "distinct \(distinct) (\(repeats)% repeats)"
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
