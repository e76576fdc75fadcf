import FNASCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import SearchEngine
import Testing
@testable import CursesBackend
@testable import ExplorerUI

/// Curses state is global: these tests run one at a time on /dev/null terminals.
@Suite(.serialized) struct HeadlessCursesTests {
    /// TERM=dumb has no cursor addressing, a typo has no terminfo entry: both are refused
    /// before anything is written (`fnas` checks this before creating a run directory).
    @Test func terminalTypesTheExplorerCannotDrawOnAreNamed() {
        #expect(TerminalCheck.support(of: "xterm-256color") == .usable)
        #expect(TerminalCheck.support(of: "dumb") == .noCursorAddressing)
        #expect(TerminalCheck.support(of: "no-such-terminal-type") == .unknown)
    }

    /// Runs `body` with LC_ALL set to `locale` (curses reads the locale when a terminal starts).
    func withLocale<T>(_ locale: String, _ body: () throws -> T) rethrows -> T {
        let saved = getenv("LC_ALL").map { String(cString: $0) }
        defer {
            if let saved { setenv("LC_ALL", saved, 1) } else { unsetenv("LC_ALL") }
            setlocale(LC_ALL, "")
        }
        setenv("LC_ALL", locale, 1)
        return try body()
    }

    /// The user's locale decides the glyphs: LANG=C is not taken as UTF-8.
    @Test func aLocaleWithoutUTF8MeansASCII() throws {
        for (locale, unicode) in [("C", false), ("C.UTF-8", true)] {
            let terminal = try withLocale(locale) { try CursesTerminal(headless: "xterm-256color") }
            #expect(terminal.unicode == unicode, "LC_ALL=\(locale)")
            terminal.restore()
        }
    }

    @Test func paintedBufferReadsBackCellByCell() throws {
        // UTF-8, so the wide-character path (box drawing, braille) is the one painted.
        let terminal = try withLocale("C.UTF-8") { try CursesTerminal(headless: "xterm-256color") }
        defer { terminal.restore() }
        terminal.resize(width: 100, height: 30)
        #expect(terminal.size.width == 100 && terminal.size.height == 30)
        terminal.apply(theme: ThemeLibrary().themes.first)
        let glyphs: Glyphs = terminal.unicode ? .unicode : .ascii
        let buffer = ExplorerView.render(state: ExplorerState(), snapshot: BackendFixtures.snapshot(), width: 100, height: 30,
                                         glyphs: glyphs)
        #expect(terminal.paint(buffer) == 100 * 30)
        for y in 0..<30 {
            let row = String((0..<100).map { terminal.character(x: $0, y: y) ?? "?" })
            var expected = String((0..<100).map { buffer[$0, y].character })
            while expected.last == " " { expected.removeLast() }
            var got = row
            while got.last == " " { got.removeLast() }
            #expect(got == expected, "row \(y)")
        }
        // The focused pane's border is bold; a selected row is drawn with its own colour pair.
        let corner = try #require(terminal.style(x: 0, y: 2))
        #expect(corner.attr & fnasBold != 0)
    }

    @Test func unchangedFramesWriteNothingAndChangesWriteOnlyTheDifference() throws {
        let terminal = try CursesTerminal(headless: "xterm-256color")
        defer { terminal.restore() }
        terminal.resize(width: 80, height: 24)
        var buffer = CellBuffer(width: 80, height: 24)
        buffer.write("hello", x: 2, y: 3)
        #expect(terminal.paint(buffer) == 80 * 24)
        #expect(terminal.paint(buffer) == 0)
        buffer.write("help!", x: 2, y: 3)
        #expect(terminal.paint(buffer) == 2)   // "hello" -> "help!": only l->p and o->! change
        #expect(terminal.character(x: 5, y: 3) == "p")
        #expect(terminal.character(x: 6, y: 3) == "!")
        terminal.invalidate()
        #expect(terminal.paint(buffer) == 80 * 24)
    }

    @Test func restoreIsIdempotent() throws {
        let terminal = try CursesTerminal(headless: "xterm-256color")
        #expect(terminal.isActive)
        terminal.restore()
        #expect(!terminal.isActive, "restore leaves curses mode")
        terminal.restore()
        #expect(!terminal.isActive, "a second restore is a no-op, not a second endwin on a freed screen")
        // Curses can start again on a fresh terminal after both restores.
        let again = try CursesTerminal(headless: "xterm-256color")
        defer { again.restore() }
        var buffer = CellBuffer(width: 10, height: 2)
        buffer.write("ok", x: 0, y: 0)
        again.resize(width: 10, height: 2)
        #expect(again.paint(buffer) == 20)
        #expect(again.character(x: 1, y: 0) == "k")
    }

    @Test func noColorUsesAttributesOnly() throws {
        let terminal = try CursesTerminal(headless: "xterm-256color", colorEnabled: false)
        defer { terminal.restore() }
        #expect(terminal.colors == 0)
        terminal.resize(width: 70, height: 22)
        terminal.apply(theme: ThemeLibrary().themes.first)
        var buffer = CellBuffer(width: 70, height: 22)
        buffer.write("sel", x: 0, y: 0, role: .selected)
        buffer.write("ok", x: 0, y: 1, role: .ok)
        terminal.paint(buffer)
        let selected = try #require(terminal.style(x: 0, y: 0))
        #expect(selected.pair == 0)
        #expect(selected.attr & fnasReverse != 0)
        #expect(terminal.style(x: 0, y: 1)?.pair == 0)
    }

