/// A rectangle of terminal cells: column `x`, row `y`, `width` columns, `height` rows.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var description: String { "\(width)x\(height)+\(x)+\(y)" }

    /// The rectangle shrunk by `n` cells on every side (never negative).
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }

    /// Splits into a top part of `rows` rows and the rest.
    public func splitTop(_ rows: Int) -> (Rect, Rect) {
        let r = min(max(rows, 0), height)
        return (Rect(x: x, y: y, width: width, height: r), Rect(x: x, y: y + r, width: width, height: height - r))
    }

    /// Splits into a left part of `columns` columns and the rest.
    public func splitLeft(_ columns: Int) -> (Rect, Rect) {
        let c = min(max(columns, 0), width)
        return (Rect(x: x, y: y, width: c, height: height), Rect(x: x + c, y: y, width: width - c, height: height))
    }

    /// Splits into `n` columns of nearly equal width (the first ones get the remainder).
    public func columns(_ n: Int) -> [Rect] {
        var left = x
        return Self.shares(width, n).map { w in
            defer { left += w }
            return Rect(x: left, y: y, width: w, height: height)
        }
    }

    /// Splits into `n` rows of nearly equal height (the first ones get the remainder).
    public func rows(_ n: Int) -> [Rect] {
        var top = y
        return Self.shares(height, n).map { h in
            defer { top += h }
            return Rect(x: x, y: top, width: width, height: h)
        }
    }

    /// `total` cut into `n` near-equal parts, the first `total % n` one larger.
    static func shares(_ total: Int, _ n: Int) -> [Int] {
        guard n > 0 else { return [] }
        return (0..<n).map { total / n + ($0 < total % n ? 1 : 0) }
    }
}
