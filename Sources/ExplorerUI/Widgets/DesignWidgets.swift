import FNASCore
import FPGAModel

/// Drawings of one latency report: the per-layer table and the tile-schedule Gantt chart.
enum DesignWidgets {
    /// One line summarising the design: latency, resources and the slowest layer.
    static func summary(_ r: LatencyReport) -> String {
        guard r.feasible else { return "infeasible: " + (r.infeasibleReason ?? "cannot be mapped onto \(r.board)") }
        var s = "\(Format.ms(r.latencyMicroseconds)) (\(r.latencyCycles) cycles @ \(Format.axis(r.clockMHz))MHz, \(r.template.rawValue))"
        s += "  DSP \(r.dspUsed)/\(r.dspAvailable)  BRAM \(r.bramUsed)/\(r.bramAvailable)"
        if let slow = r.slowestLayer { s += "  slowest L\(slow.index + 1) \(slow.cost.bottleneck.rawValue)" }
        return s
    }

    /// The per-layer table; returns the rows used. The slowest layer is marked with `<`.
    @discardableResult
    static func layerTable(_ r: LatencyReport, in rect: Rect, glyphs g: Glyphs, into buffer: inout CellBuffer) -> Int {
        guard rect.height > 0 else { return 0 }
        // The full table needs 84 columns; narrower panes drop the shape columns, and the
        // resource columns below 50 (a compared child's half of 80 columns keeps its latency).
        let full = rect.width >= 84, resources = rect.width >= 50
        let header = full ? "L   MxN     RxC    K/S  Tm,Tn,Tr,Tc    DSP  BRAM    cycles   latency  bottleneck"
                          : (resources ? "L   Tm,Tn,Tr,Tc    DSP  BRAM   latency  bottleneck" : "L   Tm,Tn,Tr,Tc     latency  bottleneck")
        buffer.write(header, x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
        let slowest = r.slowestLayer?.index
        var row = 1
        for l in r.layers {
            guard row < rect.height else { break }
            let sh = l.shape
            let ms = Format.ms(Double(l.cost.cycles) / r.clockMHz)
            var text = Format.left("L\(l.index + 1)", 3) + " "
            if full {
                text += Format.left("\(sh.M)x\(sh.N)", 8) + Format.left("\(sh.R)x\(sh.C)", 7) + Format.left("\(sh.K)/\(sh.S)", 5)
            }
            text += Format.left(l.tiling.description, 13)
            if resources { text += Format.right("\(l.dsp)", 5) + Format.right("\(l.bram18k)", 6) } else { text += " " }
            if full { text += Format.right("\(l.cost.cycles)", 10) }
            text += Format.right(ms, 10) + "  " + l.cost.bottleneck.rawValue
            let isSlowest = l.index == slowest && r.layers.count > 1
            if isSlowest { text += " " + String(g.unicode ? "◀" : "<") + " slowest" }
            buffer.write(text, x: rect.x, y: rect.y + row, role: isSlowest ? .warn : .normal, maxWidth: rect.width)
            row += 1
        }
        return row
    }

    /// The tile schedule: one row per layer engine, busy spans filled, with a time axis that
    /// ends at `makespan` cycles when given (two schedules on one scale), else at this one's end.
    @discardableResult
    static func gantt(_ r: LatencyReport, in rect: Rect, glyphs g: Glyphs, makespan shared: Int? = nil,
                      into buffer: inout CellBuffer) -> Int {
        guard rect.height >= 2, rect.width >= 20 else { return 0 }
        guard r.feasible, !r.timeline.isEmpty else {
            buffer.write("no tile schedule (infeasible design)", x: rect.x, y: rect.y, role: .dim, maxWidth: rect.width)
            return 1
        }
        let makespan = max(shared ?? 0, r.latencyCycles, r.timeline.map(\.end).max() ?? 1, 1)
        let labelWidth = 4
        let engines = r.timeline.prefix(rect.height - 1)
        // Wide enough for the longest " N tiles" (7056 tiles did not fit in 10 columns).
        let tasksWidth = engines.map { " \($0.tasks) tiles".count }.max() ?? 10
        let barWidth = rect.width - labelWidth - tasksWidth
        guard barWidth >= 8 else { return 0 }
        for (row, engine) in engines.enumerated() {
            let y = rect.y + row
            buffer.write(Format.left("L\(engine.layer + 1)", labelWidth), x: rect.x, y: y, role: .dim)
            for col in 0..<barWidth {
                let lo = makespan * col / barWidth, hi = max(lo + 1, makespan * (col + 1) / barWidth)
                let covered = engine.busy.reduce(0) { $0 + max(0, min($1.end, hi) - max($1.start, lo)) }
                let ch: Character = covered * 2 >= hi - lo ? g.busy : (covered > 0 ? g.partlyBusy : g.idle)
                let role: StyleRole = covered > 0 ? (row % 2 == 0 ? .graph1 : .graph2) : .dim
                buffer.put(ch, x: rect.x + labelWidth + col, y: y, role: role)
            }
            buffer.write(" \(engine.tasks) tiles", x: rect.x + labelWidth + barWidth, y: y, role: .dim, maxWidth: tasksWidth)
        }
        let axisY = rect.y + engines.count
        buffer.write("0", x: rect.x + labelWidth, y: axisY, role: .dim)
        let end = Format.ms(Double(makespan) / r.clockMHz)
        buffer.write(end, x: rect.x + labelWidth + barWidth - end.count, y: axisY, role: .dim)
        let mid = "tile schedule (" + (r.template == .pipelined ? "layers pipelined" : r.template.rawValue) + ")"
        if barWidth > mid.count + end.count + 4 {
            buffer.write(mid, x: rect.x + labelWidth + (barWidth - mid.count) / 2, y: axisY, role: .dim)
        }
        return engines.count + 1
    }
}
