import FNASCore
import FPGAModel
import SearchEngine

/// Two children side by side (`m` marks, `c` compares): each one's architecture, verdict,
/// accuracy and design with its layer table, then their tile schedules one above the other on
/// one time scale, then their validation curves on one chart.
enum CompareView {
    static func draw(_ a: Trial, _ b: Trial, ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        let inner = Box.draw(rect, title: "Compare #\(a.episode) and #\(b.episode) (c or Esc closes)", focused: true,
                             glyphs: g, into: &buffer)
        guard inner.height >= 3, inner.width >= 20 else { return }
        let (left, right) = inner.splitLeft(inner.width / 2)
        let layers = max(a.latency.layers.count, b.latency.layers.count)
        // Rows go to the two columns first (4 lines and the layer table), then the schedules,
        // then the curves.
        let columnRows = min(inner.height, 4 + layers + 1)
        let usedLeft = column(a, other: b, ctx: ctx, in: Rect(x: left.x, y: left.y, width: left.width - 1, height: columnRows), into: &buffer)
        let usedRight = column(b, other: a, ctx: ctx, in: Rect(x: right.x + 1, y: right.y, width: right.width - 1, height: columnRows), into: &buffer)
        var y = inner.y + max(usedLeft, usedRight) + 1
        // One time scale for both schedules, so the longer bar is the slower child.
        let makespan = [a.latency, b.latency].filter(\.feasible).map { max($0.latencyCycles, $0.timeline.map(\.end).max() ?? 1) }.max()
        // The two schedules share the rows left evenly (a title line and at least one engine each).
        let share = (inner.maxY - y) / 2
        for t in [a, b] {
            let rows = t.latency.feasible ? t.latency.timeline.count + 1 : 1
            guard share >= 3, inner.maxY - y >= 3 else { break }
            buffer.write("#\(t.episode) tile schedule", x: inner.x, y: y, role: .dim, maxWidth: inner.width)
            y += 1
            let height = min(rows, share - 1, inner.maxY - y)
            y += DesignWidgets.gantt(t.latency, in: Rect(x: inner.x, y: y, width: inner.width, height: height), glyphs: g,
                                     makespan: makespan, into: &buffer)
        }
        y += 1
        guard y < inner.maxY else { return }
        drawCurves(a, b, ctx: ctx, in: Rect(x: inner.x, y: y, width: inner.width, height: inner.maxY - y), into: &buffer)
    }

    /// One child's column; returns the rows used. Numbers better than the other child's are
    /// drawn as good news.
    static func column(_ t: Trial, other: Trial, ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) -> Int {
        let g = ctx.glyphs
        var y = rect.y
        func line(_ parts: [(String, StyleRole)]) {
            guard y < rect.maxY else { return }
            Box.segments(parts, x: rect.x, y: y, maxX: rect.maxX, into: &buffer)
            y += 1
        }
        let verdict = ctx.verdictMark(t)
        line([("#\(t.episode) ", .title), (String(verdict.mark) + " " + t.verdict.rawValue, verdict.role),
              ("  " + t.architecture.compactLayers, .normal)])
        let better: (Double?, Double?, Bool) -> StyleRole = { mine, theirs, higherIsBetter in
            guard let mine, let theirs, mine != theirs else { return .normal }
            return (mine > theirs) == higherIsBetter ? .ok : .normal
        }
        let latency = t.latency.feasible ? t.latency.latencyMicroseconds : nil
        let otherLatency = other.latency.feasible ? other.latency.latencyMicroseconds : nil
        var result: [(String, StyleRole)] = [("accuracy ", .dim), ((t.reused ? "=" : "") + Format.percent(t.accuracy), better(t.accuracy, other.accuracy, true)),
                                             ("  latency ", .dim), (latency.map { Format.ms($0) } ?? "n/a", better(latency, otherLatency, false))]
        if let secs = t.trainingSeconds, !t.reused { result += [("  trained ", .dim), (formatDuration(secs), .normal)] }
        line(result)
        let r = t.latency
        if r.feasible {
            var design: [(String, StyleRole)] = [("DSP ", .dim), ("\(r.dspUsed)/\(r.dspAvailable)", .normal),
                                                 ("  BRAM ", .dim), ("\(r.bramUsed)/\(r.bramAvailable)", .normal)]
            if let slow = r.slowestLayer { design += [("  slowest ", .dim), ("L\(slow.index + 1) \(slow.cost.bottleneck.rawValue)", .warn)] }
            line(design)
        } else {
            line([(DesignWidgets.summary(r), .bad)])
        }
        y += 1
        if y < rect.maxY, r.feasible {
            y += DesignWidgets.layerTable(r, in: Rect(x: rect.x, y: y, width: rect.width, height: rect.maxY - y), glyphs: g, into: &buffer)
        }
        return y - rect.y
    }

    /// The validation curves on one chart (a one-epoch child is one point: said in words).
    static func drawCurves(_ a: Trial, _ b: Trial, ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let g = ctx.glyphs
        if a.curve.count > 1 || b.curve.count > 1, rect.height >= Chart.minimumHeight {
            let chart = Chart(title: "validation accuracy", series: [
                ChartSeries(name: "#\(a.episode)", points: a.curve.map { (x: Double($0.epoch), y: $0.validationAccuracy) }, role: .graph1),
                ChartSeries(name: "#\(b.episode)", points: b.curve.map { (x: Double($0.epoch), y: $0.validationAccuracy) }, role: .graph2,
                            dashed: true),
            ], yRange: 0...1, xLabel: "epoch", formatY: Format.percentAxis, formatX: Format.integerAxis)
            chart.draw(in: rect, glyphs: g, into: &buffer)
            return
        }
        var y = rect.y
        for t in [a, b] where y < rect.maxY {
            let text: String
            if let point = t.curve.last {
                text = "#\(t.episode): \(counted(t.curve.count, "epoch")), validation \(Format.percent(point.validationAccuracy)), "
                    + "loss \(Format.axis(point.loss))"
            } else {
                text = "#\(t.episode): " + (t.verdict.isTrained ? "no training curve recorded" : "not trained (\(t.verdict.rawValue))")
            }
            buffer.write(text, x: rect.x, y: y, role: .dim, maxWidth: rect.width)
            y += 1
        }
    }
}
