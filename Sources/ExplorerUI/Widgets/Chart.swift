/// A braille chart with a y axis (labels at top, middle, bottom), an x axis with end labels,
/// and a legend line. Vertical markers (the spec) are dashed lines labelled at the top.
public struct Chart: Sendable {
    public var title: String
    public var series: [ChartSeries]
    public var xRange: ClosedRange<Double>
    public var yRange: ClosedRange<Double>
    public var xLabel: String
    public var verticalMarkers: [(x: Double, label: String)]
    /// Symbols drawn on top of the dots (e.g. the Pareto front).
    public var marks: [ChartMark]
    public var formatY: @Sendable (Double) -> String
    public var formatX: @Sendable (Double) -> String

    public init(title: String, series: [ChartSeries], xRange: ClosedRange<Double>? = nil,
                yRange: ClosedRange<Double>? = nil, xLabel: String = "",
                verticalMarkers: [(x: Double, label: String)] = [], marks: [ChartMark] = [],
                formatY: @escaping @Sendable (Double) -> String = Format.axis,
                formatX: @escaping @Sendable (Double) -> String = Format.axis) {
        self.title = title; self.series = series; self.xLabel = xLabel
        self.verticalMarkers = verticalMarkers; self.marks = marks
        self.formatY = formatY; self.formatX = formatX
        let xs = series.flatMap { $0.points.map(\.x) } + verticalMarkers.map(\.x)
        let ys = series.flatMap { $0.points.map(\.y) }
        self.xRange = xRange ?? Self.exactRange(xs)
        self.yRange = yRange ?? Self.range(ys)
    }

    /// A range covering `values` with a little room, never empty.
    public static func range(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        if hi - lo < 1e-12 { return (lo - 0.5)...(hi + 0.5) }
        let pad = (hi - lo) * 0.05
        return (lo - pad)...(hi + pad)
    }

    /// The smallest range covering `values` (x axes start and end at the data), never empty.
    public static func exactRange(_ values: [Double]) -> ClosedRange<Double> {
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return 0...1 }
        return hi - lo < 1e-12 ? (lo - 0.5)...(hi + 0.5) : lo...hi
    }

    /// Rows the chart needs at least: title/legend, 2 plot rows, the axis and its labels.
    public static let minimumHeight = 5

    /// Draws the chart into `rect`.
    public func draw(in rect: Rect, glyphs g: Glyphs, into buffer: inout CellBuffer) {
        guard rect.height >= Self.minimumHeight, rect.width >= 16 else {
            buffer.write(title, x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
            return
        }
        // Legend: each series' name with its line style, so colour is not needed to tell them apart.
        var legend: [(String, StyleRole)] = [(title, .title)]
        for s in series {
            let sample = s.legendSymbol ?? (s.scatter ? String(g.pointMark) : (s.dashed ? (g.unicode ? "╌╌" : "- ") : (g.unicode ? "──" : "--")))
            legend.append(("  " + sample + " ", s.role))
            legend.append((s.name, .normal))
        }
        Box.segments(legend, x: rect.x, y: rect.y, maxX: rect.maxX, into: &buffer)

        let labels = [yRange.upperBound, (yRange.lowerBound + yRange.upperBound) / 2, yRange.lowerBound].map(formatY)
        let labelWidth = labels.map(\.count).max() ?? 1
        let plot = Rect(x: rect.x + labelWidth + 1, y: rect.y + 1, width: rect.width - labelWidth - 1, height: rect.height - 3)
        guard plot.width >= 4, plot.height >= 1 else { return }

        // Axes.
        for yy in plot.y..<plot.maxY { buffer.put(g.vertical, x: plot.x - 1, y: yy, role: .dim) }
        buffer.put(g.axisCorner, x: plot.x - 1, y: plot.maxY, role: .dim)
        for xx in plot.x..<plot.maxX { buffer.put(g.horizontal, x: xx, y: plot.maxY, role: .dim) }
        let labelRows = [plot.y, plot.y + (plot.height - 1) / 2, plot.maxY - 1]
        for (i, row) in labelRows.enumerated() where i == 0 || row != labelRows[i - 1] {
            buffer.write(Format.right(labels[i], labelWidth), x: rect.x, y: row, role: .dim)
            buffer.put(g.axisTick, x: plot.x - 1, y: row, role: .dim)
        }
        let lo = formatX(xRange.lowerBound), hi = formatX(xRange.upperBound)
        buffer.write(lo, x: plot.x, y: plot.maxY + 1, role: .dim)
        let hiText = xLabel.isEmpty ? hi : "\(hi) \(xLabel)"
        let hiStart = max(plot.x + lo.count + 1, plot.maxX - hiText.count)
        // A marker's label (the spec) wins the axis row: the end value is drawn only where no
        // marker label will cover part of it, so the two never run into each other.
        let hiCovered = markerLabelSpans(plot: plot).contains { $0.lowerBound < hiStart + hiText.count && hiStart < $0.upperBound }
        if !hiCovered { buffer.write(hiText, x: hiStart, y: plot.maxY + 1, role: .dim) }

        var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
        func px(_ x: Double) -> Int { scale(x, xRange, canvas.dotWidth) }
        func py(_ y: Double) -> Int { canvas.dotHeight - 1 - scale(y, yRange, canvas.dotHeight) }
        for m in verticalMarkers where xRange.contains(m.x) {
            let x = px(m.x)
            canvas.line(x, 0, x, canvas.dotHeight - 1, role: .spec, dashed: true)
        }
        for s in series {
            let pts = s.points.filter { $0.x.isFinite && $0.y.isFinite }
            if s.scatter || pts.count == 1 {
                for p in pts { canvas.set(px(p.x), py(p.y), role: s.role) }
            } else {
                for (a, b) in zip(pts, pts.dropFirst()) {
                    canvas.line(px(a.x), py(a.y), px(b.x), py(b.y), role: s.role, dashed: s.dashed)
                }
            }
        }
        canvas.draw(into: &buffer, x: plot.x, y: plot.y, unicode: g.unicode)
        for m in marks where m.x.isFinite && m.y.isFinite {
            buffer.put(m.symbol, x: plot.x + px(m.x) / 2, y: plot.y + py(m.y) / 4, role: m.role)
        }
        for (m, span) in zip(verticalMarkers.filter { xRange.contains($0.x) }, markerLabelSpans(plot: plot)) {
            buffer.write(m.label, x: span.lowerBound, y: plot.maxY + 1, role: .spec, maxWidth: plot.width)
        }
    }

    /// The columns each vertical marker's label takes on the axis row, in marker order.
    private func markerLabelSpans(plot: Rect) -> [Range<Int>] {
        let dots = plot.width * 2
        return verticalMarkers.filter { xRange.contains($0.x) }.map { m in
            let col = plot.x + scale(m.x, xRange, dots) / 2
            let start = max(plot.x, min(max(plot.x, col - m.label.count / 2), plot.maxX - m.label.count))
            return start..<min(plot.maxX, start + m.label.count)
        }
    }

    private func scale(_ v: Double, _ range: ClosedRange<Double>, _ n: Int) -> Int {
        let span = range.upperBound - range.lowerBound
        guard span > 0, n > 1 else { return 0 }
        // Clamp before converting: with values near ±Double.greatestFiniteMagnitude (a corrupt
        // log's rewards) the span is infinite and t is NaN, which Int() traps on.
        let t = (v - range.lowerBound) / span
        guard !t.isNaN else { return 0 }
        return Int((min(max(t, 0), 1) * Double(n - 1)).rounded())
    }
}
