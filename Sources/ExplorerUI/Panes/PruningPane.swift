import FNASCore
import SearchEngine

/// Pane 3: every pruned or skipped child with the reason, the counters, and the time saved.
enum PruningPane {
    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let s = ctx.snapshot
        let g = ctx.glyphs
        func count(_ v: Verdict) -> Int {
            // Children accuracy-only NAS trained over the spec are trained too.
            v == .met ? s.trainedCount : s.count(of: v)
        }
        let full: [(String, StyleRole)] = [
            (String(g.mark(.met)) + " \(count(.met)) trained  ", .ok),
            (String(g.mark(.violated)) + " \(count(.violated)) over spec  ", .bad),
            (String(g.mark(.infeasible)) + " \(count(.infeasible)) infeasible  ", .warn),
            (String(g.mark(.prunedLate)) + " \(count(.prunedLate)) late  ", .bad),
            (String(g.mark(.skipped)) + " \(count(.skipped)) skipped", .dim),
        ]
        // Narrow panes keep every counter by dropping the words (the marks are in the help legend).
        let compact: [(String, StyleRole)] = [
            (String(g.mark(.met)) + "\(count(.met)) ", .ok), (String(g.mark(.violated)) + "\(count(.violated)) ", .bad),
            (String(g.mark(.infeasible)) + "\(count(.infeasible)) ", .warn), (String(g.mark(.prunedLate)) + "\(count(.prunedLate)) ", .bad),
            (String(g.mark(.skipped)) + "\(count(.skipped))", .dim),
        ]
        let fits = full.reduce(0) { $0 + $1.0.count } <= rect.width
        Box.segments(fits ? full : compact, x: rect.x, y: rect.y, maxX: rect.maxX, into: &buffer)
        guard rect.height >= 2 else { return }
        let percent = Format.percent(s.prunedCount, of: s.trials.count)
        let long = "pruned \(s.prunedCount) of \(s.trials.count) (\(percent)%), training time saved \(formatDuration(s.savedSeconds))"
        let short = "pruned \(s.prunedCount)/\(s.trials.count) (\(percent)%), saved \(formatDuration(s.savedSeconds))"
        buffer.write(long.count <= rect.width ? long : short, x: rect.x, y: rect.y + 1, role: .info, maxWidth: rect.width)
        let top = rect.y + 2
        let rows = rect.maxY - top
        guard rows > 0 else { return }
        // Indices (newest first) of the untrained children; no trial is copied to find them.
        let log = ctx.trials.indices.filter { !ctx.trials[$0].verdict.isTrained }
        if log.isEmpty {
            buffer.write("no child pruned yet", x: rect.x, y: top, role: .dim, maxWidth: rect.width)
            return
        }
        // Scroll so a selected pruned trial is in view.
        let selectedEpisode = ctx.selected?.episode
        let selectedRow = ctx.selectedIndex.flatMap { log.firstIndex(of: $0) } ?? 0
        let first = max(0, min(selectedRow - rows / 2, log.count - rows))
        for row in 0..<rows {
            let i = first + row
            guard i < log.count else { break }
            let t = ctx.trials[log[i]]
            let y = top + row
            let isSelected = t.episode == selectedEpisode
            let role: StyleRole = isSelected ? .selected : .normal
            if isSelected { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selected) }
            var x = rect.x
            x += buffer.write(Format.right("#\(t.episode)", 5) + " ", x: x, y: y, role: role)
            buffer.put(g.mark(t.verdict), x: x, y: y, role: isSelected ? .selected : Glyphs.role(t.verdict))
            x += 2
            var reason = t.reason ?? t.latency.infeasibleReason ?? t.verdict.rawValue
            if let mark = ctx.rejudgeMark(t) { reason = "(\(mark)) " + reason }
            buffer.write(reason, x: x, y: y, role: role, maxWidth: rect.maxX - x)
        }
    }
}
