/// A dot canvas over a block of cells: 2 x 4 dots per cell (Unicode braille, U+2800 + dot bits).
///
/// In ASCII mode each cell shows `'` (dots in its upper half), `.` (lower half) or `:` (both),
/// so curves stay readable without braille fonts.
public struct BrailleCanvas: Sendable {
    public let columns: Int
    public let rows: Int
    private var bits: [UInt8]
    private var roles: [StyleRole?]

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns); self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        roles = Array(repeating: nil, count: self.columns * self.rows)
    }

    /// Dots across and down.
    public var dotWidth: Int { columns * 2 }
    public var dotHeight: Int { rows * 4 }

    // Braille dot numbering: left column dots 1,2,3,7 and right column 4,5,6,8, top to bottom.
    private static let dotBit: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    /// Sets the dot at (`px`, `py`), `py` counted from the top; off-canvas dots are ignored.
    public mutating func set(_ px: Int, _ py: Int, role: StyleRole) {
        guard px >= 0, py >= 0, px < dotWidth, py < dotHeight else { return }
        let i = (py / 4) * columns + px / 2
        bits[i] |= Self.dotBit[px % 2][py % 4]
        roles[i] = role
    }

    /// Draws a straight line between two dots (Bresenham); `dashed` leaves gaps every 2 dots.
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, role: StyleRole, dashed: Bool = false) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var step = 0
        while true {
            if !dashed || (step / 2) % 2 == 0 { set(x, y, role: role) }
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
            step += 1
        }
    }

    /// The character for one cell, or nil when it has no dots.
    public func character(column: Int, row: Int, unicode: Bool) -> (Character, StyleRole)? {
        let i = row * columns + column
        let b = bits[i]
        guard b != 0, let role = roles[i] else { return nil }
        if unicode, let scalar = Unicode.Scalar(0x2800 + UInt32(b)) { return (Character(scalar), role) }
        let upper = b & 0x1B != 0  // dots 1, 2, 4, 5
        let lower = b & 0xE4 != 0  // dots 3, 6, 7, 8
        return (upper && lower ? ":" : (upper ? "'" : "."), role)
    }

    /// Copies the dots into `buffer` with the top-left cell at (`x`, `y`); empty cells are left alone.
    public func draw(into buffer: inout CellBuffer, x: Int, y: Int, unicode: Bool) {
        for r in 0..<rows {
            for c in 0..<columns {
                if let (ch, role) = character(column: c, row: r, unicode: unicode) {
                    buffer.put(ch, x: x + c, y: y + r, role: role)
                }
            }
        }
    }
}
