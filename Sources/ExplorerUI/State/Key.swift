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
    /// The left button pressed at a cell, as the terminal reports it; the backend turns it
    /// into ``clicked(_:)`` with what the last frame drew there.
    case mouse(x: Int, y: Int)
    /// A click on something the last frame drew (a pane, a child's row, an event).
    case clicked(ClickTarget)
    /// The mouse wheel: moves as three presses of up or down would.
    case wheel(up: Bool)
}

/// What a click at a cell means, registered by the renderer where it draws it.
public enum ClickTarget: Sendable, Hashable {
    case pane(ExplorerState.Pane)
    /// A child's row in pane 1 or the trials table.
    case trial(episode: Int)
    /// A row of the event log, 0 the newest.
    case event(index: Int)
}
