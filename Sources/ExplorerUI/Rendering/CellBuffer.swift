/// An in-memory grid of cells the UI renders into; a backend copies it to the terminal.
///
/// Writes outside the grid are clipped, so widgets never need to check bounds.
public struct CellBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// While set, writes outside this rectangle are dropped (a pane cannot spill into its neighbours).
    public var clipRect: Rect?
    /// Marks text ``write(_:x:y:role:maxWidth:clip:)`` cuts short in its last column (`…`, or
    /// `~` in ASCII), so a cut never passes for the whole text; nil cuts silently.
    public var ellipsis: Character?
    /// Where clicks mean something, in drawing order (later regions lie on top).
    public private(set) var targets: [(rect: Rect, target: ClickTarget)] = []

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width); self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public static func == (a: CellBuffer, b: CellBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.clipRect == b.clipRect && a.ellipsis == b.ellipsis
            && a.targets.map(\.rect) == b.targets.map(\.rect) && a.targets.map(\.target) == b.targets.map(\.target)
    }

    /// Makes a click in `rect` (within the clip rectangle, if one is set) mean `target`.
    public mutating func addTarget(_ rect: Rect, _ target: ClickTarget) {
        var r = rect
        if let c = clipRect {
            let x0 = max(r.x, c.x), y0 = max(r.y, c.y), x1 = min(r.maxX, c.maxX), y1 = min(r.maxY, c.maxY)
            r = Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
        }
        guard r.width > 0, r.height > 0 else { return }
        targets.append((r, target))
    }

    /// What a click at (`x`, `y`) means: the topmost region there.
    public func target(x: Int, y: Int) -> ClickTarget? {
        targets.last { x >= $0.rect.x && x < $0.rect.maxX && y >= $0.rect.y && y < $0.rect.maxY }?.target
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    public func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Sets one cell, clipped to `clip` as well as the buffer.
    public mutating func put(_ c: Character, x: Int, y: Int, role: StyleRole, clip: Rect? = nil) {
        if let clip, x < clip.x || x >= clip.maxX || y < clip.y || y >= clip.maxY { return }
        if let c = clipRect, x < c.x || x >= c.maxX || y < c.y || y >= c.maxY { return }
        self[x, y] = Cell(Self.printable(c), role)
    }

    /// Changes the role of one cell, keeping its character.
    public mutating func restyle(x: Int, y: Int, role: StyleRole) {
        guard contains(x, y) else { return }
        cells[y * width + x].role = role
    }

    /// Writes `text` from column `x` on row `y`, at most `maxWidth` columns and no further than
    /// the right edge of `clip`, ``clipRect`` and the buffer, and returns the number of columns
    /// written. Text cut short ends in ``ellipsis``.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .normal,
                               maxWidth: Int? = nil, clip: Rect? = nil) -> Int {
        var edge = width
        if let clip { edge = min(edge, clip.maxX) }
        if let clipRect { edge = min(edge, clipRect.maxX) }
        let limit = min(maxWidth ?? Int.max, max(0, edge - x))
        var col = 0
        var rest = text[...]
        while let ch = rest.first, col < limit {
            rest = rest.dropFirst()
            if let ellipsis, col == limit - 1, !rest.isEmpty {
                put(ellipsis, x: x + col, y: y, role: role, clip: clip)
            } else {
                put(ch, x: x + col, y: y, role: role, clip: clip)
            }
            col += 1
        }
        return col
    }

    /// Fills `rect` with one character and role.
    public mutating func fill(_ rect: Rect, _ c: Character = " ", role: StyleRole = .normal) {
        for yy in rect.y..<max(rect.y, rect.maxY) {
            for xx in rect.x..<max(rect.x, rect.maxX) { put(c, x: xx, y: yy, role: role) }
        }
    }

    /// The text of row `y`, trailing spaces removed.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = String(cells[(y * width)..<(y * width + width)].map(\.character))
        while s.last == " " { s.removeLast() }
        return s
    }

    /// The whole grid as text, one line per row (what snapshot tests compare).
    public func text() -> String { (0..<height).map(line).joined(separator: "\n") }

    /// Control characters and characters wider than one column would break the grid.
    static func printable(_ c: Character) -> Character {
        guard let scalar = c.unicodeScalars.first else { return " " }
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return " " }
        if c.unicodeScalars.count > 1 && !c.isASCII { return "?" }
        if isWide(v) { return "?" }
        return c
    }

    /// East-Asian wide and emoji ranges (two columns in a terminal).
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }
}
