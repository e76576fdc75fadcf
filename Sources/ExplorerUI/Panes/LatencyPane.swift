import FNASCore
import SearchEngine

/// Pane 2: a latency bar per recent sample against the spec marker, then the selected
/// architecture's per-layer breakdown and tile schedule.
enum LatencyPane {
    static func draw(_ ctx: RenderContext, in rect: Rect, expanded: Bool, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        guard !ctx.trials.isEmpty else {
            buffer.write("no samples yet; spec \(ctx.spec)", x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
            return
        }
        let barRows = min(ctx.trials.count, max(3, rect.height / (expanded ? 3 : 3)))
        let used = drawBars(ctx, in: Rect(x: rect.x, y: rect.y, width: rect.width, height: barRows + 1), into: &buffer)
        guard let t = ctx.selected else { return }
        var y = rect.y + used
        guard y < rect.maxY else { return }
        buffer.write(Format.left("", rect.width).replacingSpaces(with: g.horizontal), x: rect.x, y: y, role: .dim)
        buffer.write(" #\(t.episode) \(t.architecture.compactLayers) ", x: rect.x + 1, y: y, role: .title, maxWidth: rect.width - 2)
        y += 1
        buffer.write(DesignWidgets.summary(t.latency), x: rect.x, y: y, role: .normal, maxWidth: rect.width)
        y += 1
        let remaining = rect.maxY - y
        guard remaining > 0 else { return }
        let ganttRows = t.latency.feasible ? min(t.latency.timeline.count + 1, max(2, remaining / 2)) : 1
        let tableRect = Rect(x: rect.x, y: y, width: rect.width, height: remaining - ganttRows)
        y += DesignWidgets.layerTable(t.latency, in: tableRect, glyphs: g, into: &buffer)
        DesignWidgets.gantt(t.latency, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), glyphs: g, into: &buffer)
    }

    /// Bars for the newest samples (the selected one included); returns rows used.
    static func drawBars(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) -> Int {
        let g = ctx.glyphs
        let rows = rect.height - 1
        let selected = ctx.selectedIndex ?? 0
        let first = max(0, min(selected - rows / 2, ctx.trials.count - rows))
        let shown = Array(ctx.trials[first..<min(ctx.trials.count, first + rows)])
        let finite = shown.map(\.latency.latencyMicroseconds).filter(\.isFinite)
        let scaleMax = max(ctx.spec.microseconds * 1.25, finite.max() ?? 0) * 1.02
        // " 4.45ms ✓": 11 columns; wide panes add the re-judged mark.
        let labelWidth = 6, valueWidth = rect.width >= 50 ? 17 : 11
        let barWidth = rect.width - labelWidth - valueWidth
        guard barWidth >= 6 else { return 0 }
        let specCol = Int((ctx.spec.microseconds / scaleMax * Double(barWidth)).rounded(.down))
        buffer.write(Format.right("spec ", labelWidth) , x: rect.x, y: rect.y, role: .dim)
        buffer.write(String(repeating: " ", count: max(0, specCol - 2)) + "\(ctx.spec)", x: rect.x + labelWidth, y: rect.y,
                     role: .spec, maxWidth: barWidth + valueWidth)
        for (row, t) in shown.enumerated() {
            let y = rect.y + 1 + row
            let isSelected = first + row == selected
            buffer.write(Format.right((isSelected ? String(g.cursor) : "") + "#\(t.episode)", labelWidth - 1),
                         x: rect.x, y: y, role: isSelected ? .selected : .dim)
            let x0 = rect.x + labelWidth
            let lat = t.latency.latencyMicroseconds
            let over = !t.meets(ctx.spec)
            let role: StyleRole = t.latency.feasible ? (over ? .bad : .ok) : .warn
            if lat.isFinite {
                buffer.write(g.bar(lat / scaleMax * Double(barWidth), width: barWidth), x: x0, y: y, role: role)
            } else {
                buffer.write("infeasible", x: x0, y: y, role: .warn, maxWidth: barWidth)
            }
            if specCol < barWidth { buffer.put(g.specMarker, x: x0 + specCol, y: y, role: .spec) }
            var value = " " + Format.right(lat.isFinite ? Format.ms(lat) : "n/a", 8) + " " + String(ctx.verdictMark(t).mark)
            if valueWidth > 10, let mark = ctx.rejudgeMark(t) { value += " " + mark }
            buffer.write(value, x: x0 + barWidth, y: y, role: role, maxWidth: valueWidth)
        }
        return shown.count + 1
    }
}

extension String {
    func replacingSpaces(with c: Character) -> String { String(map { $0 == " " ? c : $0 }) }
}
