import FNASCore
import Foundation

/// Pictures of an ``ExperimentTable``: search time and best accuracy against the spec,
/// as a standalone SVG file and as a text chart for the terminal.
public enum ExperimentPlot {
    /// How one strategy's line is drawn: each has its own colour, dash and marker, so the
    /// plot still reads in grey.
    struct Style {
        enum Marker { case circle, square, diamond, triangle }
        var name: String
        var short: String
        var colour: String
        var dash: String
        var marker: Marker

        static func of(_ strategy: SearchStrategy) -> Style {
            switch strategy {
            case .fnas: Style(name: "FNAS", short: "FNAS", colour: "#1f77b4", dash: "", marker: .circle)
            case .nas: Style(name: "NAS (accuracy only)", short: "NAS", colour: "#d62728", dash: "6 4", marker: .square)
            case .evolution: Style(name: "aging evolution", short: "evolution", colour: "#2ca02c", dash: "10 3 2 3", marker: .diamond)
            case .random: Style(name: "random", short: "random", colour: "#7f7f7f", dash: "2 3", marker: .triangle)
            }
        }
    }

    /// A strategy's values by spec.
    struct Series {
        var style: Style
        var seconds: [LatencySpec: Spread]
        var accuracy: [LatencySpec: Spread]
    }

    /// One series per strategy that ran, in the order the experiment ran them.
    static func series(_ table: ExperimentTable) -> [Series] {
        var order: [SearchStrategy] = []
        for row in table.strategyRows where !order.contains(row.strategy) { order.append(row.strategy) }
        return order.map { strategy in
            let rows = table.strategyRows.filter { $0.strategy == strategy }
            return Series(style: .of(strategy),
                          seconds: Dictionary(uniqueKeysWithValues: rows.compactMap { r in r.seconds.map { (r.spec, $0) } }),
                          accuracy: Dictionary(uniqueKeysWithValues: rows.compactMap { r in r.bestAccuracy.map { (r.spec, scaled($0, 100)) } }))
        }
    }

