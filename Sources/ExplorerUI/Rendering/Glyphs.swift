import SearchEngine

/// The characters the explorer draws with: Unicode (box drawing, blocks, braille) or an
/// ASCII fallback for terminals without UTF-8 or fonts without braille.
public struct Glyphs: Sendable, Hashable {
    public var unicode: Bool
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Axis corner and tick.
    public var axisCorner: Character
    public var axisTick: Character
    /// Horizontal bar fill levels from empty to full, in eighths (index 0...8).
    public var barEighths: [Character]
    /// Vertical sparkline levels, lowest first.
    public var sparkLevels: [Character]
    public var specMarker: Character
    public var busy: Character
    public var partlyBusy: Character
    public var idle: Character
    public var frontMark: Character
    public var pointMark: Character
    public var cursor: Character
    public var ellipsis: Character
    public var separator: String
    public var enterKey: String
    public var arrowsKey: String

    /// Box drawing, eighth blocks, braille curves and the ✓ ✗ ⊘ verdict marks.
    public static let unicode = Glyphs(
        unicode: true, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
        bottomLeft: "└", bottomRight: "┘", axisCorner: "└", axisTick: "┤",
        barEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        specMarker: "┃", busy: "█", partlyBusy: "▒", idle: "·", frontMark: "◆", pointMark: "•",
        cursor: "▶", ellipsis: "…", separator: " · ", enterKey: "⏎", arrowsKey: "↑↓")

    /// Plain ASCII: `+` met, `x` violated, `-` infeasible.
    public static let ascii = Glyphs(
        unicode: false, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+",
        bottomLeft: "+", bottomRight: "+", axisCorner: "+", axisTick: "|",
        barEighths: [" ", " ", " ", " ", "-", "-", "-", "-", "="],
        sparkLevels: ["_", ".", "-", "~", "=", "*", "#", "#"],
        specMarker: "|", busy: "#", partlyBusy: ":", idle: ".", frontMark: "@", pointMark: "o",
        cursor: ">", ellipsis: "~", separator: " | ", enterKey: "Enter", arrowsKey: "j/k")

    /// The mark for a verdict; each verdict has its own so colour is never the only cue.
    public func mark(_ verdict: Verdict) -> Character {
        switch verdict {
        case .met: unicode ? "✓" : "+"
        case .violated: unicode ? "✗" : "x"
        case .infeasible: unicode ? "⊘" : "-"
        case .prunedLate: unicode ? "↯" : "!"
        case .skipped: unicode ? "»" : ">"
        case .trainedOverSpec: unicode ? "↑" : "^"
        }
    }

    /// The mark for a pass (true) or fail (false) under a re-judged spec.
    public func passMark(_ passes: Bool) -> Character { passes ? mark(.met) : mark(.violated) }

    /// The role a verdict is coloured with.
    public static func role(_ verdict: Verdict) -> StyleRole {
        switch verdict {
        case .met: .ok
        case .violated, .prunedLate: .bad
        case .infeasible, .trainedOverSpec: .warn
        case .skipped: .dim
        }
    }

    /// A horizontal bar of `value` cells (fractional cells drawn with eighth blocks).
    public func bar(_ value: Double, width: Int) -> String {
        guard width > 0, value.isFinite, value > 0 else { return "" }
        let eighths = Int((min(value, Double(width)) * 8).rounded())
        var s = String(repeating: barEighths[8], count: eighths / 8)
        if eighths % 8 > 0 {
            let partial = barEighths[eighths % 8]
            if partial != " " { s.append(partial) }
        }
        return s
    }
}
