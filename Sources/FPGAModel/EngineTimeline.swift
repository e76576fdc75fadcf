/// The busy intervals of one layer engine in the tile schedule, in cycles.
public struct EngineTimeline: Sendable, Hashable, Codable {
    public var layer: Int
    /// Merged busy intervals `[start, end)`, in order.
    public var busy: [Span]
    /// Number of tile tasks the engine ran.
    public var tasks: Int

    public struct Span: Sendable, Hashable, Codable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) { self.start = start; self.end = end }
    }

    public init(layer: Int, busy: [Span], tasks: Int) {
        self.layer = layer; self.busy = busy; self.tasks = tasks
    }

    public var start: Int { busy.first?.start ?? 0 }
    public var end: Int { busy.last?.end ?? 0 }
}
