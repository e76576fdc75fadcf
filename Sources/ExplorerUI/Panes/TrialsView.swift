import FNASCore
import SearchEngine

/// The trials table (`T`): every child with its episode, architecture, latency, verdict,
/// accuracy, reward and training seconds, sorted and filtered as ``TrialsTable`` says.
enum TrialsView {
    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        let table = ctx.state.table
        let (rows, longestName) = TrialsMemo.shared.rows(ctx.snapshot.trials, table)
        let arrow = table.descending ? (g.unicode ? "↓" : "v") : (g.unicode ? "↑" : "^")
        let sep = g.separator
        var title = "Trials: \(rows.count) of \(ctx.snapshot.trials.count)\(sep)sorted by \(table.sort.rawValue) \(arrow)"
        if !table.filter.isEmpty { title += "\(sep)filter \(table.filter.source)" }
        let inner = Box.draw(rect, title: title, focused: true, glyphs: g, into: &buffer)
        guard inner.height >= 2, inner.width >= 20 else { return }
        // Cursor 2, episode 9, latency 11, verdict 11, accuracy 8, reward 8, seconds 9; the
        // architecture takes what is left (its longest, at most) with a two-column gap.
        let fixed = 2 + 9 + 11 + 11 + 8 + 8 + 9
        let longest = max(12, longestName)
        let archWidth = max(8, min(inner.width - fixed - 2, longest))
        func label(_ key: TrialsTable.SortKey, _ name: String) -> String { key == table.sort ? name + arrow : name }
        let header = "  " + Format.right(label(.episode, "ep"), 7) + "  " + Format.left(label(.architecture, "architecture"), archWidth)
            + "  " + Format.right(label(.latency, "latency"), 9) + "  " + Format.left(label(.verdict, "verdict"), 11)
            + Format.right(label(.accuracy, "acc"), 8) + Format.right(label(.reward, "reward"), 8)
            + Format.right(label(.seconds, "seconds"), 9)
        buffer.write(header, x: inner.x, y: inner.y, role: .dim, maxWidth: inner.width)
        let visible = inner.height - 1
        guard !rows.isEmpty else {
            let why = ctx.snapshot.trials.isEmpty ? "no samples yet" : "no trial matches the filter (Esc clears it)"
            buffer.write("  " + why, x: inner.x, y: inner.y + 1, role: .dim, maxWidth: inner.width)
            return
        }
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: visible)
        Box.rows(count: rows.count, selected: ctx.state.tableIndex(rows) ?? 0, in: list, into: &buffer) { i, y, isSelected, base, buffer in
            let t = rows[i]
            buffer.addTarget(Rect(x: inner.x, y: y, width: inner.width, height: 1), .trial(episode: t.episode))
            var x = inner.x
            x += buffer.write(ctx.lead(t, selected: isSelected), x: x, y: y, role: base)
            x += buffer.write(Format.right("#\(t.episode)", 7) + "  ", x: x, y: y, role: base)
            x += buffer.write(Format.left(t.architecture.compactLayers, archWidth, ellipsis: g.ellipsis) + "  ", x: x, y: y, role: base)
            let lat = t.latency.feasible ? Format.ms(t.latency.latencyMicroseconds) : "n/a"
            x += buffer.write(Format.right(lat, 9) + "  ", x: x, y: y, role: base)
            let verdict = ctx.verdictMark(t)
            buffer.put(verdict.mark, x: x, y: y, role: isSelected ? .selected : verdict.role)
            x += 1 + buffer.write(" " + Format.left(Self.word(t.verdict), 9, ellipsis: g.ellipsis), x: x + 1, y: y, role: base)
            let acc = (t.reused ? "=" : "") + (t.accuracy.map { Format.percent($0) } ?? "-")
            x += buffer.write(Format.right(acc, 8), x: x, y: y, role: base)
            x += buffer.write(Format.right(Format.signed(t.reward), 8), x: x, y: y, role: base)
            let secs = t.reused ? (t.reusedFrom.map { "=#\($0)" } ?? "=") : (t.trainingSeconds.map { formatDuration($0) } ?? "-")
            buffer.write(Format.right(secs, 9), x: x, y: y, role: t.reused && !isSelected ? .dim : base,
                         maxWidth: inner.maxX - x)
        }
    }

    /// The verdict as a short word (the mark beside it says the same without colour).
    static func word(_ v: Verdict) -> String {
        switch v {
        case .met: "met"
        case .violated: "over spec"
        case .infeasible: "infeasible"
        case .prunedLate: "late"
        case .skipped: "skipped"
        case .trainedOverSpec: "over (NAS)"
        }
    }
}
