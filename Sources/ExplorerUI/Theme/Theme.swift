/// A 24-bit colour from a theme file (`"#RRGGBB"`).
public struct RGB: Sendable, Hashable, CustomStringConvertible {
    public var r: UInt8
    public var g: UInt8
    public var b: UInt8

    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) { self.r = r; self.g = g; self.b = b }

    /// Parses `#RRGGBB` (the `#` is optional); nil when malformed.
    public init?(hex: String) {
        var s = Substring(hex)
        if s.first == "#" { s = s.dropFirst() }
        guard s.count == 6, s.allSatisfy(\.isHexDigit), let v = UInt32(s, radix: 16) else { return nil }
        r = UInt8((v >> 16) & 0xFF); g = UInt8((v >> 8) & 0xFF); b = UInt8(v & 0xFF)
    }

    public var description: String {
        let digits = Array("0123456789ABCDEF")
        return "#" + [r, g, b].map { String(digits[Int($0 >> 4)]) + String(digits[Int($0 & 0xF)]) }.joined()
    }
}

/// How one style role is drawn: colours (nil = the terminal's default) and attributes.
public struct RoleStyle: Sendable, Hashable {
    public var foreground: RGB?
    public var background: RGB?
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(foreground: RGB?, background: RGB?, bold: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground; self.background = background; self.bold = bold; self.reverse = reverse; self.dim = dim
    }
}

/// The keys a theme file may set, btop style: `theme[main_fg]="#D8DEE9"`.
///
/// An empty value (`""`) means the terminal's own colour. Keys a file leaves out take the
/// dark theme's value, so a partial theme works.
public enum ThemeKey: String, Sendable, Hashable, CaseIterable {
    case main_fg, main_bg, inactive_fg, title, div_line, hi_fg
    case header_fg, header_bg, header_accent, hint_fg, hint_bg, hint_key
    case selected_fg, selected_bg
    case ok_fg, bad_fg, warn_fg, info_fg, error_fg
    case graph_1, graph_2, graph_3, spec_fg, front_fg

    /// What the key colours, for the theme README and the error message on an unknown key.
    public var meaning: String {
        switch self {
        case .main_fg: "normal text"
        case .main_bg: "background of everything (empty: terminal default)"
        case .inactive_fg: "secondary text, axes, idle schedule cells"
        case .title: "pane titles and headings"
        case .div_line: "pane borders"
        case .hi_fg: "border of the focused pane"
        case .header_fg: "header rows text"
        case .header_bg: "header rows background"
        case .header_accent: "run name, spec and engine state in the header"
        case .hint_fg: "key-hint bar text"
        case .hint_bg: "key-hint bar background"
        case .hint_key: "key names in the hint bar and help"
        case .selected_fg: "selected row text"
        case .selected_bg: "selected row background (empty: reverse video)"
        case .ok_fg: "met the spec / trained (also marked with a check)"
        case .bad_fg: "over the spec / pruned (also marked with a cross)"
        case .warn_fg: "infeasible designs, slowest layer"
        case .info_fg: "status messages and live progress"
        case .error_fg: "errors in the input line"
        case .graph_1: "first curve, busy cells of odd engines"
        case .graph_2: "second curve, busy cells of even engines"
        case .graph_3: "third curve (loss, reward)"
        case .spec_fg: "the latency spec marker and line"
        case .front_fg: "Pareto front points (also marked with a diamond)"
        }
    }
}

/// A named set of colours for the explorer's style roles.
public struct Theme: Sendable, Hashable {
    public var name: String
    /// Every key has a value here (nil = terminal default) once a theme is loaded.
    public var colors: [ThemeKey: RGB?]

    public init(name: String, colors: [ThemeKey: RGB?]) { self.name = name; self.colors = colors }

    func color(_ key: ThemeKey) -> RGB? { colors[key] ?? nil }

    /// The colours and attributes of `role`. Attributes keep roles apart when colour is off.
    public func style(_ role: StyleRole) -> RoleStyle {
        let bg = color(.main_bg)
        switch role {
        case .normal: return RoleStyle(foreground: color(.main_fg), background: bg)
        case .dim: return RoleStyle(foreground: color(.inactive_fg), background: bg, dim: true)
        case .title: return RoleStyle(foreground: color(.title), background: bg, bold: true)
        case .border: return RoleStyle(foreground: color(.div_line), background: bg)
        case .borderFocused: return RoleStyle(foreground: color(.hi_fg), background: bg, bold: true)
        case .header: return RoleStyle(foreground: color(.header_fg), background: color(.header_bg) ?? bg)
        case .headerAccent: return RoleStyle(foreground: color(.header_accent), background: color(.header_bg) ?? bg, bold: true)
        case .hint: return RoleStyle(foreground: color(.hint_fg), background: color(.hint_bg) ?? bg)
        case .hintKey: return RoleStyle(foreground: color(.hint_key), background: color(.hint_bg) ?? bg, bold: true)
        case .selected:
            let sbg = color(.selected_bg)
            return RoleStyle(foreground: color(.selected_fg), background: sbg ?? bg, bold: true, reverse: sbg == nil)
        case .ok: return RoleStyle(foreground: color(.ok_fg), background: bg)
        case .bad: return RoleStyle(foreground: color(.bad_fg), background: bg, bold: true)
        case .warn: return RoleStyle(foreground: color(.warn_fg), background: bg)
        case .info: return RoleStyle(foreground: color(.info_fg), background: bg)
        case .graph1: return RoleStyle(foreground: color(.graph_1), background: bg)
        case .graph2: return RoleStyle(foreground: color(.graph_2), background: bg)
        case .graph3: return RoleStyle(foreground: color(.graph_3), background: bg)
        case .spec: return RoleStyle(foreground: color(.spec_fg), background: bg, bold: true)
        case .front: return RoleStyle(foreground: color(.front_fg), background: bg, bold: true)
        case .error: return RoleStyle(foreground: color(.error_fg), background: bg, bold: true)
        }
    }
}
