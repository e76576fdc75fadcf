import ArgumentParser
import SearchEngine

/// `fnas` / `fnas explore`: a live search in the terminal explorer.
///
/// The default subcommand, so `fnas` alone (and `make run`) opens the explorer on the
/// embedded space with the defaults of ``SearchOptions``.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Run a search live in the terminal explorer (the default: `fnas` alone does this).",
        discussion: """
        With no flags: the embedded space (Fashion-MNIST subset) on a PYNQ-Z1, spec \
        \(SearchOptions.defaultSpec), 100 episodes of 1 epoch, seed 1, in a fresh run directory \
        runs/embedded-s1[-N]. `fnas --resume runs/NAME` continues a stopped or crashed run.

        Keys: ? help, q quit (stops the search after the current batch and checkpoints), j/k step \
        through children, Enter details, +/- and = change the spec, Space pause, x skip, s export.

        The explorer needs a terminal on stdin and stdout; otherwise fnas exits 1 with one line \
        (use `fnas search --headless` in scripts). Exit status: 0 quit or finished; 1 bad input, \
        no terminal, or a failed run; 64 bad usage.
        """)

    @OptionGroup(title: "Search") var options: SearchOptions
    @OptionGroup(title: "Explorer") var look: ExplorerFlags

    func run() throws {
        let reporter = CommandReporter("fnas", flags: .search)
        try reporter.run {
            let runner = SearchRunner(reporter: reporter)
            let prepared = try options.prepare(source: "fnas")
            try runner.requireTerminal(alternative: "use `fnas search --headless` for a search without it")
            try runner.explorer(prepared, flags: look)
        }
    }
}
