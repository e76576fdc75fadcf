import ArgumentParser
import CursesBackend
import FNASCore
import FPGAModel
import Foundation
import SearchEngine

#if canImport(Glibc)
import Glibc
#endif

/// `fnas search`: runs the FNAS loop in the explorer, or headless with `--headless`.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search for an accurate architecture that meets a latency spec on an FPGA board.",
        discussion: """
        Opens the live explorer (like `fnas` alone); with --headless prints one line per episode \
        (architecture, latency, verdict, accuracy, reward) and a summary instead. The run directory \
        (--out, default a fresh runs/<space>-s<seed>[-N]) holds config.json, events.jsonl, \
        checkpoint.json, trials.csv and best.json; continue an interrupted run with --resume DIR.

        Headless, Ctrl-C stops after the current batch and checkpoints; a second Ctrl-C quits at \
        once (the run still resumes). Without a terminal, give --headless.

        Exit status: 0 finished or stopped cleanly; 1 bad input, no terminal for the explorer, or \
        a failed run; 64 bad usage.
        """)

    @Flag(help: "Run without the explorer, printing progress line by line.")
    var headless = false
    @OptionGroup(title: "Search") var options: SearchOptions
    @OptionGroup(title: "Explorer") var look: ExplorerFlags

    func run() throws {
        let reporter = CommandReporter("fnas search", flags: .search)
        try reporter.run {
            let runner = SearchRunner(reporter: reporter)
            if headless { return try runner.headless(options.prepare(source: "fnas search")) }
            let prepared = try options.prepare(source: "fnas search")
            try runner.requireTerminal(alternative: "add --headless to search without it")
            try runner.explorer(prepared, flags: look)
        }
    }
}