    /// Two side-by-side panels (search time in seconds; best accuracy in %), a line with
    /// markers per strategy (the first drawn on top, so equal values show it), specs on the x
    /// axis (logarithmic when they span a factor of 4 or more), ±1 standard deviation bars with
    /// repeats. Pure SVG 1.1, no scripts or fonts to load.
    public static func svg(_ table: ExperimentTable, title: String) -> String {
        let width = 900.0, height = 410.0
        let panelW = 370.0, panelH = 250.0, top = 90.0
        let lefts = [75.0, 75.0 + panelW + 80.0]
        let all = series(table)
        let specs = Set(table.strategyRows.map(\.spec)).sorted().map(\.milliseconds)
        let repeats = table.strategyRows.contains { $0.runs.count > 1 }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(Int(width / 2))" y="24" text-anchor="middle" font-size="16">\(escape(title))</text>

        """
        // Legend, centred under the title; about 7 px per character of a name.
        let legendY = 50.0
        let widths = all.map { 44 + 7 * Double($0.style.name.count) }
        let note = "bars: ±1 sd over repeats"
        var lx = width / 2 - (widths.reduce(0, +) + (repeats ? 7 * Double(note.count) : 0)) / 2
        for (s, w) in zip(all, widths) {
            svg += "<line x1=\"\(f(lx))\" x2=\"\(f(lx + 28))\" y1=\"\(f(legendY - 4))\" y2=\"\(f(legendY - 4))\" stroke=\"\(s.style.colour)\" stroke-width=\"2\"\(dashAttribute(s.style))/>"
            svg += marker(x: lx + 14, y: legendY - 4, s.style)
            svg += "<text x=\"\(f(lx + 34))\" y=\"\(f(legendY))\">\(escape(s.style.name))</text>\n"
            lx += w
        }
        if repeats { svg += "<text x=\"\(f(lx))\" y=\"\(f(legendY))\" fill=\"#555\">\(note)</text>\n" }

        let xLo = specs.min() ?? 0, xHi = specs.max() ?? 1
        let logX = xLo > 0 && xHi / xLo >= 4
        let panels: [(String, (Series) -> [LatencySpec: Spread])] = [("Search wall time (s)", \.seconds), ("Best accuracy (%)", \.accuracy)]
        for (panel, (label, values)) in panels.enumerated() {
            let left = lefts[panel]
            let spreads = all.flatMap { values($0).values }
            var lo = spreads.map { $0.mean - $0.deviation }.min() ?? 0
            var hi = spreads.map { $0.mean + $0.deviation }.max() ?? 1
            if panel == 0 { lo = 0 } else { lo = max(0, lo - (hi - lo) * 0.1) }
            if hi - lo < 1e-9 { hi = lo + 1 }
            let ticks = niceTicks(lo, hi)
            lo = ticks.first ?? lo
            hi = ticks.last ?? hi
            func x(_ v: Double) -> Double {
                if xHi - xLo < 1e-12 { return left + panelW / 2 }
                let t = logX ? (log(v) - log(xLo)) / (log(xHi) - log(xLo)) : (v - xLo) / (xHi - xLo)
                return left + 30 + t * (panelW - 60)
            }
            func y(_ v: Double) -> Double { top + panelH - (v - lo) / (hi - lo) * panelH }
            svg += "<g>\n<text x=\"\(f(left + panelW / 2))\" y=\"\(f(top - 12))\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">\(escape(label))</text>\n"
            let places = ticks.count > 1 ? decimals(ticks[1] - ticks[0]) : 0
            for v in ticks {
                svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + panelW))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#e6e6e6\"/>"
                svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(formatDecimal(v, places: places))</text>\n"
            }
            svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(panelW))\" height=\"\(f(panelH))\" fill=\"none\" stroke=\"#888\"/>\n"
            for s in specs {
                svg += "<line x1=\"\(f(x(s)))\" x2=\"\(f(x(s)))\" y1=\"\(f(top + panelH))\" y2=\"\(f(top + panelH + 4))\" stroke=\"#888\"/>"
                svg += "<text x=\"\(f(x(s)))\" y=\"\(f(top + panelH + 18))\" text-anchor=\"middle\">\(escape(LatencySpec.formatMilliseconds(s)))</text>\n"
            }
            svg += "<text x=\"\(f(left + panelW / 2))\" y=\"\(f(top + panelH + 40))\" text-anchor=\"middle\">latency spec\(logX ? " (log scale)" : "")</text>\n"
            // The last strategy first, the first on top. Error bars sit a little to either side
            // of the marker, a different offset per strategy, so all of them show.
            for (index, s) in all.enumerated().reversed() {
                let points = values(s).sorted { $0.key < $1.key }.map { (x: x($0.key.milliseconds), spread: $0.value) }
                if points.count > 1 {
                    svg += "<polyline fill=\"none\" stroke=\"\(s.style.colour)\" stroke-width=\"2\"\(dashAttribute(s.style)) points=\"\(points.map { "\(f($0.x)),\(f(y($0.spread.mean)))" }.joined(separator: " "))\"/>\n"
                }
                let dodge = (Double(index) - Double(all.count - 1) / 2) * 7
                for p in points {
                    if p.spread.count > 1 && p.spread.deviation > 0 {
                        let y1 = y(p.spread.mean - p.spread.deviation), y2 = y(p.spread.mean + p.spread.deviation)
                        let bx = p.x + dodge
                        svg += "<path d=\"M\(f(bx)) \(f(y1))V\(f(y2))M\(f(bx - 4)) \(f(y1))h8M\(f(bx - 4)) \(f(y2))h8\" stroke=\"\(s.style.colour)\" stroke-width=\"1.5\" fill=\"none\"/>\n"
                    }
                    svg += marker(x: p.x, y: y(p.spread.mean), s.style) + "\n"
                }
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    static func dashAttribute(_ style: Style) -> String {
        style.dash.isEmpty ? "" : " stroke-dasharray=\"\(style.dash)\""
    }

    /// The strategy's marker with a white outline, so overlapping markers stay visible.
    static func marker(x: Double, y: Double, _ style: Style) -> String {
        let c = style.colour
        return switch style.marker {
        case .circle: "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(c)\" stroke=\"white\"/>"
        case .square: "<rect x=\"\(f(x - 5))\" y=\"\(f(y - 5))\" width=\"10\" height=\"10\" fill=\"\(c)\" stroke=\"white\"/>"
        case .diamond: "<path d=\"M\(f(x)) \(f(y - 6))L\(f(x + 6)) \(f(y))L\(f(x)) \(f(y + 6))L\(f(x - 6)) \(f(y))Z\" fill=\"\(c)\" stroke=\"white\"/>"
        case .triangle: "<path d=\"M\(f(x)) \(f(y - 6))L\(f(x + 6)) \(f(y + 5))L\(f(x - 6)) \(f(y + 5))Z\" fill=\"\(c)\" stroke=\"white\"/>"
        }
    }

    /// Round tick values (steps of 1, 2, 2.5 or 5 x 10^k) covering lo...hi with about 4-6 ticks.
    static func niceTicks(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo.isFinite, hi.isFinite, hi > lo else { return [lo, lo + 1] }
        let raw = (hi - lo) / 5
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = floor(lo / step) * step, last = ceil(hi / step) * step
        let n = Int(((last - first) / step).rounded())
        return (0...n).map { first + Double($0) * step }
    }

    /// Decimal places that show a tick step exactly (0 for 5, 1 for 0.5, 2 for 0.25).
    static func decimals(_ step: Double) -> Int {
        var places = 0
        while places < 6 && abs(step * pow(10, Double(places)) - (step * pow(10, Double(places))).rounded()) > 1e-6 { places += 1 }
        return places
    }

    /// A text chart: per spec, a bar of search time for each strategy (scaled to the longest)
    /// and its best accuracy, e.g. for printing after `fnas experiment`.
    public static func text(_ table: ExperimentTable, width: Int = 40, unicode: Bool = true) -> String {
        let all = series(table)
        let maxTime = all.flatMap { $0.seconds.values.map(\.mean) }.max() ?? 0
        let full: Character = unicode ? "█" : "#"
        let partials: [Character] = unicode ? [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] : [" ", " ", " ", " ", "#", "#", "#", "#"]
        func bar(_ v: Double?) -> String {
            guard let v, maxTime > 0 else { return String(repeating: " ", count: width) }
            let eighths = Int((v / maxTime * Double(width) * 8).rounded())
            var s = String(repeating: full, count: eighths / 8)
            if eighths % 8 > 0 { s.append(partials[eighths % 8]) }
            return s.padding(width)
        }
        let nameWidth = all.map(\.style.short.count).max() ?? 0
        var out = "search time and best accuracy by spec\n"
        for spec in Set(table.strategyRows.map(\.spec)).sorted() {
            for (index, s) in all.enumerated() {
                let seconds = s.seconds[spec]?.mean
                let best = s.accuracy[spec].map { formatDecimal($0.mean, places: 1) + "%" } ?? "–"
                let lead = (index == 0 ? spec.description : "").padding(8)
                out += "\(lead) \(s.style.short.padding(nameWidth)) \(bar(seconds)) \(formatDecimal(seconds ?? 0, places: 1))s  best \(best)\n"
            }
        }
        return out
    }

    static func scaled(_ s: Spread, _ k: Double) -> Spread {
        var t = s
        t.mean *= k
        t.deviation *= k
        return t
    }

    static func f(_ v: Double) -> String { formatDecimal(v, places: 1) }

    static func escape(_ s: String) -> String {
        s.replacingAll("&", "&amp;").replacingAll("<", "&lt;").replacingAll(">", "&gt;").replacingAll("\"", "&quot;")
    }
}

extension String {
    /// Pads with spaces on the right to `width` characters (never truncates).
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
