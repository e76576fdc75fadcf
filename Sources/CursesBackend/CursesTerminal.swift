import CNcursesw
import ExplorerUI
#if canImport(Glibc)
import Glibc
#endif

/// A failure to start the terminal UI, as one sentence.
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The curses screen: start-up, colours, painting a cell buffer, keys, and restore.
///
/// Not thread-safe (ncurses is not): one thread creates it, paints and reads keys, and
/// restores it. `restore()` is idempotent, and an `atexit` hook restores the terminal if the
/// process exits another way.
public final class CursesTerminal {
    /// Whether the locale can show UTF-8 (braille, blocks, box drawing).
    public let unicode: Bool
    /// Colours the terminal offers once colour is on (0 when colour is off).
    public private(set) var colors: Int
    private var screen: OpaquePointer?
    private var files: [UnsafeMutablePointer<FILE>] = []
    private var active = false
    private var previous: CellBuffer?
    private var attributes: [Int: (attr: attr_t, pair: Int16)] = [:]
    /// False when the terminal cannot keep its own colours under ours (`use_default_colors` failed):
    /// "terminal colour" then means white on black.
    private var defaultColors = true

    /// Starts curses on the process's terminal (or, when `headless` names a terminal type,
    /// on /dev/null files, for tests).
    ///
    /// - Parameters:
    ///   - colorEnabled: false for `--no-color` / `NO_COLOR`: attributes only.
    ///   - inputTimeoutMs: how long `readKey()` waits for a key.
    ///   - mouse: report clicks and the wheel (`--no-mouse` turns it off, which gives the
    ///     terminal's own text selection back).
    public init(headless terminalType: String? = nil, colorEnabled: Bool = true, inputTimeoutMs: Int32 = 50,
                mouse: Bool = false) throws {
        // The user's locale decides: a terminal set up for LANG=C cannot be assumed to show
        // UTF-8, so the explorer then draws in ASCII.
        setlocale(LC_ALL, "")
        unicode = Self.codesetIsUTF8()
        if let terminalType {
            guard let out = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
                throw TerminalError("cannot open /dev/null for a headless terminal")
            }
            files = [out, input]
            guard let s = newterm(terminalType, out, input) else {
                files.forEach { fclose($0) }
                throw TerminalError("no terminfo entry for \"\(terminalType)\"")
            }
            screen = s
            _ = set_term(s)
        } else {
            guard isatty(0) == 1, isatty(1) == 1 else {
                throw TerminalError("the explorer needs a terminal on stdin and stdout (both are redirected here)")
            }
            // initscr exits the process on failure; newterm returns nil, which we can report.
            let type = getenv("TERM").map { String(cString: $0) } ?? "xterm"
            guard let s = newterm(type, fnas_stdout(), fnas_stdin()) else {
                throw TerminalError("cannot start the terminal UI for TERM=\(type) (no terminfo entry?)")
            }
            screen = s
            _ = set_term(s)
        }
        active = true
        colors = 0
        _ = Self.atexitHook
        // raw(): Ctrl-C arrives as a key, so quitting stops the engine cleanly instead of
        // ncurses' SIGINT handler ending the process.
        raw()
        noecho()
        nonl()
        _ = keypad(fnas_stdscr(), true)
        _ = set_escdelay(25)
        _ = curs_set(0)
        timeout(inputTimeoutMs)
        _ = leaveok(fnas_stdscr(), true)
        if mouse {
            _ = mousemask(fnas_mouse_mask(), nil)
            // Report presses at once rather than waiting to tell a click from a double click.
            _ = mouseinterval(0)
        }
        if colorEnabled && has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
            colors = Int(fnas_colors())
        }
    }

    deinit { restore() }

    /// Registers the exit-time restore once per process, however many terminals are created.
    private static let atexitHook: Void = fnas_register_atexit_restore()

    static func codesetIsUTF8() -> Bool {
        guard let raw = fnas_codeset() else { return false }
        let name = String(cString: raw).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// The screen size in cells.
    public var size: (width: Int, height: Int) { (Int(fnas_cols()), Int(fnas_lines())) }

    /// Changes the size (headless tests; a real terminal reports its own size).
    public func resize(width: Int, height: Int) {
        _ = resizeterm(Int32(height), Int32(width))
        previous = nil
    }

    /// Sets the colour pair and attributes of every style role from `theme`.
    public func apply(theme: Theme?) {
        attributes = [:]
        for role in StyleRole.allCases {
            let style = theme?.style(role) ?? RoleStyle(foreground: nil, background: nil)
            var attr = fnas_a_normal()
            if style.bold { attr |= fnas_a_bold() }
            if style.dim && (colors == 0 || style.foreground == nil) { attr |= fnas_a_dim() }
            // Without colour (or without a selection colour) reverse video marks the selection.
            if style.reverse || (colors == 0 && role == .selected) { attr |= fnas_a_reverse() }
            var pair: Int16 = 0
            if colors >= 8 {
                var fg = style.foreground.map { Int16(ColorMapping.nearest($0, colors: colors)) } ?? -1
                var bg = style.background.map { Int16(ColorMapping.nearest($0, colors: colors)) } ?? -1
                if !defaultColors {
                    if fg == -1 { fg = 7 }
                    if bg == -1 { bg = 0 }
                }
                // Few colours can map text and background to the same index; keep the text readable.
                if bg == fg { bg = defaultColors ? -1 : (fg == 0 ? 7 : 0) }
                if fg != -1 || bg != -1, role.rawValue + 1 < Int(fnas_color_pairs()) {
                    pair = Int16(role.rawValue + 1)
                    init_pair(pair, fg, bg)
                }
            }
            attributes[role.rawValue] = (attr, pair)
        }
        previous = nil
    }

    /// Copies `buffer` to the screen, writing only cells that changed since the last frame.
    ///
    /// - Returns: the number of cells written.
    @discardableResult
    public func paint(_ buffer: CellBuffer) -> Int {
        let full = previous == nil || previous?.width != buffer.width || previous?.height != buffer.height
        if full { _ = wclear(fnas_stdscr()) }
        var written = 0
        var cc = cchar_t()
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                if !full, let prev = previous, prev[x, y] == cell { continue }
                let style = attributes[cell.role.rawValue] ?? (fnas_a_normal(), 0)
                let scalar = cell.character.unicodeScalars.first?.value ?? 32
                var wide: [wchar_t] = [wchar_t(bitPattern: scalar), 0]
                _ = setcchar(&cc, &wide, style.attr, style.pair, nil)
                _ = mvadd_wch(Int32(y), Int32(x), &cc)
                written += 1
            }
        }
        previous = buffer
        _ = refresh()
        return written
    }

    /// Forces the next `paint` to redraw every cell (after a resize or theme change).
    public func invalidate() { previous = nil }

    /// Waits up to the input timeout for a key.
    public func readKey() -> Key? {
        var code: wint_t = 0
        let status = get_wch(&code)
        if status == KEY_CODE_YES, Int32(code) == KEY_MOUSE {
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            return KeyDecoder.decodeMouse(buttons: event.bstate, x: event.x, y: event.y)
        }
        return KeyDecoder.decode(status: status, code: UInt32(code))
    }

    /// The character drawn at (`x`, `y`) as curses holds it (for tests).
    public func character(x: Int, y: Int) -> Character? {
        var cc = cchar_t()
        guard mvwin_wch(fnas_stdscr(), Int32(y), Int32(x), &cc) == OK else { return nil }
        var wide = [wchar_t](repeating: 0, count: 8)
        var attr: attr_t = 0
        var pair: Int16 = 0
        guard getcchar(&cc, &wide, &attr, &pair, nil) != ERR, let scalar = Unicode.Scalar(UInt32(bitPattern: wide[0])) else {
            return nil
        }
        return Character(scalar)
    }

    /// The attributes and pair curses holds at (`x`, `y`) (for tests).
    public func style(x: Int, y: Int) -> (attr: attr_t, pair: Int16)? {
        var cc = cchar_t()
        guard mvwin_wch(fnas_stdscr(), Int32(y), Int32(x), &cc) == OK else { return nil }
        var wide = [wchar_t](repeating: 0, count: 8)
        var attr: attr_t = 0
        var pair: Int16 = 0
        guard getcchar(&cc, &wide, &attr, &pair, nil) != ERR else { return nil }
        return (attr, pair)
    }

    /// Whether curses mode is on: from a successful start until ``restore()``.
    public var isActive: Bool { active }

    /// Leaves curses mode and gives the terminal back; safe to call more than once.
    public func restore() {
        guard active else { return }
        active = false
        _ = mousemask(0, nil)
        _ = curs_set(1)
        _ = endwin()
        if let s = screen { delscreen(s); screen = nil }
        files.forEach { fclose($0) }
        files = []
    }
}
