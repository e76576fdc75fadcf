import FNASCore

// Text rendering of a latency report, shared by `fnas latency` and the explorer. Every function
// is a pure function of the report.

extension LatencyReport {
    /// Milliseconds of `cycles` at this report's clock.
    public func milliseconds(_ cycles: Int) -> Double { Double(cycles) / (clockMHz * 1000) }

    /// The per-layer table: shape, tiling, resources, cycles, ms and bottleneck, one row a layer.
    public func table() -> String {
        let header = ["layer", "M", "N", "R", "C", "K", "S", "Tm", "Tn", "Tr", "Tc", "DSP", "BRAM18K", "cycles", "ms", "bottleneck"]
        var rows: [[String]] = [header]
        for l in layers {
            let s = l.shape, t = l.tiling
            rows.append(["\(l.index + 1)", "\(s.M)", "\(s.N)", "\(s.R)", "\(s.C)", "\(s.K)", "\(s.S)",
                         "\(t.Tm)", "\(t.Tn)", "\(t.Tr)", "\(t.Tc)", "\(l.dsp)", "\(l.bram18k)",
                         "\(l.cost.cycles)", formatDecimal(milliseconds(l.cost.cycles), places: 3),
                         l.cost.bottleneck.rawValue])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == row.count - 1 ? cell : pad + cell   // numbers right-aligned, label left
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Latency, resources and whether the design fits, a few lines.
    public func summary() -> String {
        let where_ = "\(board) @ \(formatDecimal(clockMHz, places: 0)) MHz, \(template.rawValue) template, \(dse.rawValue) DSE"
        func percent(_ a: Int, _ b: Int) -> String { b > 0 ? formatDecimal(100 * Double(a) / Double(b), places: 1) + "%" : "-" }
        let resources = "DSP \(dspUsed)/\(dspAvailable) (\(percent(dspUsed, dspAvailable))), BRAM18K \(bramUsed)/\(bramAvailable) (\(percent(bramUsed, bramAvailable)))"
        guard feasible else {
            return ["latency: infeasible on \(where_)", resources, "fits: no: \(infeasibleReason ?? "does not fit the board")"]
                .joined(separator: "\n")
        }
        let sum = layers.reduce(0) { $0 + $1.cost.cycles }
        var lines = ["latency: \(latencyCycles) cycles = \(LatencySpec.formatMilliseconds(latencyMs)) on \(where_)"]
        if template == .pipelined, layers.count > 1 {
            lines.append("layers one after another would take \(sum) cycles; the slowest layer alone \(slowestLayer?.cost.cycles ?? 0)")
        }
        lines.append(resources)
        if let o = optimality {
            lines.append(o.proven
                ? "design: proven optimal for the \(template.rawValue) template over the full design space"
                : "design: within \(formatDecimal(100 * o.gap(cycles: latencyCycles), places: 1))% of optimal (no design fits under \(o.lowerBoundCycles) cycles; the search stopped at its budget)")
        }
        lines.append("fits: yes")
        return lines.joined(separator: "\n")
    }

    /// The slowest layer and what bounds it, e.g. `layer 3 computing-bound (40000 cycles)`, for
    /// prune reasons; the infeasibility reason when the architecture does not fit.
    public var limitingLayerSummary: String {
        guard feasible else { return infeasibleReason ?? "does not fit the board" }
        guard let l = slowestLayer else { return "no layers" }
        return "layer \(l.index + 1) \(l.cost.bottleneck.rawValue)-bound (\(l.cost.cycles) cycles)"
    }

    /// One line: `meets the 2ms spec (0.8ms, 60.0% under)` or `violates the 2ms spec by 25.0% (2.5ms)`.
    public func verdict(against spec: LatencySpec) -> String {
        guard feasible else { return "violates the \(spec) spec: the architecture does not fit the board" }
        let ratio = latencyMicroseconds / spec.microseconds
        let measured = LatencySpec.formatMilliseconds(latencyMs)
        if meets(spec) {
            return "meets the \(spec) spec (\(measured), \(formatDecimal(100 * (1 - ratio), places: 1))% under)"
        }
        return "violates the \(spec) spec by \(formatDecimal(100 * (ratio - 1), places: 1))% (\(measured))"
    }

    /// The widest Gantt chart drawn (wider requests are clamped): far past any terminal, and
    /// small enough that a chart of 256 layers stays a few megabytes.
    public static let maximumGanttWidth = 4096

    /// The tile schedule as a text Gantt chart: one row per layer engine, `width` columns of time
    /// (at most ``maximumGanttWidth``).
    ///
    /// A cell is `█` when the engine is busy for all of its time slice, `▓` for at least half,
    /// `░` for less than half and blank when idle. The last line is the time axis in cycles.
    public func gantt(width: Int = 60) -> String {
        let width = min(max(width, 10), Self.maximumGanttWidth)
        let end = max(latencyCycles, timeline.map(\.end).max() ?? 0)
        guard feasible, end > 0 else { return "(no schedule: \(infeasibleReason ?? "empty"))" }
        let label = { (i: Int) in "L\(i + 1)" }
        let labelWidth = timeline.map { label($0.layer).count }.max() ?? 2
        var lines: [String] = []
        for engine in timeline {
            var busy = [Double](repeating: 0, count: width)
            let slice = Double(end) / Double(width)
            for span in engine.busy {
                let a = Double(span.start) / slice, b = Double(span.end) / slice
                var cell = Int(a)
                while cell < width && Double(cell) < b {
                    busy[cell] += min(b, Double(cell + 1)) - max(a, Double(cell))
                    cell += 1
                }
            }
            let bar = busy.map { f -> Character in
                f >= 0.999 ? "█" : f >= 0.5 ? "▓" : f > 0 ? "░" : " "
            }
            let name = label(engine.layer)
            lines.append(String(repeating: " ", count: labelWidth - name.count) + name + " |" + String(bar) + "|")
        }
        let endLabel = "\(end) cycles"
        let gap = max(1, width + 2 - 1 - endLabel.count)
        lines.append(String(repeating: " ", count: labelWidth) + " 0" + String(repeating: " ", count: gap) + endLabel)
        return lines.joined(separator: "\n")
    }
}
