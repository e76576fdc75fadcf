/// A key press as the explorer understands it; the backend translates curses codes into these.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case home, end, pageUp, pageDown
    case enter, escape, tab, backTab, backspace, delete
    case f1
    /// The terminal changed size (the backend re-renders at the new size).
    case resize
    /// Ctrl-C: quit, like `q`.
    case interrupt
}
