import ExplorerUI
import Foundation
import Synchronization
import SearchEngine

/// How `runExplorer` looks and where it writes.
public struct ExplorerOptions: Sendable {
    /// Draw with ASCII only (`--ascii`); also chosen when the locale cannot do UTF-8.
    public var ascii: Bool
    /// No colours (`--no-color`); also chosen when `NO_COLOR` is set and non-empty.
    public var noColor: Bool
    /// A theme name (dark, light, mono, or a `*.theme` file's name) or a path (`--theme`).
    public var theme: String?
    /// Where `s` writes exports when the snapshot names no run directory.
    public var runDirectory: String?
    /// How long `q` waits for the engine to reach `finished` before restoring the terminal.
    public var stopTimeoutSeconds: Double
    /// The environment (NO_COLOR, XDG_CONFIG_HOME, HOME).
    public var environment: [String: String]
    /// Clicks and the wheel (`--no-mouse` turns them off).
    public var mouse: Bool
    /// Remarks the user must see when the explorer opens (flags `--resume` ignores, run-log
    /// warnings), shown on its status line.
    public var notices: [String]

    public init(ascii: Bool = false, noColor: Bool = false, theme: String? = nil, runDirectory: String? = nil,
                stopTimeoutSeconds: Double = 5, environment: [String: String] = ProcessInfo.processInfo.environment,
                notices: [String] = [], mouse: Bool = true) {
        self.ascii = ascii; self.noColor = noColor; self.theme = theme; self.runDirectory = runDirectory
        self.mouse = mouse
        self.stopTimeoutSeconds = stopTimeoutSeconds; self.environment = environment; self.notices = notices
    }

    /// True when colour is off by flag or by `NO_COLOR` (no-color.org: set and non-empty).
    public var colorDisabled: Bool { noColor || !(environment["NO_COLOR"] ?? "").isEmpty }
}

/// Runs the explorer on the terminal until the user quits.
///
/// Call from the thread that will own curses (usually the main thread); the engine runs on
/// its own threads and is only read through `source.snapshot()`, so it never blocks input.
/// The loop waits up to 50 ms for a key, applies it, renders the newest snapshot into a cell
/// buffer and copies the changed cells. `q` / Ctrl-C send `.stop` (unless the source is a
/// read-only replay), wait up to `stopTimeoutSeconds` for `finished`, then restore the
/// terminal; the terminal is restored on every exit path.
///
/// - Throws: ``TerminalError`` when there is no usable terminal.
public func runExplorer(source: any ExplorerSource, options: ExplorerOptions) throws {
    let folders = ThemeLibrary.searchFolders(executablePath: CommandLine.arguments.first ?? "fnas",
                                             currentDirectory: FileManager.default.currentDirectoryPath,
                                             environment: options.environment)
    var library = ThemeLibrary(folders: folders, source: FileThemeSource())
    let (themeIndex, themeWarning) = library.select(options.theme)
    var state = ExplorerState()
    state.themeIndex = themeIndex
    let opening = options.notices + [themeWarning ?? library.warnings.first].compactMap { $0 }
    state.status = opening.isEmpty ? nil : opening.joined(separator: "; ")
    var session = ExplorerSession(state: state, themes: library.themes,
                                  exportDirectory: options.runDirectory ?? FileManager.default.currentDirectoryPath,
                                  writeFile: writeFileAtomically)

    // SIGTERM and SIGHUP stop the search like `q` (checkpoint, then restore the terminal).
    // Set before curses starts: ncurses only installs its own handler (restore and exit 1)
    // where a signal still has its default disposition.
    let termination = TerminationRequest(signals: [SIGTERM, SIGHUP])
    defer { termination.cancel() }
    let terminal = try CursesTerminal(colorEnabled: !options.colorDisabled, mouse: options.mouse)
    defer { terminal.restore() }
    let glyphs: Glyphs = options.ascii || !terminal.unicode ? .ascii : .unicode
    var loop = ExplorerLoop(terminal: terminal, glyphs: glyphs)
    loop.run(source: source, session: &session, stopTimeout: options.stopTimeoutSeconds,
             terminationRequested: { termination.requested })
}

