import FNASCore
import SearchEngine

/// Pane 5: accuracy against latency of every trained child, the spec as a vertical line,
/// and the Pareto front (fastest for its accuracy) marked with its own symbol.
enum ParetoPane {
    /// Trained children no other trained child beats on both latency and accuracy, fastest first.
    static func front(_ trials: [Trial]) -> [Trial] {
        let trained = trials.filter { $0.accuracy != nil && $0.latency.feasible }
            .sorted { ($0.latency.latencyMicroseconds, -($0.accuracy ?? 0)) < ($1.latency.latencyMicroseconds, -($1.accuracy ?? 0)) }
        var out: [Trial] = []
        var bestAccuracy = -Double.infinity
        for t in trained where (t.accuracy ?? 0) > bestAccuracy {
            out.append(t); bestAccuracy = t.accuracy ?? 0
        }
        return out
    }

    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        let trained = ctx.snapshot.trials.filter { $0.accuracy != nil && $0.latency.feasible }
        guard !trained.isEmpty else {
            buffer.write("no trained child yet", x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
            return
        }
        let front = front(trained)
        let frontIDs = Set(front.map(\.episode))
        let points = trained.filter { !frontIDs.contains($0.episode) }
            .map { (x: $0.latency.latencyMs, y: $0.accuracy ?? 0) }
        let frontPoints = front.map { (x: $0.latency.latencyMs, y: $0.accuracy ?? 0) }
        let pointMarks = points.map { ChartMark(x: $0.x, y: $0.y, symbol: g.pointMark, role: .graph1) }
        let xs = trained.map(\.latency.latencyMs) + [ctx.spec.milliseconds]
        let accs = trained.compactMap(\.accuracy)
        let yLo = max(0, (accs.min() ?? 0) - 0.05), yHi = min(1, (accs.max() ?? 1) + 0.02)
        // Every point is drawn with the symbol its legend entry shows (the front over the rest).
        var marks = pointMarks + frontPoints.map { ChartMark(x: $0.x, y: $0.y, symbol: g.frontMark, role: .front) }
        // The selected trial (if trained) is marked too, so stepping shows where it sits.
        if let sel = ctx.selected, let acc = sel.accuracy, sel.latency.feasible {
            marks.append(ChartMark(x: sel.latency.latencyMs, y: acc, symbol: g.cursor, role: .selected))
        }
        let chart = Chart(title: "", series: [
            ChartSeries(name: "trained", points: [], role: .graph1, scatter: true, legendSymbol: String(g.pointMark)),
            ChartSeries(name: "front", points: [], role: .front, scatter: true, legendSymbol: String(g.frontMark)),
            ChartSeries(name: "selected", points: [], role: .selected, scatter: true, legendSymbol: String(g.cursor)),
        ], xRange: 0...((xs.max() ?? 1) * 1.1), yRange: yLo...max(yLo + 0.01, yHi),
           verticalMarkers: [(x: ctx.spec.milliseconds, label: "spec \(ctx.spec)")], marks: marks,
           formatY: Format.percentAxis, formatX: { LatencySpec.formatMilliseconds($0) })
        let listRows = min(front.count, max(1, rect.height / 4))
        let chartRect = Rect(x: rect.x, y: rect.y, width: rect.width, height: rect.height - listRows)
        chart.draw(in: chartRect, glyphs: g, into: &buffer)
        for (i, t) in front.prefix(listRows).enumerated() {
            let ok = t.meets(ctx.spec)
            let judged = String(ctx.verdictMark(t).mark) + (ctx.rejudgeMark(t).map { " " + $0 } ?? "")
            let text = String(g.frontMark) + " #\(t.episode) " + Format.percent(t.accuracy) + " @ " + Format.ms(t.latency.latencyMicroseconds)
                + " " + judged + " " + t.architecture.compactLayers
            buffer.write(text, x: rect.x, y: chartRect.maxY + i, role: ok ? .front : .dim, maxWidth: rect.width)
        }
    }
}
