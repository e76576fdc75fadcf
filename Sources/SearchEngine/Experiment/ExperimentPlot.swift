import FNASCore
import Foundation

/// Pictures of an ``ExperimentTable``: search time and best accuracy against the spec,
/// as a standalone SVG file and as a text chart for the terminal.
public enum ExperimentPlot {
    /// Two side-by-side panels (search time in seconds; best accuracy in %), FNAS and NAS as
    /// two lines with markers (FNAS drawn on top, so equal values show both), specs on the x
    /// axis (logarithmic when they span a factor of 4 or more), ±1 standard deviation bars with
    /// repeats. Pure SVG 1.1, no scripts or fonts to load.
    public static func svg(_ table: ExperimentTable, title: String) -> String {
        let width = 900.0, height = 410.0
        let panelW = 370.0, panelH = 250.0, top = 90.0
        let lefts = [75.0, 75.0 + panelW + 80.0]
        let specs = table.rows.map(\.spec.milliseconds)
        let repeats = table.rows.contains { $0.pairs.count > 1 }
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(Int(width / 2))" y="24" text-anchor="middle" font-size="16">\(escape(title))</text>

        """
        // Legend, centred under the title.
        let legendY = 50.0
        let styles: [(name: String, colour: String, dash: String, square: Bool)] = [
            ("FNAS", "#1f77b4", "", false), ("NAS (accuracy only)", "#d62728", " stroke-dasharray=\"6 4\"", true),
        ]
        var lx = width / 2 - (repeats ? 250 : 150)
        for style in styles {
            svg += "<line x1=\"\(f(lx))\" x2=\"\(f(lx + 28))\" y1=\"\(f(legendY - 4))\" y2=\"\(f(legendY - 4))\" stroke=\"\(style.colour)\" stroke-width=\"2\"\(style.dash)/>"
            svg += marker(x: lx + 14, y: legendY - 4, colour: style.colour, square: style.square)
            svg += "<text x=\"\(f(lx + 34))\" y=\"\(f(legendY))\">\(escape(style.name))</text>\n"
            lx += style.square ? 190 : 90
        }
        if repeats { svg += "<text x=\"\(f(lx))\" y=\"\(f(legendY))\" fill=\"#555\">bars: ±1 sd over repeats</text>\n" }

        let xLo = specs.min() ?? 0, xHi = specs.max() ?? 1
        let logX = xLo > 0 && xHi / xLo >= 4
        let series: [(String, (ExperimentRow) -> Spread?, (ExperimentRow) -> Spread?)] = [
            ("Search wall time (s)", { $0.fnasSeconds }, { $0.nasSeconds }),
            ("Best accuracy (%)", { $0.fnasBestAccuracy.map { scaled($0, 100) } }, { $0.nasBestAccuracy.map { scaled($0, 100) } }),
        ]
        for (panel, (label, fnasValue, nasValue)) in series.enumerated() {
            let left = lefts[panel]
            let fv = table.rows.map { fnasValue($0) }
            let nv = table.rows.map { nasValue($0) }
            let spreads = (fv + nv).compactMap { $0 }
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
            // NAS first, FNAS on top.
            for (values, style) in [(nv, styles[1]), (fv, styles[0])] {
                let points = zip(specs, values).compactMap { s, v in v.map { (x: x(s), spread: $0) } }
                if points.count > 1 {
                    svg += "<polyline fill=\"none\" stroke=\"\(style.colour)\" stroke-width=\"2\"\(style.dash) points=\"\(points.map { "\(f($0.x)),\(f(y($0.spread.mean)))" }.joined(separator: " "))\"/>\n"
                }
                // Error bars sit a little to either side of the marker so both strategies' show.
                let dodge = style.square ? 7.0 : -7.0
                for p in points {
                    if p.spread.count > 1 && p.spread.deviation > 0 {
                        let y1 = y(p.spread.mean - p.spread.deviation), y2 = y(p.spread.mean + p.spread.deviation)
                        let bx = p.x + dodge
                        svg += "<path d=\"M\(f(bx)) \(f(y1))V\(f(y2))M\(f(bx - 4)) \(f(y1))h8M\(f(bx - 4)) \(f(y2))h8\" stroke=\"\(style.colour)\" stroke-width=\"1.5\" fill=\"none\"/>\n"
                    }
                    svg += marker(x: p.x, y: y(p.spread.mean), colour: style.colour, square: style.square) + "\n"
                }
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
    }

    /// A circle (FNAS) or a square (NAS) with a white outline, so overlapping markers stay visible.
    static func marker(x: Double, y: Double, colour: String, square: Bool) -> String {
        square
            ? "<rect x=\"\(f(x - 5))\" y=\"\(f(y - 5))\" width=\"10\" height=\"10\" fill=\"\(colour)\" stroke=\"white\"/>"
            : "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"4\" fill=\"\(colour)\" stroke=\"white\"/>"
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

    /// A text chart: per spec, a bar of search time for FNAS and NAS (scaled to the longest)
    /// and the best accuracies, e.g. for printing after `fnas experiment`.
    public static func text(_ table: ExperimentTable, width: Int = 40, unicode: Bool = true) -> String {
        let maxTime = table.rows.flatMap { [$0.fnasSeconds?.mean, $0.nasSeconds?.mean] }.compactMap { $0 }.max() ?? 0
        let full: Character = unicode ? "█" : "#"
        let partials: [Character] = unicode ? [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"] : [" ", " ", " ", " ", "#", "#", "#", "#"]
        func bar(_ v: Double?) -> String {
            guard let v, maxTime > 0 else { return String(repeating: " ", count: width) }
            let eighths = Int((v / maxTime * Double(width) * 8).rounded())
            var s = String(repeating: full, count: eighths / 8)
            if eighths % 8 > 0 { s.append(partials[eighths % 8]) }
            return s.padding(width)
        }
        func acc(_ s: Spread?) -> String { s.map { formatDecimal($0.mean * 100, places: 1) + "%" } ?? "–" }
        var out = "search time and best accuracy by spec\n"
        for row in table.rows {
            let spec = row.spec.description.padding(8)
            out += "\(spec) FNAS \(bar(row.fnasSeconds?.mean)) \(formatDecimal(row.fnasSeconds?.mean ?? 0, places: 1))s  best \(acc(row.fnasBestAccuracy))\n"
            out += "\(String(repeating: " ", count: 8)) NAS  \(bar(row.nasSeconds?.mean)) \(formatDecimal(row.nasSeconds?.mean ?? 0, places: 1))s  best \(acc(row.nasBestAccuracy))\n"
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
