import ArgumentParser
import FNASCore
import FPGAModel
import Foundation
import SearchEngine
import SearchServices
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `fnas experiment`: the paper's comparison, FNAS against accuracy-only NAS for several specs.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Reproduce the paper's experiment: FNAS vs accuracy-only NAS per latency spec.",
        discussion: """
        For every spec (and repeat k, seed S+k) runs an FNAS search and an accuracy-only NAS search \
        (or each of --strategies, e.g. fnas,evolution,nas, adding a by-strategy table and strategies.csv) \
        with the same seed, episodes and child training, one after another, headless. Each search is \
        a normal run directory in --out (e.g. runs/NAME/2ms-fnas-r0); rerunning the same command (or \
        --resume DIR) continues interrupted searches and skips finished ones. Prints one line per \
        finished search, then the table (also table.md and table.csv in --out), a chart of search time \
        and best accuracy, and writes plot.svg.

        Ctrl-C stops the running search after its current batch; rerun to continue.

        Exit status: 0 finished or stopped cleanly; 1 bad input or a failed search; 64 bad usage.
        """)

    @Option(parsing: .unconditional, help: "Comma-separated latency specs, e.g. 0.1ms,0.3ms,1ms.")
    var specs: String?
    @Option(help: "Episodes per search. Default: 30.")
    var episodes: Int?
    @Option(help: "Repeats per spec (mean and spread in the table); repeat k uses seed+k. Default: 1.")
    var repeats: Int?
    @Option(help: "Comma-separated strategies to compare, run in this order: fnas, nas, evolution, random. Default: fnas,nas (the paper's comparison).")
    var strategies: String?
    @Option(help: "Experiment directory. Default: runs/experiment-<space>-s<seed>.")
    var out: String?
    @Option(help: "Continue the experiment in this directory with its experiment.json (only --episodes may change, to extend it).")
    var resume: String?
    @Flag(help: "Print every episode of every search.")
    var verbose = false
    @OptionGroup(title: "Search") var settings: SearchSettingsOptions

    private var reporter: CommandReporter { CommandReporter("fnas experiment", flags: .experiment) }

    func run() throws {
        try reporter.run { try experiment() }
    }

    func experiment() throws {
        let plan: ExperimentPlan
        let directory: String
        if let resume {
            var earlier = try ExperimentRunner.loadPlan(resume)
            let ignored = settingFlags.filter(\.set).map(\.flag)
            if !ignored.isEmpty {
                note("--resume continues with the experiment's experiment.json; ignoring \(ignored.joined(separator: ", "))")
            }
            earlier.base = try SearchConfiguration.ResumeOverrides(episodes: episodes).applied(to: earlier.base)
            plan = earlier
            directory = resume
        } else {
            plan = try makePlan()
            directory = out ?? "runs/experiment-\(plan.base.space.name)-s\(plan.base.seed)"
        }
        let runner = try ExperimentRunner(plan: plan, directory: directory,
                                          services: SharedDatasetServices())
        let searches = plan.searches.count
        write("fnas experiment: \(ExperimentReport.settings(plan))")
        let compared = plan.isPaperComparison ? "FNAS and NAS" : plan.strategies.map(\.rawValue).joined(separator: ", ")
        write("\(searches) searches (\(plan.specs.count) spec\(plan.specs.count == 1 ? "" : "s") x \(plan.repeats) repeat\(plan.repeats == 1 ? "" : "s") x \(compared)) -> \(directory)")
        let output = StatusLine()
        let terminal = output.showsStatus
        let verbose = self.verbose
        let consoles = ExperimentConsoleSlot()
        let signals = StopSignals(quitLine: "fnas experiment: quit; rerun the command to continue") { _ in
            output.line("stopping: finishing the current batch (Ctrl-C again quits at once)")
            runner.stop()
        }
        let result = try runner.run { event in
            switch event {
            case let .searchStarting(search, index, total, resumedAt):
                if verbose {
                    let console = HeadlessConsole(episodes: search.configuration.episodes, committed: (resumedAt ?? 1) - 1,
                                                  extendAdvice: "extend it with --resume \(directory) --episodes N", output: output)
                    consoles.set(console)
                    console.line("[\(index)/\(total)] \(search.name)\(resumedAt.map { " (resuming at episode \($0))" } ?? "")")
                }
            case let .engine(search, engineEvent):
                if verbose {
                    if case .finished = engineEvent { return }   // the search line below says it
                    consoles.get()?.handle(engineEvent)
                } else {
                    // Without --verbose a terminal still sees which search runs and how far it is.
                    switch engineEvent {
                    case .trained(let t), .pruned(let t), .skipped(let t):
                        output.status("\(search.name): episode \(t.episode)/\(search.configuration.episodes)")
                    default: break
                    }
                }
            case let .searchFinished(_, run, index, total, earlier):
                output.line(ExperimentReport.searchLine(run, index: index, total: total, earlier: earlier))
            case .tablesWritten:
                break
            }
        }
        signals.cancel()
        write("")
        write(ExperimentReport.markdown(plan: plan, table: result.table), newline: false)
        if !result.table.strategyRows.isEmpty {
            write("")
            write(ExperimentPlot.text(result.table, width: 40, unicode: terminal || ProcessInfo.processInfo.environment["LANG"]?.contains("UTF-8") == true), newline: false)
        }
        let dir = directory
        write("wrote \(dir)/table.md, \(dir)/table.csv, " + (plan.isPaperComparison ? "" : "\(dir)/strategies.csv, ") + "\(dir)/plot.svg")
        if result.stopped {
            write("stopped; continue with: fnas experiment --resume \(dir)")
        }
    }

    func write(_ text: String, newline: Bool = true) {
        FileHandle.standardOutput.write(Data((newline ? text + "\n" : text).utf8))
    }

    /// Flags that --resume ignores (the experiment's own settings win).
    var settingFlags: [(flag: String, set: Bool)] {
        settings.givenFlags + [("--specs", specs != nil), ("--repeats", repeats != nil), ("--strategies", strategies != nil),
                               ("--out", out != nil)]
    }

    func makePlan() throws -> ExperimentPlan {
        guard let specs else {
            throw InputError(source: "--specs", "is required: a comma-separated list of latency specs such as 0.1ms,0.3ms,1ms")
        }
        let specList = try ExperimentPlan.parseSpecs(specs)
        let repeatCount = repeats ?? 1
        guard repeatCount >= 1 else { throw InputError(source: "--repeats", "must be at least 1 (got \(repeatCount))") }
        let base = try settings.configuration(
            space: settings.searchSpace(), spec: specList[0], strategy: .fnas, episodes: episodes ?? 30,
            runName: "experiment", source: "fnas experiment")
        let strategyList = try strategies.map { try ExperimentPlan.parseStrategies($0) } ?? ExperimentPlan.paperStrategies
        let plan = ExperimentPlan(base: base, specs: specList, repeats: repeatCount, strategies: strategyList)
        do { try plan.validate(source: "fnas experiment") } catch let e as InputError { throw e.asSetting() }
        return plan
    }

    func note(_ text: String) { reporter.note(text) }
}

/// The headless console of the search that is running (set on the main thread, read on the engine's).
final class ExperimentConsoleSlot: Sendable {
    private let slot = Mutex<HeadlessConsole?>(nil)
    func set(_ console: HeadlessConsole?) { slot.withLock { $0 = console } }
    func get() -> HeadlessConsole? { slot.withLock { $0 } }
}
