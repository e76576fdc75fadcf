import CNcursesw
import ExplorerUI

/// Turns what `get_wch` returns into an explorer ``Key``.
public enum KeyDecoder {
    /// - Parameters:
    ///   - status: `get_wch`'s result: `OK` for a character, `KEY_CODE_YES` for a function key.
    ///   - code: the character or key code it stored.
    /// - Returns: the key, or nil for timeouts and keys the explorer does not use.
    /// Turns a mouse event (`getmouse`'s button state and cell) into a key: the left button
    /// pressed at a cell, or one notch of the wheel; nil for anything else.
    public static func decodeMouse(buttons: mmask_t, x: Int32, y: Int32) -> Key? {
        if buttons & fnas_wheel_up() != 0 { return .wheel(up: true) }
        if buttons & fnas_wheel_down() != 0 { return .wheel(up: false) }
        if buttons & fnas_button1_pressed() != 0 { return .mouse(x: Int(x), y: Int(y)) }
        return nil
    }

    public static func decode(status: Int32, code: UInt32) -> Key? {
        if status == KEY_CODE_YES {
            switch Int32(code) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_ENTER: return .enter
            case KEY_RESIZE: return .resize
            case fnas_key_f(1): return .f1
            default: return nil
            }
        }
        guard status == OK else { return nil }
        switch code {
        case 3: return .interrupt          // Ctrl-C (raw mode delivers it as a key)
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0..<32: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }
}
