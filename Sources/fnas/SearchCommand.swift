import ArgumentParser
import FNASCore
import FPGAModel
import Foundation
import SearchEngine
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

extension SearchStrategy: ExpressibleByArgument {}
extension RewardForm: ExpressibleByArgument {}

/// `fnas search`: runs the FNAS loop headless, writing a resumable run directory.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search for an accurate architecture that meets a latency spec on an FPGA board.",
        discussion: """
        Prints one line per episode (architecture, latency, verdict, accuracy, reward) and a summary. \
        The run directory (--out, default runs/<space>-s<seed>) holds config.json, events.jsonl, \
        checkpoint.json, trials.csv and best.json; continue an interrupted run with --resume DIR.

        Ctrl-C stops after the current batch and checkpoints; a second Ctrl-C quits at once (the run \
        still resumes).

        Exit status: 0 finished or stopped cleanly; 1 bad input or a failed run; 64 bad usage.
        """)

    @Flag(help: "Run without the explorer, printing progress to the terminal.")
    var headless = false
    @Option(help: "Board name (see `fnas boards`). Default: pynq-z1.")
    var board: String?
    @Option(name: .customLong("board-file"), help: "Board JSON file adding boards to the built-in ones.")
    var boardFile: String?
    @Option(help: "Latency spec, e.g. 5ms or 800us. Default: 0.5ms.")
    var spec: String?
    @Option(help: "Search space: a preset (see `fnas spaces`) or a JSON file. Default: embedded.")
    var space: String?
    @Option(help: "Episodes (sampled children) to run. Default: 30; with --resume, extends the run.")
    var episodes: Int?
    @Option(help: "Training epochs per child. Default: 1.")
    var epochs: Int?
    @Option(help: "The one seed every random choice derives from. Default: 1.")
    var seed: UInt64?
    @Option(help: "Run directory. Default: runs/<space>-s<seed>.")
    var out: String?
    @Option(help: "fnas (prune over the spec), nas (accuracy only), random (random search, pruned).")
    var strategy: SearchStrategy?
    @Option(help: "Reward: fnas (authors' code), paper (unscaled, unclipped), soft (MnasNet A*(L/r)^-0.07).")
    var reward: RewardForm?
    @Option(help: "Continue the run in this directory (its config.json wins over other flags).")
    var resume: String?

    @Option(help: "Probability of a uniformly random child instead of the controller's sample. Default: 0.1.")
    var exploration: Double?
    @Option(help: "Softmax temperature of the controller's sampling. Default: 1.")
    var temperature: Double?
    @Option(name: .customLong("controller-lr"), help: "Controller RMSProp learning rate. Default: 0.1.")
    var controllerLR: Double?
    @Flag(help: "Decode the controller by argmax (the authors' code) instead of sampling.")
    var greedy = false
    @Flag(name: .customLong("no-reuse"), help: "Train duplicate children again instead of reusing their result.")
    var noReuse = false

    @Option(help: "Accelerator template: pipelined, sequential or shared. Default: pipelined.")
    var template: AcceleratorTemplate?
    @Option(help: "Design-space exploration: paper or full. Default: full.")
    var dse: DesignSpaceExploration?
    @Option(help: "Training data: embedded, fashion-mnist, or a directory of IDX files / CIFAR-10 batches. Default: the space's.")
    var dataset: String?
    @Option(name: .customLong("batch"), help: "Training batch size. Default: 64 (more steps in the one epoch a CPU search affords).")
    var batchSize: Int?
    @Option(help: "Child learning rate (Adam). Default: 0.001.")
    var lr: Double?
    @Option(name: .customLong("train-limit"), help: "Train each child on at most this many images per epoch.")
    var trainLimit: Int?
    @Option(help: "Threads per child's training (0: all cores). Default: 0.")
    var threads: Int?

    func run() throws {
        do {
            try search()
        } catch let error as InputError {
            FileHandle.standardError.write(Data("fnas search: \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as RunFileError {
            FileHandle.standardError.write(Data("fnas search: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    func search() throws {
        let log = try resume.map { try RunLog.load($0) }
        var config: SearchConfiguration
        if let log {
            config = log.configuration
            let given: [(flag: String, set: Bool)] = [
                ("--board", board != nil), ("--spec", spec != nil), ("--space", space != nil), ("--seed", seed != nil),
                ("--epochs", epochs != nil), ("--strategy", strategy != nil), ("--reward", reward != nil), ("--out", out != nil),
            ]
            let ignored = given.filter(\.set).map(\.flag)
            if !ignored.isEmpty {
                note("--resume continues with the run's config.json; ignoring \(ignored.joined(separator: ", "))")
            }
            if let episodes { config.episodes = episodes }
            for w in log.warnings { note("warning: \(w)") }
        } else {
            config = try makeConfiguration()
        }
        if !headless { note("running headless (the live explorer is not wired to search in this build)") }
        let services = try SearchServices(configuration: config)
        let directory = log?.directory ?? out ?? "runs/\(config.space.name)-s\(config.seed)"
        let engine = try SearchEngine(configuration: config, latency: services.latency, trainer: services.trainer,
                                      runDirectory: directory, resuming: log)
        let console = HeadlessConsole(episodes: config.episodes, committed: log?.trials.count ?? 0,
                                      terminal: isatty(STDOUT_FILENO) != 0) { text in
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        engine.subscribe { console.handle($0) }
        console.line("fnas search: \(config.space.name) (\(config.space.sizeDescription) architectures) on \(config.board.name), "
                     + "spec \(log?.currentSpec ?? config.spec), \(config.strategy.rawValue)/\(config.reward.form.rawValue), "
                     + "\(config.episodes) episodes x \(config.epochs) epochs, seed \(config.seed), "
                     + "data: \(services.datasetName) -> \(directory)")
        let signals = StopSignals(engine: engine, console: console)
        engine.start()
        let summary = try engine.wait()
        signals.cancel()
        if summary.stopped { console.line("stopped; continue with: fnas search --headless --resume \(directory)") }
    }

    func makeConfiguration() throws -> SearchConfiguration {
        let chosenBoard = try catalog().board(named: board ?? "pynq-z1")
        let latencySpec = try LatencySpec(parsing: spec ?? "0.5ms")
        let searchSpace = try SearchSpace.named(space ?? "embedded")
        var controller = ControllerConfig()
        if let exploration { controller.exploration = exploration }
        if let temperature { controller.temperature = temperature }
        if let controllerLR { controller.learningRate = controllerLR }
        controller.greedy = greedy
        var latency = LatencySettings()
        if let template { latency.template = template }
        if let dse { latency.dse = dse }
        var training = TrainingSettings(dataset: dataset)
        if let batchSize { training.batchSize = batchSize }
        if let lr { training.learningRate = lr }
        training.trainLimit = trainLimit
        if let threads { training.threads = threads }
        let s = seed ?? 1
        let config = SearchConfiguration(
            runName: ((out ?? "runs/\(searchSpace.name)-s\(s)") as NSString).lastPathComponent,
            board: chosenBoard, spec: latencySpec, space: searchSpace, strategy: strategy ?? .fnas,
            reward: RewardSettings(form: reward ?? .fnas), controller: controller, episodes: episodes ?? 30,
            epochs: epochs ?? 1, seed: s, reuseDuplicates: !noReuse, latency: latency, training: training)
        do { try config.validate(source: "fnas search") } catch let e as InputError {
            guard let flag = flagName(e.field) else { throw e }
            throw InputError(source: flag, e.message)
        }
        return config
    }

    func catalog() throws -> BoardCatalog {
        var catalog = BoardCatalog()
        if let boardFile { for b in try DescriptionFiles.readBoards(path: boardFile) { catalog.add(b) } }
        return catalog
    }

    /// The flag that sets a configuration field, for error messages.
    func flagName(_ field: String?) -> String? {
        switch field {
        case nil: nil
        case "episodes": "--episodes"
        case "epochs": "--epochs"
        case "exploration": "--exploration"
        case "temperature": "--temperature"
        case "learningRate": "--controller-lr"
        case "training.batchSize": "--batch"
        case "training.learningRate": "--lr"
        case "training.trainLimit": "--train-limit"
        case "training.threads": "--threads"
        default: nil
        }
    }

    func note(_ text: String) {
        FileHandle.standardError.write(Data("fnas search: \(text)\n".utf8))
    }
}

/// SIGINT/SIGTERM: the first asks the engine to stop after the current batch; a second SIGINT quits.
final class StopSignals {
    private let sources: [any DispatchSourceSignal]

    init(engine: SearchEngine, console: HeadlessConsole) {
        let queue = DispatchQueue(label: "fnas-signals")
        let count = SignalCount()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.increment() == 1 {
                    console.line("stopping: finishing the current batch and checkpointing (Ctrl-C again quits at once)")
                    engine.send(.stop)
                } else if number == SIGINT {
                    console.line("quit; the run directory is consistent, resume it with --resume")
                    exit(130)
                }
            }
            source.resume()
            return source
        }
    }

    func cancel() { for s in sources { s.cancel() } }
}

/// How many stop signals arrived.
final class SignalCount: Sendable {
    private let value = Mutex(0)
    func increment() -> Int { value.withLock { $0 += 1; return $0 } }
}
