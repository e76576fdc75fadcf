import ArgumentParser
import FNASCore
import FPGAModel
import Foundation
import SearchEngine

extension SearchStrategy: ExpressibleByArgument {}
extension RewardForm: ExpressibleByArgument {}

/// The flags that shape every child search: board, space, controller, latency model and child
/// training. Shared by `fnas`, `fnas explore`, `fnas search` and `fnas experiment`.
struct SearchSettingsOptions: ParsableArguments {
    @Option(help: "Board name (see `fnas boards`). Default: pynq-z1.")
    var board: String?
    @Option(name: .customLong("board-file"), help: "Board JSON file adding boards to the built-in ones.")
    var boardFile: String?
    @Option(help: "Search space: a preset (see `fnas spaces`) or a JSON file. Default: embedded.")
    var space: String?
    @Option(help: "Training epochs per child. Default: 1.")
    var epochs: Int?
    @Option(help: "The one seed every random choice derives from. Default: 1.")
    var seed: UInt64?
    @Option(help: "Reward: fnas (authors' code), paper (unscaled, unclipped), soft (MnasNet A*(L/r)^-0.07).")
    var reward: RewardForm?

    @Option(help: "Probability of a uniformly random child instead of the controller's sample. Default: 0.1.")
    var exploration: Double?
    @Option(help: "Softmax temperature of the controller's sampling. Default: 1.")
    var temperature: Double?
    @Option(name: .customLong("controller-lr"), help: "Controller RMSProp learning rate. Default: 0.002 (the authors' 0.1 collapses the search onto one child).")
    var controllerLR: Double?
    @Flag(help: "Decode the controller by argmax (the authors' code) instead of sampling.")
    var greedy = false
    @Flag(name: .customLong("no-reuse"), help: "Train duplicate children again instead of reusing their result.")
    var noReuse = false
    @Option(help: "Evolution: children living in the population (aging removes the oldest). Default: 20.")
    var population: Int?
    @Option(help: "Evolution: members drawn for each tournament; the fittest is the parent. Default: 5.")
    var tournament: Int?

    @Option(help: "Accelerator template: pipelined, sequential or shared. Default: pipelined.")
    var template: AcceleratorTemplate?
    @Option(help: "Design-space exploration: paper or full. Default: full.")
    var dse: DesignSpaceExploration?
    @Option(help: "Training data: embedded, fashion-mnist, or a directory of IDX files / CIFAR-10 batches. Default: the space's.")
    var dataset: String?
    @Option(name: .customLong("batch"), help: "Training batch size. Default: 64 (more steps in the one epoch a CPU search affords).")
    var batchSize: Int?
    @Option(help: "Child learning rate (Adam). Default: 0.01 for the embedded space (tuned for one epoch), else 0.001.")
    var lr: Double?
    @Option(name: .customLong("train-limit"), help: "Train each child on at most this many images per epoch.")
    var trainLimit: Int?
    @Option(help: "Threads per child's training (0: all cores). Default: 0.")
    var threads: Int?

    /// The flags a run's own configuration overrides on `--resume`, and whether each was given.
    var givenFlags: [(flag: String, set: Bool)] {
        [("--board", board != nil), ("--board-file", boardFile != nil), ("--space", space != nil), ("--epochs", epochs != nil),
         ("--seed", seed != nil), ("--reward", reward != nil), ("--exploration", exploration != nil),
         ("--temperature", temperature != nil), ("--controller-lr", controllerLR != nil), ("--greedy", greedy),
         ("--no-reuse", noReuse), ("--population", population != nil), ("--tournament", tournament != nil),
         ("--template", template != nil), ("--dse", dse != nil), ("--dataset", dataset != nil),
         ("--batch", batchSize != nil), ("--lr", lr != nil), ("--train-limit", trainLimit != nil), ("--threads", threads != nil)]
    }

    /// The search space the flags name (`embedded` by default).
    func searchSpace() throws -> SearchSpace {
        try SearchSpace.named(space ?? "embedded")
    }

    /// A validated configuration from these flags and the command's own choices.
    ///
    /// - Throws: ``InputError`` naming the bad flag or file.
    func configuration(space searchSpace: SearchSpace, spec: LatencySpec, strategy: SearchStrategy, episodes: Int,
                       runName: String, source: String) throws -> SearchConfiguration {
        let chosenBoard = try catalog().board(named: board ?? "pynq-z1")
        var controller = ControllerSettings()
        if let exploration { controller.exploration = exploration }
        if let temperature { controller.temperature = temperature }
        if let controllerLR { controller.learningRate = controllerLR }
        controller.greedy = greedy
        var latency = LatencySettings()
        if let template { latency.template = template }
        if let dse { latency.dse = dse }
        var training = TrainingSettings.defaults(for: searchSpace, dataset: dataset)
        if let batchSize { training.batchSize = batchSize }
        if let lr { training.learningRate = lr }
        training.trainLimit = trainLimit
        if let threads { training.threads = threads }
        var config = SearchConfiguration(
            runName: runName, board: chosenBoard, spec: spec, space: searchSpace, strategy: strategy,
            reward: RewardSettings(form: reward ?? .fnas), controller: controller, episodes: episodes,
            epochs: epochs ?? 1, seed: seed ?? 1, reuseDuplicates: !noReuse, latency: latency, training: training)
        if population != nil || tournament != nil {
            let defaults = AgingEvolution()
            config.evolution = AgingEvolution(population: population ?? defaults.population,
                                              sampleSize: tournament ?? min(defaults.sampleSize, population ?? defaults.population))
        }
        // Built from flags, so a bad field is the setting of one flag (see FlagNames).
        do { try config.validate(source: source) } catch let e as InputError { throw e.asSetting() }
        return config
    }

