import Foundation
import SearchEngine
import Synchronization

/// The one way fnas shows progress: on a terminal, a status line redrawn in place that whole
/// lines push up; elsewhere (a pipe, a log file) whole lines only. Used by `fnas search`,
/// `fnas experiment` and `fnas train`; thread-safe.
final class StatusLine: ConsoleOutput {
    /// Whether the status can be redrawn in place (standard output is a terminal).
    let showsStatus: Bool
    private let write: @Sendable (String) -> Void
    private let visible = Mutex(false)

    /// - Parameters:
    ///   - terminal: standard output is a terminal (default: asks isatty).
    ///   - write: where the text goes (default: standard output).
    init(terminal: Bool = isatty(STDOUT_FILENO) == 1,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }) {
        showsStatus = terminal
        self.write = write
    }

    /// Replaces the status; nothing without a terminal.
    func status(_ text: String) {
        guard showsStatus else { return }
        visible.withLock { shown in
            shown = true
            write("\r" + text + "\u{1B}[K")
        }
    }

    /// Writes a whole line, clearing the status first if it is showing.
    func line(_ text: String) {
        visible.withLock { shown in
            write((shown ? "\r\u{1B}[K" : "") + text + "\n")
            shown = false
        }
    }
}
