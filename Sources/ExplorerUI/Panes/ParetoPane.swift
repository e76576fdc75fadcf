import FNASCore
import SearchEngine

/// Pane 5: accuracy against latency of every trained child, the spec as a vertical line,
/// and the Pareto front (fastest for its accuracy) marked with its own symbol.
enum ParetoPane {
    /// Trained children no other trained child beats on both latency and accuracy, fastest first.
    static func front(_ trials: [Trial]) -> [Trial] { frontIndices(trials).map { trials[$0] } }

    /// ``front(_:)`` as indices: the (latency, accuracy) pairs are sorted, not the trials.
    static func frontIndices(_ trials: [Trial]) -> [Int] {
        var points: [(index: Int, latency: Double, accuracy: Double)] = []
        for i in trials.indices {
            guard let a = trials[i].accuracy, trials[i].latency.feasible else { continue }
            points.append((i, trials[i].latency.latencyMicroseconds, a))
        }
        points.sort { ($0.latency, -$0.accuracy, $0.index) < ($1.latency, -$1.accuracy, $1.index) }
        var out: [Int] = []
        var bestAccuracy = -Double.infinity
        for p in points where p.accuracy > bestAccuracy {
            out.append(p.index); bestAccuracy = p.accuracy
        }
        return out
    }

    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        let trials = ctx.snapshot.trials
        let trainedIndices = trials.indices.filter { trials[$0].accuracy != nil && trials[$0].latency.feasible }
        guard !trainedIndices.isEmpty else {
            buffer.write("no trained child yet", x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
            return
        }
        let frontIndices = frontIndices(trials)
        let front = frontIndices.map { trials[$0] }
        let onFront = Set(frontIndices)
        let points = trainedIndices.filter { !onFront.contains($0) }
            .map { (x: trials[$0].latency.latencyMs, y: trials[$0].accuracy ?? 0) }
        let frontPoints = front.map { (x: $0.latency.latencyMs, y: $0.accuracy ?? 0) }
        let pointMarks = points.map { ChartMark(x: $0.x, y: $0.y, symbol: g.pointMark, role: .graph1) }
        let xs = trainedIndices.map { trials[$0].latency.latencyMs } + [ctx.spec.milliseconds]
        let accs = trainedIndices.compactMap { trials[$0].accuracy }
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
