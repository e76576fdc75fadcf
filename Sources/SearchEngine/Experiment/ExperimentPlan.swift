import FNASCore
import FPGAModel
import Foundation

/// What `fnas experiment` runs: for every spec and repeat, one search per strategy with
/// identical settings (repeat k uses seed `base.seed + k`); the paper's comparison is FNAS
/// against accuracy-only NAS, the default.
///
/// Written to `experiment.json` in the experiment's directory, so a rerun can check that it
/// continues the same experiment and `--resume DIR` needs no other flags.
public struct ExperimentPlan: Sendable, Hashable, Codable {
    public static let format = "fnas-experiment"
    public var format: String
    public var version: Int
    /// The settings every search shares; `spec`, `strategy`, `seed` and `runName` are set per search.
    public var base: SearchConfiguration
    /// The specs to compare, ascending and distinct.
    public var specs: [LatencySpec]
    public var repeats: Int
    /// The strategies compared, in the order each spec and repeat runs them.
    public var strategies: [SearchStrategy]

    /// The paper's comparison: FNAS, then accuracy-only NAS.
    public static let paperStrategies: [SearchStrategy] = [.fnas, .nas]

    public init(base: SearchConfiguration, specs: [LatencySpec], repeats: Int,
                strategies: [SearchStrategy] = ExperimentPlan.paperStrategies) {
        format = Self.format
        version = 1
        self.base = base
        self.specs = specs
        self.repeats = repeats
        self.strategies = strategies
    }

    private enum CodingKeys: String, CodingKey {
        case format, version, base, specs, repeats, strategies
    }

