import FNASCore
import Foundation
import Synchronization

/// Something an experiment did, reported to the caller in order.
public enum ExperimentProgress: Sendable {
    /// A search starts (`resumedAt` is the next episode when it continues an interrupted run).
    case searchStarting(ExperimentSearch, index: Int, total: Int, resumedAt: Int?)
    /// An engine event of the running search (engine thread).
    case engine(ExperimentSearch, EngineEvent)
    /// A search is complete; `earlier` when it was already complete and was skipped.
    case searchFinished(ExperimentSearch, ExperimentRun, index: Int, total: Int, earlier: Bool)
    /// The experiment's files were rewritten (after every completed search).
    case tablesWritten(ExperimentTable)
}

/// What an experiment left behind.
public struct ExperimentResult: Sendable {
    /// Every complete search, in plan order.
    public var runs: [ExperimentRun]
    public var table: ExperimentTable
    /// True when a stop ended the experiment before every search was complete.
    public var stopped: Bool
}

/// Runs an ``ExperimentPlan``: each search in its own run directory inside the experiment
/// directory, one after another (so each is timed as it would run alone, sharing no trained
/// child or design-search cache with another search). Rerunning continues interrupted searches
/// with the engine's resume and skips finished ones; after each completed search `table.md`,
/// `table.csv` and `plot.svg` are rewritten.
///
/// Each search runs on the latency model and trainer that `services` makes for it, so the
/// runner itself never links the child trainer.
///
/// Thread safety: `stop()` may be called from any thread (e.g. a signal handler's queue).
public final class ExperimentRunner: Sendable {
    public let plan: ExperimentPlan
    public let directory: String
    /// Makes the latency model and trainer of each search that runs.
    public let services: any EngineServicesFactory
    private let state = Mutex(State())

    private struct State {
        var engine: SearchEngine?
        var stopped = false
    }

    /// File names in the experiment directory.
    public static let planFile = "experiment.json"
    public static let tableMarkdown = "table.md"
    public static let tableCSV = "table.csv"
    /// One line per search, written when the plan compares more than FNAS and NAS.
    public static let strategiesCSV = "strategies.csv"
    public static let plotSVG = "plot.svg"

    /// - Parameters:
    ///   - plan: the searches to run.
    ///   - directory: the experiment directory (created when new).
    ///   - services: asked for each search's latency model and trainer just before it starts.
    /// - Throws: ``InputError`` for a bad plan.
    public init(plan: ExperimentPlan, directory: String, services: any EngineServicesFactory) throws {
        try plan.validate()
        self.plan = plan
        self.directory = directory
        self.services = services
    }