/// Turns termination signals into a request the UI loop polls, for the life of the explorer.
/// Owned by the UI thread; only the flag is shared with the signal queue. A second signal does
/// not wait for the loop: it exits at once with 128 + the signal (the exit-time hook restores
/// the terminal, and the run files are crash-consistent).
final class TerminationRequest {
    private final class Flag: Sendable {
        let raised = Mutex(false)
    }

    private let flag = Flag()
    private let sources: [any DispatchSourceSignal]
    private let signals: [Int32]

    init(signals: [Int32]) {
        self.signals = signals
        let queue = DispatchQueue(label: "fnas-explorer-signals")
        let flag = self.flag
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if flag.raised.withLock({ raised in defer { raised = true }; return raised }) { exit(128 + number) }
            }
            source.resume()
            return source
        }
    }

    var requested: Bool { flag.raised.withLock { $0 } }

    /// Stops listening and gives the signals back their default action.
    func cancel() {
        for s in sources { s.cancel() }
        for number in signals { signal(number, SIG_DFL) }
    }
}

/// The UI thread's loop, split out so it can run against a headless terminal in tests.
struct ExplorerLoop {
    let terminal: CursesTerminal
    let glyphs: Glyphs
    private var themeName: String?
    /// The last frame drawn: what a click at a cell means.
    private(set) var lastFrame: CellBuffer?

    init(terminal: CursesTerminal, glyphs: Glyphs) { self.terminal = terminal; self.glyphs = glyphs }

    /// Renders the newest snapshot and paints it; returns the cells written.
    @discardableResult
    mutating func frame(_ source: any ExplorerSource, _ session: ExplorerSession) -> Int {
        if session.theme?.name != themeName {
            themeName = session.theme?.name
            terminal.apply(theme: session.theme)
        }
        let (w, h) = terminal.size
        let buffer = ExplorerView.render(state: session.state, snapshot: source.snapshot(), width: w, height: h, glyphs: glyphs)
        lastFrame = buffer
        return terminal.paint(buffer)
    }

    /// Handles one key; returns true when the explorer should quit.
    mutating func handle(_ key: Key, _ source: any ExplorerSource, _ session: inout ExplorerSession) -> Bool {
        if key == .resize { terminal.invalidate() }
        var key = key
        if case .mouse(let x, let y) = key {
            // A click means what the frame on screen drew at that cell.
            guard let target = lastFrame?.target(x: x, y: y) else { return false }
            key = .clicked(target)
        }
        let outcome = session.press(key, snapshot: source.snapshot())
        for command in outcome.commands { source.send(command) }
        return outcome.quit
    }

    mutating func run(source: any ExplorerSource, session: inout ExplorerSession, stopTimeout: Double,
                      terminationRequested: () -> Bool = { false }) {
        frame(source, session)
        while !terminationRequested() {
            if let key = terminal.readKey(), handle(key, source, &session) { break }
            session.expireStatus(now: ProcessInfo.processInfo.systemUptime)
            frame(source, session)
        }
        stop(source, &session, timeout: stopTimeout)
    }

    /// Asks the engine to stop and keeps drawing until it has finished (or the timeout, or a
    /// second quit key).
    mutating func stop(_ source: any ExplorerSource, _ session: inout ExplorerSession, timeout: Double) {
        let snapshot = source.snapshot()
        guard !snapshot.readOnly, snapshot.state != .finished, snapshot.state != .failed else { return }
        source.send(.stop)
        session.state.status = "stopping: finishing the current batch (q again quits at once)"
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let state = source.snapshot().state
            if state == .finished || state == .failed { return }
            frame(source, session)
            if let key = terminal.readKey(), key == .interrupt || key == .character("q") { return }
        }
    }
}

/// Writes `contents` to `path`, creating the folder; used by `s` (export).
@Sendable func writeFileAtomically(path: String, contents: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try contents.write(to: url, atomically: true, encoding: .utf8)
}
