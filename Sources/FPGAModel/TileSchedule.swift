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
        var previous: [Int] = []
        var finish: [Int] = []
        var columns: [Int] = []
        var makespan = 0
        for (i, layer) in layers.enumerated() {
            let s = layer.shape, t = layer.tiling
            scheduleLayer(s, t, lat2: layer.cost.lat2, after: i > 0 ? layers[i - 1].tiling : nil,
                          finishing: previous, into: &finish, columns: &columns)
            // Blocks run back to back unless a block waited for its inputs: merge touching spans.
            let blockCycles = ceilDiv(s.M, t.Tm) * layer.cost.lat2
            var spans: [EngineTimeline.Span] = []
            for end in finish {
                let start = end - blockCycles
                if let last = spans.last, last.end == start { spans[spans.count - 1].end = end }
                else { spans.append(.init(start: start, end: end)) }
            }
            makespan = max(makespan, finish.last ?? 0)
            timeline.append(EngineTimeline(layer: i, busy: spans,
                                           tasks: ceilDiv(s.R, t.Tr) * ceilDiv(s.C, t.Tc) * ceilDiv(s.M, t.Tm)))
            swap(&previous, &finish)
        }
        return (makespan, timeline)
    }

    /// Schedules one layer's engine: the finish time of each of its (r, c) blocks, row-major,
    /// given the block finish times of the layer before (tiled by `producer`), or none for the
    /// first layer. `columns` is scratch space, reused between calls to avoid allocation.
    ///
    /// - Returns: whether `finish` changed (when it did not, later layers need no rescheduling).
    @discardableResult
    static func scheduleLayer(_ s: LayerShape, _ t: Tiling, lat2: Int, after producer: Tiling?,
                              finishing previous: [Int], into finish: inout [Int],
                              columns: inout [Int]) -> Bool {
        let rows = ceilDiv(s.R, t.Tr), cols = ceilDiv(s.C, t.Tc)
        let blockCycles = ceilDiv(s.M, t.Tm) * lat2
        var changed = finish.count != rows * cols
        if changed { finish = [Int](repeating: 0, count: rows * cols) }
        var free = 0
        guard let producer else {
            for k in 0..<(rows * cols) {
                free += blockCycles
                if finish[k] != free { finish[k] = free; changed = true }
            }
            return changed
        }
        // Last band of the producer each column band (row band, below) of this layer needs.
        columns.removeAll(keepingCapacity: true)
        for c in 0..<cols {
            columns.append(lastInputBand(c, tile: t.Tc, extent: s.C, stride: s.S, kernel: s.K,
                                         pad: s.padLeft, inputExtent: s.inputCols, inputTile: producer.Tc))
        }
        let producerCols = ceilDiv(s.inputCols, producer.Tc)
        var k = 0
        for r in 0..<rows {
            let base = lastInputBand(r, tile: t.Tr, extent: s.R, stride: s.S, kernel: s.K,
                                     pad: s.padTop, inputExtent: s.inputRows, inputTile: producer.Tr) * producerCols
            for c in 0..<cols {
                free = max(free, previous[base + columns[c]]) + blockCycles
                if finish[k] != free { finish[k] = free; changed = true }
                k += 1
            }
        }
        return changed
    }

    /// The index of the last input band (of `inputTile` rows of the producer) that output band
    /// `band` (of `tile` rows) reads through its receptive window, clipped to the input map.
    @inline(__always)
    static func lastInputBand(_ band: Int, tile: Int, extent: Int, stride: Int, kernel: Int,
                              pad: Int, inputExtent: Int, inputTile: Int) -> Int {
        let lastRow = min(extent, (band + 1) * tile) - 1
        let lastInput = min(max(lastRow * stride - pad + kernel - 1, 0), inputExtent - 1)
        return lastInput / inputTile
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