    /// Reads `experiment.json` of an experiment directory.
    ///
    /// - Throws: ``InputError`` when the directory holds no readable plan.
    public static func loadPlan(_ directory: String) throws -> ExperimentPlan {
        let path = (directory as NSString).appendingPathComponent(planFile)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(source: directory, "is not an experiment directory (no readable \(planFile))")
        }
        do { return try RunFiles.decoder().decode(ExperimentPlan.self, from: data) } catch let e as DecodingError {
            throw DescriptionFiles.inputError(e, decoding: ExperimentPlan.self, from: data, with: RunFiles.decoder(), source: path)
        }
    }

    /// Stops the running search after its current batch (it stays resumable) and starts no other.
    public func stop() {
        let engine = state.withLock { s -> SearchEngine? in
            s.stopped = true
            return s.engine
        }
        engine?.send(.stop)
    }

    /// Runs every search that is not complete yet.
    ///
    /// - Throws: ``RunDirectoryConflict`` when the directory holds another experiment or a run
    ///   whose settings differ; ``InputError`` when `services` cannot make a search's services
    ///   (e.g. its data cannot be loaded); a search's error.
    public func run(progress: @escaping @Sendable (ExperimentProgress) -> Void = { _ in }) throws -> ExperimentResult {
        let searches = plan.searches
        try checkPlanFile()
        // Every existing run is checked, and the first search left to run gets its services
        // (which loads the data), before anything is written: data that cannot be loaded
        // refuses the experiment and leaves no experiment directory behind.
        let logs = try searches.map { try existingLog($0, $0.directory(in: directory)) }
        var firstServices: (index: Int, services: EngineServices)?
        if let i = searches.indices.first(where: { !Self.isComplete(searches[$0], logs[$0]) }) {
            firstServices = (i, try services.services(for: Self.configuration(searches[i], logs[i])))
        }
        try writePlanFile()
        var runs: [ExperimentRun] = []
        var stopped = false
        for (i, search) in searches.enumerated() {
            if state.withLock({ $0.stopped }) { stopped = true; break }
            let runDirectory = search.directory(in: directory)
            let log = try existingLog(search, runDirectory)
            if let log, Self.isComplete(search, log) {
                let run = Self.run(search, log)
                runs.append(run)
                progress(.searchFinished(search, run, index: i + 1, total: searches.count, earlier: true))
                continue
            }
            let configuration = Self.configuration(search, log)
            let services: EngineServices
            if let first = firstServices, first.index == i {
                services = first.services
                firstServices = nil
            } else {
                services = try self.services.services(for: configuration)
            }
            let engine = try SearchEngine(configuration: configuration, latency: services.latency, trainer: services.trainer,
                                          runDirectory: runDirectory, resuming: log)
            engine.subscribe { progress(.engine(search, $0)) }
            let registered = state.withLock { s -> Bool in
                if s.stopped { return false }
                s.engine = engine
                return true
            }
            guard registered else { stopped = true; break }
            progress(.searchStarting(search, index: i + 1, total: searches.count, resumedAt: log.map { $0.trials.count + 1 }))
            engine.start()
            let summary: SearchSummary
            do {
                summary = try engine.wait()
                state.withLock { $0.engine = nil }
            } catch {
                state.withLock { $0.engine = nil }
                throw error
            }
            if summary.stopped { stopped = true; break }
            let run = Self.run(search, try RunLog.load(runDirectory))
            runs.append(run)
            progress(.searchFinished(search, run, index: i + 1, total: searches.count, earlier: false))
            progress(.tablesWritten(try writeOutputs(runs)))
        }
        let table = try writeOutputs(runs)
        return ExperimentResult(runs: runs, table: table, stopped: stopped)
    }

    /// The experiment table of the complete searches found in an experiment directory, without
    /// running anything (e.g. to look at a stopped experiment).
    public func completedRuns() throws -> [ExperimentRun] {
        try plan.searches.compactMap { search in
            guard let log = try existingLog(search, search.directory(in: directory)),
                  Self.isComplete(search, log) else { return nil }
            return Self.run(search, log)
        }
    }

    /// Checks that the directory is new, or holds this experiment (its `experiment.json`, or
    /// only this plan's run directories and output files).
    private func checkPlanFile() throws {
        let path = (directory as NSString).appendingPathComponent(Self.planFile)
        if FileManager.default.fileExists(atPath: path) {
            let earlier = try Self.loadPlan(directory)
            let differences = plan.differences(from: earlier)
            if !differences.isEmpty {
                throw RunDirectoryConflict(directory: directory, reason: .holdsOtherExperiment(differences))
            }
        } else if let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            let outputs = [Self.tableMarkdown, Self.tableCSV, Self.strategiesCSV, Self.plotSVG]
            let known = Set(plan.searches.map(\.name) + outputs + (outputs + [Self.planFile]).map { $0 + ".tmp" })
            if let foreign = entries.first(where: { !$0.hasPrefix(".") && !known.contains($0) }) {
                throw RunDirectoryConflict(directory: directory, reason: .notAnExperiment(foreignEntry: foreign))
            }
        }
    }

    private func writePlanFile() throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(source: directory, "cannot create the experiment directory (\(error.localizedDescription))")
        }
        try AtomicFile.write(try RunFiles.encoder(pretty: true).encode(plan),
                             to: (directory as NSString).appendingPathComponent(Self.planFile))
    }

    /// The run already in `runDirectory`, checked against the search's settings; nil when none.
    private func existingLog(_ search: ExperimentSearch, _ runDirectory: String) throws -> RunLog? {
        guard FileManager.default.fileExists(atPath: RunFiles.path(runDirectory, RunFiles.events)) else { return nil }
        let log = try RunLog.load(runDirectory)
        var earlier = log.configuration
        earlier.runName = search.configuration.runName
        let diffs = ExperimentPlan.differences(earlier, search.configuration)
        if !diffs.isEmpty {
            throw RunDirectoryConflict(directory: runDirectory, reason: .runWithOtherSettings(diffs))
        }
        if log.trials.count > search.configuration.episodes {
            throw RunDirectoryConflict(directory: runDirectory,
                                       reason: .moreEpisodes(have: log.trials.count, wanted: search.configuration.episodes))
        }
        return log
    }

    /// Whether the search's run already has all its episodes.
    static func isComplete(_ search: ExperimentSearch, _ log: RunLog?) -> Bool {
        guard let log else { return false }
        return log.trials.count >= search.configuration.episodes
    }

    /// The configuration a search runs with: a resumed run's recorded one, with the plan's
    /// (possibly grown) episode count.
    static func configuration(_ search: ExperimentSearch, _ log: RunLog?) -> SearchConfiguration {
        var configuration = log?.configuration ?? search.configuration
        configuration.episodes = search.configuration.episodes
        return configuration
    }

    static func run(_ search: ExperimentSearch, _ log: RunLog) -> ExperimentRun {
        ExperimentRun(strategy: search.strategy, spec: search.spec, repeatIndex: search.repeatIndex,
                      trials: Array(log.trials.prefix(search.configuration.episodes)), wallSeconds: log.wallSeconds)
    }

    /// Rewrites table.md, table.csv, plot.svg (and strategies.csv) from the complete searches.
    @discardableResult
    func writeOutputs(_ runs: [ExperimentRun]) throws -> ExperimentTable {
        let table = ExperimentTable(runs: runs)
        var files: [(String, String)] = [
            (Self.tableMarkdown, ExperimentReport.markdown(plan: plan, table: table)),
            (Self.tableCSV, table.csv()),
            (Self.plotSVG, ExperimentPlot.svg(table, title: ExperimentReport.title(plan))),
        ]
        if !plan.isPaperComparison { files.append((Self.strategiesCSV, table.strategyCSV())) }
        for (name, text) in files {
            try AtomicFile.write(Data(text.utf8), to: (directory as NSString).appendingPathComponent(name), durable: false)
        }
        return table
    }
}
