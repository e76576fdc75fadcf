import ExplorerUI

/// Maps theme colours (#RRGGBB) to the nearest colour a terminal offers.
public enum ColorMapping {
    /// The xterm palette of the 16 standard colours (what most terminals show by default).
    static let ansi16: [RGB] = [
        RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0),
        RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
        RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0),
        RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
    ]

    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// Squared distance weighted roughly by how the eye weighs red, green and blue.
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    /// The RGB value of xterm-256 colour `index`.
    public static func rgb(of index: Int) -> RGB {
        if index < 16 { return ansi16[max(0, index)] }
        if index >= 232 { let v = UInt8(8 + 10 * (index - 232)); return RGB(v, v, v) }
        let i = index - 16
        return RGB(UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
    }

    /// The nearest colour index among the first `colors` colours (256, 16 or 8), or -1 for the
    /// terminal's default colour.
    ///
    /// For 256 colours only the 6x6x6 cube and the grey ramp are searched: the first 16 are
    /// often redefined by terminal themes. For 16 and 8 colours plain distance turns muted
    /// theme colours into grey, so those keep the colour's hue instead (see `ansi`).
    public static func nearest(_ c: RGB, colors: Int) -> Int {
        guard colors >= 256 else { return ansi(c, bright: colors >= 16) }
        var best = 16, bestDistance = Int.max
        for i in 16..<256 {
            let d = distance(c, rgb(of: i))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// The ANSI colour with the same hue: channels above the colour's mid-level are "on"
    /// (red 1, green 2, blue 4); nearly grey colours map to black, grey, white by lightness
    /// with 16 colours, and to -1 (the terminal's default colour) with 8.
    static func ansi(_ c: RGB, bright: Bool) -> Int {
        let r = Int(c.r), g = Int(c.g), b = Int(c.b)
        let hi = max(r, g, b), lo = min(r, g, b)
        let lightness = (hi + lo) / 2
        if hi - lo < 40 {
            // With 8 colours a grey can only become black or white, one of which is invisible
            // on the user's background; the terminal's own colour is always readable.
            if !bright { return -1 }
            return lightness < 64 ? 0 : (lightness < 170 ? 8 : (lightness < 240 ? 7 : 15))
        }
        let mid = (hi + lo) / 2
        let index = (r > mid ? 1 : 0) + (g > mid ? 2 : 0) + (b > mid ? 4 : 0)
        return bright && hi >= 245 ? index + 8 : index
    }
}