    @Test func eightColourTerminalGetsHueMappedPairs() throws {
        let terminal = try CursesTerminal(headless: "xterm")
        defer { terminal.restore() }
        #expect(terminal.colors == 8)
        terminal.apply(theme: ThemeLibrary().themes.first)   // dark
        var buffer = CellBuffer(width: 60, height: 20)
        buffer.write("✓", x: 0, y: 0, role: .ok)
        buffer.write("✗", x: 1, y: 0, role: .bad)
        terminal.resize(width: 60, height: 20)
        terminal.paint(buffer)
        func foreground(_ x: Int) -> Int16? {
            guard let pair = terminal.style(x: x, y: 0)?.pair, pair > 0 else { return nil }
            var fg: Int16 = 0, bg: Int16 = 0
            _ = pair_content(pair, &fg, &bg)
            return fg
        }
        #expect(foreground(0) == 2)   // ok_fg #A3BE8C -> green
        #expect(foreground(1) == 1)   // bad_fg #E06C75 -> red
    }

    @Test func loopSendsCommandsAndQuitStopsTheEngine() throws {
        let terminal = try CursesTerminal(headless: "xterm-256color", inputTimeoutMs: 0)
        defer { terminal.restore() }
        terminal.resize(width: 100, height: 30)
        let source = RecordingSource(BackendFixtures.snapshot())
        var session = ExplorerSession(themes: ThemeLibrary().themes, exportDirectory: "/tmp", writeFile: { _, _ in })
        var loop = ExplorerLoop(terminal: terminal, glyphs: .ascii)
        #expect(loop.frame(source, session) == 100 * 30)
        #expect(!loop.handle(.character(" "), source, &session))
        #expect(!loop.handle(.character("-"), source, &session))
        #expect(loop.handle(.interrupt, source, &session))
        loop.stop(source, &session, timeout: 1)
        let sent = source.commands.withLock { $0 }
        #expect(sent == [.pause, .setSpec(LatencySpec(microseconds: 952)!), .stop])
        #expect(source.snapshot().state == .finished)
        // The frame after a spec change shows the new spec in the header.
        loop.frame(source, session)
        let header = String((0..<100).map { terminal.character(x: $0, y: 0) ?? " " })
        #expect(header.contains("spec 0.952ms (engine 1ms)"))
    }

    /// A press resolves against the frame on screen: on pane 4 it focuses pane 4, off any
    /// region it does nothing.
    @Test func aPressMeansWhatTheFrameDrewThere() throws {
        let terminal = try CursesTerminal(headless: "xterm-256color", inputTimeoutMs: 0, mouse: true)
        defer { terminal.restore() }
        terminal.resize(width: 100, height: 30)
        let source = RecordingSource(BackendFixtures.snapshot())
        var session = ExplorerSession(themes: ThemeLibrary().themes, exportDirectory: "/tmp", writeFile: { _, _ in })
        var loop = ExplorerLoop(terminal: terminal, glyphs: .ascii)
        loop.frame(source, session)
        let frame = try #require(loop.lastFrame)
        let cell = try #require((0..<30).lazy.flatMap { y in (0..<100).lazy.map { (x: $0, y: y) } }
            .first { frame.target(x: $0.x, y: $0.y) == .pane(.accuracy) })
        #expect(!loop.handle(.mouse(x: cell.x, y: cell.y), source, &session))
        #expect(session.state.focus == .accuracy)
        #expect(!loop.handle(.mouse(x: 0, y: 0), source, &session))
        #expect(session.state.focus == .accuracy && source.commands.withLock { $0 }.isEmpty)
    }
}

import CNcursesw
let fnasBold = fnas_a_bold()
let fnasReverse = fnas_a_reverse()

@Suite struct RunExplorerErrorTests {
    @Test func withoutATerminalRunExplorerThrowsAClearError() throws {
        #if canImport(Glibc)
        // Under a developer's interactive terminal this would open the real UI; CI pipes output.
        guard isatty(0) == 0 || isatty(1) == 0 else { return }
        #endif
        let source = RecordingSource(BackendFixtures.snapshot())
        #expect(throws: TerminalError.self) {
            try runExplorer(source: source, options: ExplorerOptions(environment: [:]))
        }
        #expect(source.commands.withLock { $0 }.isEmpty)
    }

    @Test func noColorEnvironmentVariableMustBeNonEmpty() {
        #expect(ExplorerOptions(environment: ["NO_COLOR": "1"]).colorDisabled)
        #expect(!ExplorerOptions(environment: ["NO_COLOR": ""]).colorDisabled)
        #expect(!ExplorerOptions(environment: [:]).colorDisabled)
        #expect(ExplorerOptions(noColor: true, environment: [:]).colorDisabled)
    }
}