    /// Reads every field; an experiment.json written before `strategies` existed compared FNAS
    /// with NAS.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        version = try c.decode(Int.self, forKey: .version)
        base = try c.decode(SearchConfiguration.self, forKey: .base)
        specs = try c.decode([LatencySpec].self, forKey: .specs)
        repeats = try c.decode(Int.self, forKey: .repeats)
        strategies = try c.decodeIfPresent([SearchStrategy].self, forKey: .strategies) ?? Self.paperStrategies
    }

    /// Parses a comma-separated strategy list such as `fnas,evolution,nas` (order kept).
    ///
    /// - Throws: ``InputError`` about `setting` for an empty list, an unknown name or a
    ///   strategy given twice.
    public static func parseStrategies(_ text: String, setting: String = "strategies") throws -> [SearchStrategy] {
        let known = SearchStrategy.allCases.map(\.rawValue).joined(separator: ", ")
        var out: [SearchStrategy] = []
        for (i, item) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let name = item.trimmingCharacters(in: .whitespaces)
            guard let strategy = SearchStrategy(rawValue: name) else {
                throw InputError(setting: setting, "item \(i + 1) of \"\(text)\" is \(name.isEmpty ? "empty" : "\"\(name)\"");"
                                 + " expected some of \(known), e.g. fnas,evolution,nas")
            }
            if out.contains(strategy) { throw InputError(setting: setting, "\(strategy.rawValue) is given twice") }
            out.append(strategy)
        }
        return out
    }

    /// Parses a comma-separated spec list such as `2ms,5ms,10ms` (sorted on return).
    ///
    /// - Throws: ``InputError`` about `setting` for an empty list, an empty, malformed,
    ///   zero or negative item, or a spec given twice.
    public static func parseSpecs(_ text: String, setting: String = "specs") throws -> [LatencySpec] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard items.contains(where: { !$0.isEmpty }) else {
            throw InputError(setting: setting, "expected a comma-separated list of latencies such as 2ms,5ms,10ms, got \"\(text)\"")
        }
        var specs: [LatencySpec] = []
        for (i, item) in items.enumerated() {
            guard !item.isEmpty else {
                throw InputError(setting: setting, "item \(i + 1) of \"\(text)\" is empty; expected e.g. 2ms,5ms,10ms")
            }
            let spec: LatencySpec
            do { spec = try LatencySpec(parsing: item, setting: setting) } catch let e as InputError {
                throw InputError(setting: setting, "item \(i + 1): \(e.message)")
            }
            if specs.contains(spec) { throw InputError(setting: setting, "\(spec) is given twice") }
            specs.append(spec)
        }
        return specs.sorted()
    }

    /// Checks the plan and its base configuration.
    ///
    /// - Throws: ``InputError`` naming `source` and the field.
    public func validate(source: String = "experiment") throws {
        if specs.isEmpty { throw InputError(source: source, field: "specs", "needs at least one spec") }
        if Set(specs).count != specs.count { throw InputError(source: source, field: "specs", "a spec is given twice") }
        if repeats < 1 { throw InputError(source: source, field: "repeats", "must be at least 1 (got \(repeats))") }
        if repeats > 1000 { throw InputError(source: source, field: "repeats", "must be at most 1000 (got \(repeats))") }
        if strategies.isEmpty { throw InputError(source: source, field: "strategies", "needs at least one strategy") }
        if Set(strategies).count != strategies.count {
            throw InputError(source: source, field: "strategies", "a strategy is given twice")
        }
        try base.validate(source: source)
    }

    /// Every search, in the order they run: by spec (ascending), repeat, then strategy in the
    /// plan's order.
    public var searches: [ExperimentSearch] {
        specs.sorted().flatMap { spec in
            (0..<repeats).flatMap { k in
                strategies.map { ExperimentSearch(plan: self, spec: spec, strategy: $0, repeatIndex: k) }
            }
        }
    }

    /// Whether this is the paper's two-strategy comparison (FNAS and NAS, in either order).
    public var isPaperComparison: Bool { Set(strategies) == Set(Self.paperStrategies) }

    /// How `other` (from an earlier run of the experiment) differs from this plan: empty when it
    /// is the same apart from `episodes`, which may grow (extending every search).
    public func differences(from other: ExperimentPlan) -> [SettingDifference] {
        var diffs: [SettingDifference] = []
        if specs.sorted() != other.specs.sorted() {
            diffs.append(SettingDifference(setting: "specs", earlier: other.specs.map(\.description).joined(separator: ","),
                                           now: specs.map(\.description).joined(separator: ",")))
        }
        if repeats != other.repeats {
            diffs.append(SettingDifference(setting: "repeats", earlier: String(other.repeats), now: String(repeats)))
        }
        if strategies != other.strategies {
            diffs.append(SettingDifference(setting: "strategies", earlier: other.strategies.map(\.rawValue).joined(separator: ","),
                                           now: strategies.map(\.rawValue).joined(separator: ",")))
        }
        var earlierBase = other.base
        earlierBase.runName = base.runName
        earlierBase.spec = base.spec
        diffs += Self.differences(earlierBase, base)
        return diffs
    }

    /// The settings that differ between an earlier configuration and the wanted one, named by
    /// their configuration field paths; `episodes` differs only when it shrank.
    static func differences(_ earlier: SearchConfiguration, _ wanted: SearchConfiguration) -> [SettingDifference] {
        var out: [SettingDifference] = []
        func check<T: Equatable>(_ setting: String, _ a: T, _ b: T, _ show: (T) -> String) {
            if a != b { out.append(SettingDifference(setting: setting, earlier: show(a), now: show(b))) }
        }
        check("board", earlier.board, wanted.board) { $0.name == wanted.board.name && $0 != wanted.board ? "\($0.name) (other figures)" : $0.name }
        check("spec", earlier.spec, wanted.spec) { $0.description }
        check("space", earlier.space, wanted.space) { $0.name == wanted.space.name && $0 != wanted.space ? "\($0.name) (other choices)" : $0.name }
        check("strategy", earlier.strategy, wanted.strategy) { $0.rawValue }
        check("seed", earlier.seed, wanted.seed) { String($0) }
        check("epochs", earlier.epochs, wanted.epochs) { String($0) }
        if earlier.episodes > wanted.episodes {
            out.append(SettingDifference(setting: "episodes", earlier: String(earlier.episodes), now: String(wanted.episodes),
                                         note: "episodes may only grow"))
        }
        check("reward", earlier.reward, wanted.reward) { "\($0.form.rawValue)\($0 == RewardSettings(form: $0.form) ? "" : " (custom constants)")" }
        check("exploration", earlier.controller.exploration, wanted.controller.exploration) { String($0) }
        check("temperature", earlier.controller.temperature, wanted.controller.temperature) { String($0) }
        check("learningRate", earlier.controller.learningRate, wanted.controller.learningRate) { String($0) }
        check("greedy", earlier.controller.greedy, wanted.controller.greedy) { String($0) }
        var c1 = earlier.controller, c2 = wanted.controller
        c1.exploration = 0; c2.exploration = 0; c1.temperature = 1; c2.temperature = 1
        c1.learningRate = 0; c2.learningRate = 0; c1.greedy = false; c2.greedy = false
        check("controller", c1, c2) { _ in "other settings" }
        check("evolution", earlier.evolution ?? AgingEvolution(), wanted.evolution ?? AgingEvolution()) {
            "population \($0.population), tournament \($0.sampleSize)"
        }
        check("reuseDuplicates", earlier.reuseDuplicates, wanted.reuseDuplicates) { $0 ? "reused" : "trained again" }
        check("latency.template", earlier.latency.template, wanted.latency.template) { $0.rawValue }
        check("latency.dse", earlier.latency.dse, wanted.latency.dse) { $0.rawValue }
        check("training.dataset", earlier.training.dataset, wanted.training.dataset) { $0 ?? "(the space's)" }
        check("training.batchSize", earlier.training.batchSize, wanted.training.batchSize) { String($0) }
        check("training.learningRate", earlier.training.learningRate, wanted.training.learningRate) { String($0) }
        check("training.trainLimit", earlier.training.trainLimit, wanted.training.trainLimit) { $0.map(String.init) ?? "(all)" }
        check("training.threads", earlier.training.threads, wanted.training.threads) { String($0) }
        check("training.validationFraction", earlier.training.validationFraction, wanted.training.validationFraction) { String($0) }
        return out
    }
}

/// One search of an experiment: a spec, a strategy and a repeat, with its full configuration.
public struct ExperimentSearch: Sendable, Hashable {
    public var spec: LatencySpec
    public var strategy: SearchStrategy
    public var repeatIndex: Int
    public var configuration: SearchConfiguration

    init(plan: ExperimentPlan, spec: LatencySpec, strategy: SearchStrategy, repeatIndex: Int) {
        self.spec = spec
        self.strategy = strategy
        self.repeatIndex = repeatIndex
        var c = plan.base
        c.spec = spec
        c.strategy = strategy
        c.seed = plan.base.seed &+ UInt64(repeatIndex)
        c.runName = Self.name(spec: spec, strategy: strategy, repeatIndex: repeatIndex)
        configuration = c
    }

    /// The run directory's name inside the experiment directory, e.g. `2ms-fnas-r0`.
    public var name: String { configuration.runName }

    static func name(spec: LatencySpec, strategy: SearchStrategy, repeatIndex: Int) -> String {
        "\(spec.description)-\(strategy.rawValue)-r\(repeatIndex)"
    }

    /// This search's run directory inside `experimentDirectory`.
    public func directory(in experimentDirectory: String) -> String {
        (experimentDirectory as NSString).appendingPathComponent(name)
    }
}
