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
        // Under 100 columns the state is said briefly, and the title drops the board's part,
        // then the strategy, then the board before it ever drops the spec.
        let stateText = stateLabel(s, compact: rect.width < 100)
        let stateX = rect.maxX - stateText.count - 1
        let title = [
            Box.Piece("fnas \(s.runName)", .headerAccent, priority: 5),
            Box.Piece(s.board.name, .header, priority: 3), Box.Piece("(\(s.board.part))", .header, priority: 1),
            Box.Piece(specText, .headerAccent, priority: 6),
            Box.Piece("\(s.strategy.rawValue) / \(s.spaceName)", .header, priority: 2),
        ]
        // The part goes with the board name, without a separator between them.
        var fitted = Box.fitting(title, separator: sep, width: max(0, stateX - 1 - (rect.x + 1)))
        if let i = fitted.firstIndex(where: { $0.priority == 1 }), i > 0, fitted[i - 1].priority == 3 {
            fitted[i - 1].text += " " + fitted[i].text
            fitted.remove(at: i)
        }
        Box.pieces(fitted, separator: (sep, .header), x: rect.x + 1, y: rect.y, maxX: max(rect.x + 1, stateX - 1), into: &buffer)
        buffer.write(stateText, x: max(rect.x, stateX), y: rect.y, role: stateRole(s.state))

        let progress = ProgressEstimate(s)
        let pruned = "pruned \(s.prunedCount)" + (s.trials.isEmpty ? "" : " (\(Format.percent(s.prunedCount, of: s.trials.count))%)")
        // Priorities: what a narrow terminal keeps longest comes highest.
        var stats = [
            Box.Piece("episode \(s.trials.count)/\(s.episodesPlanned)", .header, priority: 18),
            Box.Piece("trained \(s.trainedCount)", .header, priority: 10),
            Box.Piece(pruned, .header, priority: 12),
            Box.Piece(distinctText(s), .header, priority: 6),
            Box.Piece("elapsed \(formatDuration(s.elapsedSeconds))", .header, priority: 14),
        ]
        if let left = progress.remainingSeconds { stats.append(Box.Piece("ETA \(formatDuration(left))", .header, priority: 13)) }
        if let rate = progress.childrenPerMinute { stats.append(Box.Piece(rateText(rate) + " children/min", .header, priority: 5)) }
        stats.append(Box.Piece("saved by pruning \(formatDuration(s.savedSeconds))", .header, priority: 8))
        if s.readOnly { stats.append(Box.Piece("read-only replay", .headerAccent, priority: 16)) }
        if let message = s.message, !message.isEmpty { stats.append(Box.Piece(message, .header, priority: 4)) }
        Box.pieces(stats, separator: (sep, .header), x: rect.x + 1, y: rect.y + 1, maxX: rect.maxX, into: &buffer)
    }

    /// `12`, `2.5`: children per minute, with a decimal while it is small.
    static func rateText(_ perMinute: Double) -> String {
        guard perMinute.isFinite else { return "-" }
        return (perMinute < 10 ? formatDecimal(perMinute, places: 1) : String(Int(perMinute.rounded())))
    }

    /// `distinct 57 (43% repeats)`: how much of the search is still new.
    static func distinctText(_ s: EngineSnapshot) -> String {
        let distinct = s.distinctCount
        guard !s.trials.isEmpty else { return "distinct 0" }
        let repeats = Format.percent(s.trials.count - distinct, of: s.trials.count)
        return "distinct \(distinct) (\(repeats)% repeats)"
    }

    static func stateLabel(_ s: EngineSnapshot, compact: Bool = false) -> String {
        let mark = s.state == .failed ? "!" : (s.state == .paused ? "=" : (s.state == .finished ? "#" : ">"))
        switch s.state {
        case .training:
            if let c = s.current {
                if compact { return "\(mark) training \(c.episode)/\(s.episodesPlanned) e\(c.displayEpoch)/\(c.epochs)" }
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
