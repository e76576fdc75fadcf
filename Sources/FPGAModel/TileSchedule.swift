import FNASCore

/// FNAS-GG, FNAS-Sched and FNAS-Analyzer: the tile task graph of a layer pipeline, its list
/// schedule, and the makespan.
///
/// Every layer has its own engine. Layer i has one task per output tile (r, c, m) lasting its
/// Lat2; its engine runs them in row-major order (r, then c, then m). A tile of layer i+1
/// reads input rows `r*Tr*S - pad ... + Tr' - 1` (and likewise columns) of layer i's output,
/// so it depends on every tile of layer i, in all channel groups m, whose rows and columns
/// overlap that window. Each task starts as soon as its engine is free and its inputs are
/// done; the latency is the finish of the last task.
///
/// Two facts keep this O(row bands x column bands) per layer rather than O(tasks x deps):
/// the m tasks of one (r, c) share their dependencies and run back to back, so they form one
/// block; and because an engine runs its tiles in a fixed row-major order, the last of a
/// rectangle of (r, c) blocks to finish is its bottom-right one.
public enum TileSchedule {
    /// The schedule of layer-pipelined engines: makespan in cycles and each engine's busy spans.
    public static func pipelined(_ layers: [LayerDesign]) -> (makespan: Int, timeline: [EngineTimeline]) {
        var timeline: [EngineTimeline] = []
        timeline.reserveCapacity(layers.count)
        var previousFinish: [Int] = []   // finish of each (r, c) block of the previous layer
        var previousCols = 0
        var previousTr = 1, previousTc = 1
        var makespan = 0
        for (i, layer) in layers.enumerated() {
            let s = layer.shape, t = layer.tiling
            let rows = ceilDiv(s.R, t.Tr), cols = ceilDiv(s.C, t.Tc), channelTiles = ceilDiv(s.M, t.Tm)
            let blockCycles = channelTiles * layer.cost.lat2
            // Last band of the previous layer each row band (column band) of this layer needs.
            var needRow: [Int] = []
            var needCol: [Int] = []
            if i > 0 {
                needRow = lastInputBands(bands: rows, tile: t.Tr, extent: s.R, stride: s.S, kernel: s.K,
                                         pad: s.padTop, inputExtent: s.inputRows, inputTile: previousTr)
                needCol = lastInputBands(bands: cols, tile: t.Tc, extent: s.C, stride: s.S, kernel: s.K,
                                         pad: s.padLeft, inputExtent: s.inputCols, inputTile: previousTc)
            }
            var finish = [Int](repeating: 0, count: rows * cols)
            var spans: [EngineTimeline.Span] = []
            var free = 0
            for r in 0..<rows {
                for c in 0..<cols {
                    var start = free
                    if i > 0 {
                        let ready = previousFinish[needRow[r] * previousCols + needCol[c]]
                        if ready > start { start = ready }
                    }
                    let end = start + blockCycles
                    if let last = spans.last, last.end == start {
                        spans[spans.count - 1].end = end
                    } else {
                        spans.append(.init(start: start, end: end))
                    }
                    finish[r * cols + c] = end
                    free = end
                }
            }
            makespan = max(makespan, free)
            timeline.append(EngineTimeline(layer: i, busy: spans, tasks: rows * cols * channelTiles))
            previousFinish = finish
            previousCols = cols
            previousTr = t.Tr; previousTc = t.Tc
        }
        return (makespan, timeline)
    }

    /// For each output band of `tile` rows, the index of the last input band (of `inputTile`
    /// rows of the producer) its receptive window touches, clipped to the input map.
    static func lastInputBands(bands: Int, tile: Int, extent: Int, stride: Int, kernel: Int,
                               pad: Int, inputExtent: Int, inputTile: Int) -> [Int] {
        var out = [Int](repeating: 0, count: bands)
        for b in 0..<bands {
            let lastRow = min(extent, (b + 1) * tile) - 1
            let lastInput = min(max(lastRow * stride - pad + kernel - 1, 0), inputExtent - 1)
            out[b] = lastInput / inputTile
        }
        return out
    }

    /// Layers one after another on their own engines: each starts when the previous ends.
    public static func sequential(_ layers: [LayerDesign]) -> (makespan: Int, timeline: [EngineTimeline]) {
        var t = 0
        var timeline: [EngineTimeline] = []
        for (i, layer) in layers.enumerated() {
            let tasks = ceilDiv(layer.shape.R, layer.tiling.Tr) * ceilDiv(layer.shape.C, layer.tiling.Tc)
                * ceilDiv(layer.shape.M, layer.tiling.Tm)
            timeline.append(EngineTimeline(layer: i, busy: [.init(start: t, end: t + layer.cost.cycles)], tasks: tasks))
            t += layer.cost.cycles
        }
        return (t, timeline)
    }
}
