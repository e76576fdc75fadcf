import ArgumentParser
import CursesBackend
import ExplorerUI
import FNASCore
import Foundation
import SearchEngine

/// `fnas replay runs/NAME`: a finished, stopped or crashed run, read-only in the explorer.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open a run directory read-only in the explorer (or print its trials).",
        discussion: """
        Step through the run's children (j/k, Enter) and re-judge them under another spec (+/-, =): \
        the explorer marks the samples the new spec judges differently. Nothing in the run directory \
        changes; continue a stopped run with `fnas --resume DIR` instead. A run still being written \
        is shown as far as it has got.

        Exit status: 0 ok; 1 not a run directory, an unreadable run, or no terminal (use --print).
        """)

    @Argument(help: "The run directory, e.g. runs/embedded-s1.")
    var runDirectory: String
    @Flag(name: [.customLong("print"), .customLong("headless")],
          help: "Print the trial lines and the summary instead of opening the explorer.")
    var print = false
    @OptionGroup(title: "Explorer") var look: ExplorerFlags

    func run() throws {
        let reporter = CommandReporter("fnas replay")
        try reporter.run {
            let runner = SearchRunner(reporter: reporter)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: runDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError(source: runDirectory, "no such directory")
            }
            let log = try RunLog.load(runDirectory)
            for w in log.warnings { runner.note("warning: \(w)") }
            if print {
                for line in log.replayLines { Swift.print(line) }
                return
            }
            try runner.requireTerminal(alternative: "use --print to list the trials")
            try runExplorer(source: FixedExplorerSource(log.snapshot()), options: look.options(runDirectory: log.directory,
                                                                                          notices: log.warnings.map { "warning: \($0)" }))
        }
    }
}
