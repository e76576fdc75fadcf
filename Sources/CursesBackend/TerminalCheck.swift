import CNcursesw
import Foundation

/// What the explorer needs from the terminal, checked before a command writes anything: a
/// search must not create its run directory and then fail to draw.
public enum TerminalCheck {
    /// How a terminal type's terminfo entry serves the explorer.
    public enum Support: Equatable, Sendable {
        case usable
        /// No terminfo entry for the type (a typo, or a terminal this machine does not know).
        case unknown
        /// The entry cannot move the cursor (`TERM=dumb`, a printing terminal): a full-screen
        /// program would draw garbage.
        case noCursorAddressing
    }

    /// Throws ``TerminalError`` naming the problem when the explorer cannot run here: stdin or
    /// stdout redirected, `TERM` unset or empty, unknown, or without cursor addressing.
    /// `alternative` ends each message (what to run instead).
    public static func verify(environment: [String: String], alternative: String) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TerminalError("the explorer needs a terminal on stdin and stdout (they are redirected here); \(alternative)")
        }
        guard let type = environment["TERM"], !type.isEmpty else {
            throw TerminalError("TERM is not set, so the explorer cannot tell how to draw; set it (for example TERM=xterm-256color) or \(alternative)")
        }
        switch support(of: type) {
        case .usable: return
        case .unknown:
            throw TerminalError("TERM=\(type) has no terminfo entry on this machine; set a known type (for example TERM=xterm-256color) or \(alternative)")
        case .noCursorAddressing:
            throw TerminalError("TERM=\(type) cannot move the cursor, and the explorer draws a full screen; use a full-screen terminal or \(alternative)")
        }
    }

    /// Looks `type` up in terminfo through a screen on /dev/null (nothing reaches the terminal).
    public static func support(of type: String) -> Support {
        guard let out = fopen("/dev/null", "w") else { return .usable }
        defer { fclose(out) }
        guard let input = fopen("/dev/null", "r") else { return .usable }
        defer { fclose(input) }
        guard let screen = newterm(type, out, input) else { return .unknown }
        let previous = set_term(screen)
        let cup = tigetstr("cup")
        // tigetstr gives nil for an absent capability and (char *)-1 for a name that is not a string one.
        let addressable = cup != nil && Int(bitPattern: cup) != -1
        _ = endwin()
        if let previous { _ = set_term(previous) }
        delscreen(screen)
        return addressable ? .usable : .noCursorAddressing
    }
}
