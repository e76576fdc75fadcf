import ArgumentParser
import CursesBackend
import ExplorerUI
import FNASCore
import Foundation
import SearchEngine
import SearchServices

#if canImport(Glibc)
import Glibc
#endif

/// Starts a prepared search and shows it: headless lines, or the live explorer.
///
/// Shared by `fnas` / `fnas explore` and `fnas search`; `reporter` prints its remarks.
struct SearchRunner {
    var reporter: CommandReporter

    /// Refuses (exit 1, one line) an explorer command that runs without a terminal it can draw
    /// on, before anything is written. Refusing, rather than silently switching to headless,
    /// keeps a script from running a long search it did not ask for; the line names the
    /// non-interactive alternative.
    func requireTerminal(alternative: String) throws {
        try TerminalCheck.verify(environment: ProcessInfo.processInfo.environment, alternative: alternative)
    }

    func headless(_ prepared: SearchOptions.Prepared) throws {
        let config = prepared.configuration, log = prepared.log, directory = prepared.directory
        for n in prepared.notes { note(n) }
        let services = try SearchServices(configuration: config)
        let engine = try SearchEngine(configuration: config, latency: services.latency, trainer: services.trainer,
                                      runDirectory: directory, resuming: log)
        let console = HeadlessConsole(episodes: config.episodes, committed: log?.trials.count ?? 0,
                                      extendAdvice: "extend it with --resume \(directory) --episodes N", output: StatusLine())
        engine.subscribe { console.handle($0) }
        console.line("\(reporter.command): \(config.space.name) (\(config.space.sizeDescription) architectures) on \(config.board.name), "
                     + "spec \(log?.currentSpec ?? config.spec), \(config.strategy.rawValue)/\(config.reward.form.rawValue), "
                     + "\(counted(config.episodes, "episode")) x \(counted(config.epochs, "epoch")), seed \(config.seed), "
                     + "data: \(services.datasetName) -> \(directory)")
        let signals = StopSignals(quitLine: "\(reporter.command): quit; the run directory is consistent, resume it with --resume \(directory)") { _ in
            console.line("stopping: finishing the current batch and checkpointing (Ctrl-C again quits at once)")
            engine.send(.stop)
        }
        engine.start()
        let summary = try engine.wait()
        signals.cancel()
        if summary.stopped { console.line("stopped; continue with: fnas search --headless --resume \(directory)") }
    }

    /// Runs the engine on its own thread and the explorer on this one until the user quits;
    /// then waits for the engine's checkpoint and prints the summary on the restored terminal.
    func explorer(_ prepared: SearchOptions.Prepared, flags: ExplorerFlags) throws {
        let config = prepared.configuration, directory = prepared.directory
        let services = try SearchServices(configuration: config)
        let engine = try SearchEngine(configuration: config, latency: services.latency, trainer: services.trainer,
                                      runDirectory: directory, resuming: prepared.log)
        engine.start()
        let source = ClosureExplorerSource(snapshot: { engine.snapshot }, send: { engine.send($0) })
        do {
            try runExplorer(source: source, options: flags.options(runDirectory: directory, notices: prepared.notes))
        } catch {
            // The terminal is already restored; stop the engine so the run stays resumable.
            engine.send(.stop)
            _ = try? engine.wait()
            throw error
        }
        // q sent stop and waited up to 5 s; a long batch may still be finishing.
        if engine.snapshot.state != .finished && engine.snapshot.state != .failed {
            note("waiting for the current batch to finish and the checkpoint to be written")
            engine.send(.stop)
        }
        let summary = try engine.wait()
        for line in prepared.notes + summary.lines { print(line) }
        print(summary.stopped ? "run \(directory) stopped; continue with: fnas --resume \(directory)"
                              : "run \(directory) finished; look at it again with: fnas replay \(directory)")
    }

    func note(_ text: String) { reporter.note(text) }
}

extension ExplorerFlags {
    func options(runDirectory: String?, notices: [String] = []) -> ExplorerOptions {
        ExplorerOptions(ascii: ascii, noColor: noColor, theme: theme, runDirectory: runDirectory, notices: notices,
                        mouse: !noMouse)
    }
}
