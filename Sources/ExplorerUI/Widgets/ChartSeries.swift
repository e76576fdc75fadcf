/// One curve or point set of a chart.
public struct ChartSeries: Sendable {
    public var name: String
    public var points: [(x: Double, y: Double)]
    public var role: StyleRole
    /// Dashed curves are told apart from solid ones without colour.
    public var dashed: Bool
    /// Draw dots only (scatter) instead of joining the points.
    public var scatter: Bool
    /// What the legend shows for the series when its points are drawn as chart marks.
    public var legendSymbol: String?

    public init(name: String, points: [(x: Double, y: Double)], role: StyleRole, dashed: Bool = false, scatter: Bool = false,
                legendSymbol: String? = nil) {
        self.name = name; self.points = points; self.role = role; self.dashed = dashed; self.scatter = scatter
        self.legendSymbol = legendSymbol
    }
}