    func catalog() throws -> BoardCatalog {
        var catalog = BoardCatalog()
        if let boardFile { for b in try DescriptionFiles.readBoards(path: boardFile) { catalog.add(b) } }
        return catalog
    }
}

/// The flags of one search: the shared settings plus spec, length, strategy and run directory.
/// Used by `fnas` (the explorer), `fnas explore` and `fnas search`.
struct SearchOptions: ParsableArguments {
    /// The spec `fnas` starts with when `--spec` is not given.
    ///
    /// Chosen at the median latency of the embedded space on the PYNQ-Z1, measured with the real
    /// LatencyModel (pipelined template, full DSE) on 1,000 uniformly sampled architectures:
    /// `fnas search --headless --strategy random --spec 0.001ms --episodes 1000 --seed 1` (the tiny
    /// spec prunes every child, so nothing trains) gave min 0.024 ms, 25th percentile 0.135 ms,
    /// median 0.252 ms, 75th percentile 0.451 ms, max 2.07 ms (trials.csv, latency_ms). 0.25ms keeps
    /// 49.5 % of uniform samples (0.5ms would keep 83 %), so the pruning is visible from the first
    /// episodes; the pruned children are the big ones, which also saves most of the training time.
    static let defaultSpec = "0.25ms"

    @Option(help: "Latency spec, e.g. 5ms or 800us. Default: \(SearchOptions.defaultSpec) (about the median of the embedded space on a PYNQ-Z1).")
    var spec: String?
    @Option(help: "Episodes (sampled children) to run. Default: 100; with --resume, extends the run.")
    var episodes: Int?
    @Option(help: "Run directory. Default: a fresh runs/<space>-s<seed>[-N] (an existing run is never overwritten).")
    var out: String?
    @Option(help: "fnas (prune over the spec), nas (accuracy only), random (random search, pruned), evolution (aging evolution, pruned).")
    var strategy: SearchStrategy?
    @Option(help: "Continue the run in this directory (its config.json wins over other flags).")
    var resume: String?
    @OptionGroup var settings: SearchSettingsOptions

    /// A search ready to start: its configuration, the run it continues (if any) and its directory.
    struct Prepared {
        var configuration: SearchConfiguration
        var log: RunLog?
        var directory: String
        /// Remarks for the user (ignored flags, warnings from the run log).
        var notes: [String]
    }

    /// Reads `--resume` or builds a new configuration from the flags, and picks the run directory.
    ///
    /// - Throws: ``InputError`` naming the bad flag or file.
    func prepare(source: String) throws -> Prepared {
        var notes: [String] = []
        if let resume {
            let log = try RunLog.load(resume)
            let config = try SearchConfiguration.ResumeOverrides(episodes: episodes).applied(to: log.configuration)
            let given = settings.givenFlags + [("--spec", spec != nil), ("--strategy", strategy != nil), ("--out", out != nil)]
            let ignored = given.filter(\.set).map(\.flag)
            if !ignored.isEmpty {
                notes.append("--resume continues with the run's config.json; ignoring \(ignored.joined(separator: ", "))")
            }
            notes += log.warnings.map { "warning: \($0)" }
            return Prepared(configuration: config, log: log, directory: log.directory, notes: notes)
        }
        let searchSpace = try settings.searchSpace()
        let directory = out ?? Self.freshDirectory(base: "runs/\(searchSpace.name)-s\(settings.seed ?? 1)")
        let config = try settings.configuration(
            space: searchSpace, spec: LatencySpec(parsing: spec ?? Self.defaultSpec), strategy: strategy ?? .fnas,
            episodes: episodes ?? 100, runName: (directory as NSString).lastPathComponent, source: source)
        return Prepared(configuration: config, log: nil, directory: directory, notes: notes)
    }

    /// `base` if nothing is there yet, else the first free `base-2`, `base-3`, ...
    static func freshDirectory(base: String, exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String {
        if !exists(base) { return base }
        var n = 2
        while exists("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }
}

/// The explorer's look: shared by `fnas`, `fnas search` and `fnas replay`.
struct ExplorerFlags: ParsableArguments {
    @Flag(help: "Draw with ASCII only (also chosen when the locale cannot do UTF-8).")
    var ascii = false
    @Flag(name: .customLong("no-color"), help: "No colours (also when NO_COLOR is set and non-empty).")
    var noColor = false
    @Option(help: "Colour theme: dark, light, mono, or a .theme file.")
    var theme: String?
    @Flag(name: .customLong("no-mouse"), help: "No clicks or wheel in the explorer (the terminal's own text selection works).")
    var noMouse = false
}
