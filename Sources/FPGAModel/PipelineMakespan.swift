import FNASCore

/// The makespan of a layer pipeline, kept up to date while the design search changes one
/// layer at a time: only the changed layer and those after it are rescheduled.
struct PipelineMakespan {
    let shapes: [LayerShape]
    private(set) var tilings: [Tiling]
    private var lat2: [Int]
    private var finish: [[Int]]
    private var columns: [Int] = []

    init(shapes: [LayerShape], tilings: [Tiling], lat2: [Int]) {
        self.shapes = shapes
        self.tilings = tilings
        self.lat2 = lat2
        finish = Array(repeating: [], count: shapes.count)
        reschedule(from: 0)
    }

    /// Finish of the last task. Not always the last layer's: a strided 1x1 layer never reads
    /// the last rows of its input, so the layer before it can finish later.
    var makespan: Int {
        var m = 0
        for f in finish { m = max(m, f.last ?? 0) }
        return m
    }

    /// Replaces one layer's tiling and returns the new makespan.
    mutating func set(layer: Int, tiling: Tiling, lat2 value: Int) -> Int {
        tilings[layer] = tiling
        lat2[layer] = value
        reschedule(from: layer)
        return makespan
    }

    /// Reschedules layers from `first` on, stopping once a layer's block finishes are unchanged
    /// (everything after it then is too).
    private mutating func reschedule(from first: Int) {
        for i in first..<shapes.count {
            var out = [Int]()
            swap(&out, &finish[i])   // reuse the buffer without a copy
            let changed = TileSchedule.scheduleLayer(
                shapes[i], tilings[i], lat2: lat2[i], after: i > 0 ? tilings[i - 1] : nil,
                finishing: i > 0 ? finish[i - 1] : [], into: &out, columns: &columns)
            swap(&out, &finish[i])
            // The next layer's dependencies read this layer's tiling too, so only stop when
            // neither changed (a changed layer always reschedules its successor).
            if !changed && i > first { return }
        }
    }
}
