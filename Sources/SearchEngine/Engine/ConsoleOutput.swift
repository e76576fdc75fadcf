/// Where a ``HeadlessConsole`` sends its text: whole lines, and a progress status that a
/// front end may redraw in place. The engine knows nothing of terminals; the front end decides
/// how a status looks (fnas redraws one line on a terminal and shows none in a pipe).
public protocol ConsoleOutput: Sendable {
    /// False where nothing can be redrawn in place (a pipe, a file): no status is sent.
    var showsStatus: Bool { get }
    /// Replaces the status being shown (a progress bar and what is happening).
    func status(_ text: String)
    /// One whole line, without its newline; a status being shown is cleared first.
    func line(_ text: String)
}
