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
}
