/// A symbol drawn on top of a chart's dots at a data point (e.g. the Pareto front, the selection).
public struct ChartMark: Sendable {
    public var x: Double
    public var y: Double
    public var symbol: Character
    public var role: StyleRole

    public init(x: Double, y: Double, symbol: Character, role: StyleRole) {
        self.x = x; self.y = y; self.symbol = symbol; self.role = role
    }
}
