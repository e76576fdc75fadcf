import FNASCore
import SearchEngine

/// The full-screen detail of one sampled architecture (Enter; Esc closes).
enum DetailView {
    static func draw(_ t: Trial, ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        let inner = Box.draw(rect, title: "Episode #\(t.episode) detail (Esc closes, j/k step, s export)", focused: true,
                             glyphs: g, into: &buffer)
        guard !inner.isEmpty else { return }
        var y = inner.y
        func line(_ parts: [(String, StyleRole)]) {
            guard y < inner.maxY else { return }
            Box.segments(parts, x: inner.x, y: y, maxX: inner.maxX, into: &buffer)
            y += 1
        }
        let a = t.architecture
        line([("architecture ", .dim), ("\(a.input):\(a.compactLayers)", .title), ("  \(a.classes) classes", .dim)])
        var verdict: [(String, StyleRole)] = [("verdict ", .dim), (String(g.mark(t.verdict)) + " " + t.verdict.rawValue, Glyphs.role(t.verdict)),
                                              ("  judged at spec \(t.spec)", .dim)]
        if let mark = ctx.rejudgeMark(t) { verdict.append(("  \(mark) at spec \(ctx.spec)", t.meets(ctx.spec) ? .ok : .bad)) }
        if let reason = t.reason { verdict.append(("  " + reason, .normal)) }
        line(verdict)
        var result: [(String, StyleRole)] = [("accuracy ", .dim), (Format.percent(t.accuracy), .normal),
                                             ("  reward ", .dim), (Format.signed(t.reward), .normal),
                                             ("  baseline ", .dim), (Format.axis(t.baseline), .normal)]
        if let secs = t.trainingSeconds { result += [("  trained in ", .dim), (formatDuration(secs), .normal)] }
        if t.reused {
            let from = t.reusedFrom.map { "episode #\($0), " } ?? ""
            result.append(("  (result reused from \(from)an identical earlier child)", .dim))
        }
        line(result)
        line([("design ", .dim), (DesignWidgets.summary(t.latency), .normal)])
        y += 1
        let remaining = inner.maxY - y
        guard remaining > 0 else { return }
        let hasCurve = !t.curve.isEmpty
        let ganttRows = t.latency.feasible ? t.latency.timeline.count + 1 : 1
        // Rows go to the layer table first (what each layer got and what bounds it), then to
        // the tile schedule, then to the curve (pane 4 shows it too): at 80x24 the table of a
        // four-layer child is whole and the curve is left out.
        let tableRows = min(t.latency.layers.count + 1, max(2, remaining - 1))
        let curveRows = hasCurve ? max(0, min(10, remaining - tableRows - ganttRows - 2)) : 0
        y += DesignWidgets.layerTable(t.latency, in: Rect(x: inner.x, y: y, width: inner.width, height: tableRows), glyphs: g, into: &buffer)
        y += 1
        let ganttHeight = min(ganttRows, inner.maxY - y - curveRows)
        if ganttHeight >= 2 {
            y += DesignWidgets.gantt(t.latency, in: Rect(x: inner.x, y: y, width: inner.width, height: ganttHeight), glyphs: g, into: &buffer)
            y += 1
        }
        if t.curve.count == 1, let point = t.curve.first, y < inner.maxY {
            // One epoch is one point: a chart would stretch it over an axis of epochs never run.
            buffer.write("training curve: one epoch, validation \(Format.percent(point.validationAccuracy)), "
                         + "train \(Format.percent(point.trainAccuracy)), loss \(Format.axis(point.loss))",
                         x: inner.x, y: y, role: .normal, maxWidth: inner.width)
        } else if hasCurve, inner.maxY - y >= Chart.minimumHeight {
            let chart = Chart(title: "training curve", series: [
                ChartSeries(name: "validation", points: t.curve.map { (x: Double($0.epoch), y: $0.validationAccuracy) }, role: .graph1),
                ChartSeries(name: "train", points: t.curve.map { (x: Double($0.epoch), y: $0.trainAccuracy) }, role: .graph2, dashed: true),
            ], yRange: 0...1, xLabel: "epoch", formatY: Format.percentAxis, formatX: Format.integerAxis)
            chart.draw(in: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), glyphs: g, into: &buffer)
        } else if !hasCurve, y < inner.maxY {
            buffer.write(t.verdict.isTrained ? "no training curve recorded" : "not trained (\(t.verdict.rawValue)): no training curve",
                         x: inner.x, y: y, role: .dim, maxWidth: inner.width)
        }
    }
}
