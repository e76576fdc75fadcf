/// Bordered panels and small text helpers shared by every pane.
public enum Box {
    /// Draws a border around `rect` with `title` in the top edge and returns the inner area.
    @discardableResult
    public static func draw(_ rect: Rect, title: String, focused: Bool, glyphs g: Glyphs,
                            into buffer: inout CellBuffer) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let role: StyleRole = focused ? .borderFocused : .border
        let h = focused && !g.unicode ? "=" : g.horizontal
        for xx in rect.x + 1..<rect.maxX - 1 {
            buffer.put(h, x: xx, y: rect.y, role: role)
            buffer.put(h, x: xx, y: rect.maxY - 1, role: role)
        }
        for yy in rect.y + 1..<rect.maxY - 1 {
            buffer.put(g.vertical, x: rect.x, y: yy, role: role)
            buffer.put(g.vertical, x: rect.maxX - 1, y: yy, role: role)
        }
        buffer.put(g.topLeft, x: rect.x, y: rect.y, role: role)
        buffer.put(g.topRight, x: rect.maxX - 1, y: rect.y, role: role)
        buffer.put(g.bottomLeft, x: rect.x, y: rect.maxY - 1, role: role)
        buffer.put(g.bottomRight, x: rect.maxX - 1, y: rect.maxY - 1, role: role)
        // The focused pane is marked by its title brackets as well as by colour.
        let label = focused ? "[\(title)]" : " \(title) "
        buffer.write(label, x: rect.x + 2, y: rect.y, role: focused ? .title : .border, maxWidth: rect.width - 4)
        return rect.inset(1)
    }

    /// Writes text segments with their own roles one after another; returns the next column.
    @discardableResult
    public static func segments(_ parts: [(String, StyleRole)], x: Int, y: Int, maxX: Int,
                                into buffer: inout CellBuffer) -> Int {
        var col = x
        for (text, role) in parts where col < maxX {
            col += buffer.write(text, x: col, y: y, role: role, maxWidth: maxX - col)
        }
        return col
    }

    /// One piece of a one-line bar: its text, its style, and how much it matters (pieces of
    /// lower priority are dropped first when the line is too narrow).
    public struct Piece: Equatable {
        public var text: String
        public var role: StyleRole
        public var priority: Int
        public init(_ text: String, _ role: StyleRole, priority: Int) {
            self.text = text; self.role = role; self.priority = priority
        }
    }

    /// The pieces that fit in `width` columns joined by `separator`, in their order: while the
    /// line is too wide the least important piece is dropped whole (of equals, the rightmost),
    /// so a narrow terminal loses what matters least instead of cutting numbers in half.
    public static func fitting(_ pieces: [Piece], separator: String, width: Int) -> [Piece] {
        var kept = pieces
        func length(_ p: [Piece]) -> Int {
            p.reduce(0) { $0 + $1.text.count } + max(0, p.count - 1) * separator.count
        }
        while kept.count > 1, length(kept) > width {
            let least = kept.indices.min { a, b in
                kept[a].priority != kept[b].priority ? kept[a].priority < kept[b].priority : a > b
            }!
            kept.remove(at: least)
        }
        return kept
    }

    /// Draws ``fitting(_:separator:width:)`` of `pieces` from `x` to `maxX`; a single piece
    /// still too wide is cut with the buffer's ellipsis. Returns the next column.
    @discardableResult
    public static func pieces(_ pieces: [Piece], separator: (String, StyleRole), x: Int, y: Int, maxX: Int,
                              into buffer: inout CellBuffer) -> Int {
        let kept = fitting(pieces, separator: separator.0, width: maxX - x)
        var parts: [(String, StyleRole)] = []
        for (i, piece) in kept.enumerated() {
            if i > 0 { parts.append(separator) }
            parts.append((piece.text, piece.role))
        }
        return segments(parts, x: x, y: y, maxX: maxX, into: &buffer)
    }

    /// Draws a list of `count` rows in `rect`, scrolled to keep `selected` in view (centred when
    /// it can be): fills the selected row's background, then calls `draw` with each visible
    /// row's index, its screen row, whether it is selected and the role its text takes.
    public static func rows(count: Int, selected: Int, in rect: Rect, into buffer: inout CellBuffer,
                            _ draw: (_ index: Int, _ y: Int, _ isSelected: Bool, _ role: StyleRole, _ buffer: inout CellBuffer) -> Void) {
        let visible = rect.height
        let first = max(0, min(selected - visible / 2, count - visible))
        for row in 0..<visible where first + row < count {
            let i = first + row, y = rect.y + row
            let isSelected = i == selected
            if isSelected { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selected) }
            draw(i, y, isSelected, isSelected ? .selected : .normal, &buffer)
        }
    }
}
