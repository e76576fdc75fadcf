import FNASCore

/// Pictures of an ``ExperimentTable``: search time and best accuracy against the spec,
/// as a standalone SVG file and as a text chart for the terminal.
public enum ExperimentPlot {
    /// Two side-by-side panels (search time in seconds; best accuracy in %), FNAS and NAS as
    /// two lines with markers, specs on the x axis. Pure SVG 1.1, no scripts or fonts to load.
    public static func svg(_ table: ExperimentTable, title: String) -> String {
        let width = 900.0, height = 380.0
        let panelW = 380.0, panelH = 250.0, top = 70.0
        let lefts = [70.0, 70.0 + panelW + 70.0]
        let specs = table.rows.map(\.spec.milliseconds)
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="\(Int(width / 2))" y="24" text-anchor="middle" font-size="16">\(escape(title))</text>

        """
        let series: [(String, String, (ExperimentRow) -> Spread?, (ExperimentRow) -> Spread?)] = [
            ("Search wall time (s)", "", { $0.fnasSeconds }, { $0.nasSeconds }),
            ("Best accuracy (%)", "", { $0.fnasBestAccuracy.map { scaled($0, 100) } }, { $0.nasBestAccuracy.map { scaled($0, 100) } }),
        ]
        for (panel, (label, _, fnasValue, nasValue)) in series.enumerated() {
            let left = lefts[panel]
            let fv = table.rows.map { fnasValue($0)?.mean }
            let nv = table.rows.map { nasValue($0)?.mean }
            let all = (fv + nv).compactMap { $0 }
            var lo = all.min() ?? 0, hi = all.max() ?? 1
            if panel == 0 { lo = 0 }
            if hi - lo < 1e-9 { hi = lo + 1 }
            let pad = (hi - lo) * 0.08
            hi += pad
            if panel == 1 { lo = max(0, lo - pad) }
            let xLo = specs.min() ?? 0, xHi = specs.max() ?? 1
            func x(_ v: Double) -> Double {
                xHi - xLo < 1e-12 ? left + panelW / 2 : left + 20 + (v - xLo) / (xHi - xLo) * (panelW - 40)
            }
            func y(_ v: Double) -> Double { top + panelH - (v - lo) / (hi - lo) * panelH }
            svg += "<g>\n<text x=\"\(f(left + panelW / 2))\" y=\"\(f(top - 14))\" text-anchor=\"middle\" font-size=\"13\">\(escape(label))</text>\n"
            svg += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(panelW))\" height=\"\(f(panelH))\" fill=\"none\" stroke=\"#888\"/>\n"
            for i in 0...4 {
                let v = lo + (hi - lo) * Double(i) / 4
                svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + panelW))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#eee\"/>"
                svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(formatDecimal(v, places: hi - lo < 10 ? 1 : 0))</text>\n"
            }
            for s in specs {
                svg += "<text x=\"\(f(x(s)))\" y=\"\(f(top + panelH + 18))\" text-anchor=\"middle\">\(escape(LatencySpec.formatMilliseconds(s)))</text>\n"
            }
            svg += "<text x=\"\(f(left + panelW / 2))\" y=\"\(f(top + panelH + 38))\" text-anchor=\"middle\">latency spec</text>\n"
            for (values, colour, name, dash) in [(fv, "#1f77b4", "FNAS", ""), (nv, "#d62728", "NAS (accuracy only)", " stroke-dasharray=\"6 4\"")] {
                let points = zip(specs, values).compactMap { s, v in v.map { (x(s), y($0)) } }
                if points.count > 1 {
                    svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash) points=\"\(points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>\n"
                }
                for p in points {
                    svg += "<circle cx=\"\(f(p.0))\" cy=\"\(f(p.1))\" r=\"4\" fill=\"\(colour)\"/>\n"
                }
                let legendY = top + panelH + 58 + (name == "FNAS" ? 0 : 16)
                if panel == 0 {
                    svg += "<line x1=\"\(f(left))\" x2=\"\(f(left + 24))\" y1=\"\(f(legendY - 4))\" y2=\"\(f(legendY - 4))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>"
                    svg += "<text x=\"\(f(left + 30))\" y=\"\(f(legendY))\">\(escape(name))</text>\n"
                }
            }
            svg += "</g>\n"
        }
        svg += "</svg>\n"
        return svg
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
