import FNASCore
import SearchEngine

/// Pane 4: the training child's curves, the best accuracy across episodes with the baseline,
/// the reward, and the controller's entropy.
enum AccuracyPane {
    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        let s = ctx.snapshot
        var best = "best " + Format.percent(s.best?.accuracy)
        if let b = s.best { best += " (#\(b.episode))" }
        var controller = ""
        if let step = s.controllerSteps.last {
            controller = "reward \(Format.signed(step.reward))  baseline \(Format.axis(step.baseline))  entropy \(Format.axis(step.entropy))"
        }
        var top = rect.y
        // One line when it fits, else best accuracy and the controller figures on two lines.
        if best.count + 2 + controller.count <= rect.width || controller.isEmpty {
            buffer.write(controller.isEmpty ? best : best + "  " + controller, x: rect.x, y: top, role: .info, maxWidth: rect.width)
        } else {
            buffer.write(best, x: rect.x, y: top, role: .info, maxWidth: rect.width)
            top += 1
            buffer.write(controller, x: rect.x, y: top, role: .info, maxWidth: rect.width)
        }
        top += 1
        if let c = s.current {
            let line = "child #\(c.episode) epoch \(c.displayEpoch)/\(c.epochs) batch \(c.batch)/\(c.batchesPerEpoch) "
                + formatDuration(c.elapsedSeconds)
            buffer.write(line, x: rect.x, y: top, role: .normal, maxWidth: rect.width)
            top += 1
        }
        let charts = charts(ctx)
        let area = Rect(x: rect.x, y: top, width: rect.width, height: rect.maxY - top)
        guard area.height >= Chart.minimumHeight else { return }
        let columns = area.width >= 100 ? 2 : 1
        let rowsAvailable = area.height / (Chart.minimumHeight + 1)
        let count = min(charts.count, max(1, rowsAvailable * columns))
        guard count > 0 else { return }
        let rowCount = (count + columns - 1) / columns
        let rowRects = area.rows(rowCount)
        for (i, chart) in charts.prefix(count).enumerated() {
            let cell = rowRects[i / columns].columns(columns)[i % columns]
            let inner = Rect(x: cell.x + (i % columns == 0 ? 0 : 1), y: cell.y, width: cell.width - (i % columns == 0 ? 0 : 1),
                             height: cell.height - (i / columns == rowCount - 1 ? 0 : 1))
            chart.draw(in: inner, glyphs: ctx.glyphs, into: &buffer)
        }
    }

    /// The charts in priority order; as many as fit are drawn.
    static func charts(_ ctx: RenderContext) -> [Chart] {
        let s = ctx.snapshot
        var out: [Chart] = []
        if let c = s.current, !c.batchAccuracies.isEmpty || !c.epochPoints.isEmpty {
            let perEpoch = Double(max(1, c.batchesPerEpoch))
            let batchAcc = c.batchAccuracies.enumerated().map { (x: Double($0.offset + 1), y: $0.element) }
            let val = c.epochPoints.map { (x: Double($0.epoch) * perEpoch, y: $0.validationAccuracy) }
            out.append(Chart(title: "child #\(c.episode) accuracy", series: [
                ChartSeries(name: "batch", points: batchAcc, role: .graph1),
                ChartSeries(name: "val/epoch", points: val, role: .graph2, dashed: true),
            ], yRange: 0...1, xLabel: "batches", formatY: Format.percentAxis, formatX: Format.integerAxis))
            let losses = c.batchLosses.enumerated().map { (x: Double($0.offset + 1), y: $0.element) }
            let epochLoss = c.epochPoints.map { (x: Double($0.epoch) * perEpoch, y: $0.loss) }
            out.append(Chart(title: "loss", series: [
                ChartSeries(name: "batch", points: losses, role: .graph3),
                ChartSeries(name: "epoch", points: epochLoss, role: .graph2, dashed: true),
            ], yRange: 0...max(0.1, (losses.map(\.y) + epochLoss.map(\.y)).max() ?? 1), xLabel: "batches", formatX: Format.integerAxis))
        }
        var bestCurve: [(x: Double, y: Double)] = []
        var best = 0.0
        for i in s.trials.indices {
            guard let accuracy = s.trials[i].accuracy else { continue }
            best = max(best, accuracy)
            bestCurve.append((x: Double(s.trials[i].episode), y: best))
        }
        if !bestCurve.isEmpty {
            let baseline = s.controllerSteps.map { (x: Double($0.episode), y: $0.baseline) }
            out.append(Chart(title: "best accuracy", series: [
                ChartSeries(name: "best so far", points: bestCurve, role: .graph1),
                ChartSeries(name: "baseline", points: baseline, role: .graph2, dashed: true),
            ], yRange: 0...1, xLabel: "episode", formatY: Format.percentAxis, formatX: Format.integerAxis))
        }
        if !s.controllerSteps.isEmpty {
            let reward = s.controllerSteps.map { (x: Double($0.episode), y: $0.reward) }
            out.append(Chart(title: "reward", series: [ChartSeries(name: "per episode", points: reward, role: .graph3)],
                             yRange: Chart.range(reward.map(\.y) + [0]), xLabel: "episode", formatY: Format.signedAxis, formatX: Format.integerAxis))
            let entropy = s.controllerSteps.map { (x: Double($0.episode), y: $0.entropy) }
            out.append(Chart(title: "controller entropy", series: [ChartSeries(name: "nats", points: entropy, role: .graph2)],
                             yRange: 0...max(0.1, (entropy.map(\.y).max() ?? 1) * 1.05), xLabel: "episode", formatX: Format.integerAxis))
        }
        return out
    }
}

extension Format {
    /// Axis label for accuracies: `91%`.
    /// (formatDecimal, not Int(): a corrupt log's 1e300 would trap the conversion.)
    @Sendable static func percentAxis(_ v: Double) -> String { (v * 100).isFinite ? formatDecimal(v * 100, places: 0) + "%" : "-" }
    /// Axis label for counts (episodes, batches, epochs).
    @Sendable static func integerAxis(_ v: Double) -> String { v.isFinite ? formatDecimal(v, places: 0) : "-" }
    /// Axis label with a sign: `+0.05`.
    @Sendable static func signedAxis(_ v: Double) -> String { (v >= 0 ? "+" : "") + Format.axis(v) }
}
