import FNASCore
import SearchEngine

/// Pane 1's other view (`c`): what the strategy has learned, per layer and decision, and below it
/// the sampled latency (moving average) against the spec, with a marker where the spec changed.
enum PolicyPane {
    /// Episodes in the latency chart's moving average.
    static let window = 20

    static func title(_ snapshot: EngineSnapshot) -> String {
        switch snapshot.policy?.source {
        case .population: "Population"
        case .uniform: "Random choices"
        case .controller, nil: "Controller policy"
        }
    }

    static func draw(_ ctx: RenderContext, in rect: Rect, into buffer: inout CellBuffer) {
        guard rect.height >= 1 else { return }
        guard let policy = ctx.snapshot.policy else {
            buffer.write("no policy: the run's checkpoint is behind its log (it was killed); resume it to see one", x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
            return
        }
        buffer.write(Format.left(summary(policy), rect.width, ellipsis: ctx.glyphs.ellipsis), x: rect.x, y: rect.y, role: .info,
                     maxWidth: rect.width)
        var y = rect.y + 1
        let rows = policy.layers.reduce(0) { $0 + $1.count }
        // The chart takes what the table leaves, when that is enough to read.
        let chartRows = rect.height - 1 - rows >= Chart.minimumHeight + 1 ? rect.height - 1 - rows : 0
        let tableBottom = rect.maxY - chartRows
        let labelWidth = 3 + 8
        // One grid for every row, so the same choice position lines up down the table.
        let decisions = policy.layers.joined()
        let grid = Grid(valueWidth: decisions.flatMap(\.values).map { String($0).count }.max() ?? 1,
                        columns: decisions.map(\.values.count).max() ?? 1, width: rect.width - labelWidth)
        outer: for (l, layer) in policy.layers.enumerated() {
            for (d, decision) in layer.enumerated() {
                guard y < tableBottom else {
                    let left = policy.layers.count - l
                    buffer.write("\(ctx.glyphs.ellipsis) \(left) more layer\(left == 1 ? "" : "s") (e expands)", x: rect.x, y: y - 1,
                                 role: .dim, maxWidth: rect.width)
                    break outer
                }
                let label = Format.left(d == 0 ? "L\(l + 1)" : "", 3) + Format.left(name(decision.kind), 8)
                buffer.write(label, x: rect.x, y: y, role: d == 0 ? .normal : .dim, maxWidth: rect.width)
                drawChoices(decision, grid: grid, glyphs: ctx.glyphs, x: rect.x + labelWidth, y: y, into: &buffer)
                y += 1
            }
        }
        if chartRows > 0 {
            latencyChart(ctx).draw(in: Rect(x: rect.x, y: tableBottom + 1, width: rect.width, height: chartRows - 1),
                                   glyphs: ctx.glyphs, into: &buffer)
        }
    }

    static func summary(_ policy: PolicyView) -> String {
        switch policy.source {
        case .controller: "most likely child " + policy.likeliestChild
        case .population: "share of each choice among the \(policy.populationSize) living children; most common " + policy.likeliestChild
        case .uniform: "random search: every choice equally likely, nothing is learned"
        }
    }

    static func name(_ kind: SearchSpace.Kind) -> String {
        switch kind {
        case .kernel: "kernel"
        case .filters: "filters"
        case .stride: "stride"
        }
    }

    /// The columns of the choice table: each holds a value, a bar and a percentage.
    struct Grid {
        /// Bars longer than this say nothing more and push the percentages away.
        static let longestBar = 16
        var valueWidth: Int
        var cell: Int
        var barWidth: Int

        init(valueWidth: Int, columns: Int, width: Int) {
            self.valueWidth = valueWidth
            let fixed = valueWidth + 1 + 4 + 2
            cell = min(width / max(1, columns), fixed + 1 + Self.longestBar)
            barWidth = max(0, cell - fixed - 1)
        }
    }

    /// One cell per choice: its value, a bar as long as its probability, the percentage; the
    /// likeliest choice stands out.
    static func drawChoices(_ decision: PolicyView.Decision, grid: Grid, glyphs: Glyphs, x: Int, y: Int,
                            into buffer: inout CellBuffer) {
        let likeliest = decision.likeliest
        for (i, (value, p)) in zip(decision.values, decision.probabilities).enumerated() {
            guard grid.cell >= grid.valueWidth + 5 else { break }
            let cx = x + i * grid.cell
            let role: StyleRole = i == likeliest ? .title : .normal
            var at = cx + buffer.write(Format.right(String(value), grid.valueWidth) + " ", x: cx, y: y, role: role)
            if grid.barWidth > 0 {
                buffer.write(glyphs.bar(p * Double(grid.barWidth), width: grid.barWidth), x: at, y: y,
                             role: i == likeliest ? .graph1 : .graph2)
                at += grid.barWidth + 1
            }
            buffer.write(Format.right(percent(p), 4), x: at, y: y, role: role)
        }
    }

    /// `52%`, `<1%` for a choice that is possible but rare.
    static func percent(_ p: Double) -> String {
        guard p.isFinite else { return "-" }
        if p > 0 && p < 0.005 { return "<1%" }
        return formatDecimal(p * 100, places: 0) + "%"
    }

    /// The mean latency of the last `window` sampled children (infeasible ones left out) and the
    /// spec each was judged by, per episode; a marker at each spec change.
    static func latencyChart(_ ctx: RenderContext) -> Chart {
        let trials = ctx.snapshot.trials
        var average: [(x: Double, y: Double)] = []
        var recent: [Double] = []
        var sum = 0.0
        for t in trials {
            if t.latency.feasible {
                let ms = t.latency.latencyMicroseconds / 1000
                recent.append(ms); sum += ms
                if recent.count > window { sum -= recent.removeFirst() }
            }
            if !recent.isEmpty { average.append((x: Double(t.episode), y: sum / Double(recent.count))) }
        }
        var spec: [(x: Double, y: Double)] = []
        var markers: [(x: Double, label: String)] = []
        for (i, t) in trials.enumerated() {
            if i > 0, t.spec != trials[i - 1].spec {
                spec.append((x: Double(t.episode), y: trials[i - 1].spec.microseconds / 1000))
                markers.append((x: Double(t.episode), label: "\(t.spec)"))
            }
            spec.append((x: Double(t.episode), y: t.spec.microseconds / 1000))
        }
        let ys = average.map(\.y) + spec.map(\.y) + [0]
        return Chart(title: "sampled latency, mean of \(window)", series: [
            ChartSeries(name: "ms", points: average, role: .graph1),
            ChartSeries(name: "spec", points: spec, role: .spec, dashed: true),
        ], yRange: 0...max(0.001, (ys.max() ?? 1) * 1.05), xLabel: "episode", verticalMarkers: markers,
                     formatY: Format.axis, formatX: Format.integerAxis)
    }
}
