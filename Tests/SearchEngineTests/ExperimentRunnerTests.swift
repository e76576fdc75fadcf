import EngineTestSupport
import FNASCore
import FPGAModel
import FNASTestSupport
import Foundation
import Synchronization
import Testing
@testable import SearchEngine

/// Experiments over the embedded space on PYNQ-Z1 with the real FPGA model and the scripted
/// trainer, 4 episodes per search (the real trainer's wiring is tested in SearchServicesTests).
@Suite("fnas experiment", .serialized)
struct ExperimentRunnerTests {
    /// The real latency model and a scripted trainer for every search; counts the requests.
    final class Services: EngineServicesFactory {
        private let requests = Mutex<[String]>([])
        var requested: [String] { requests.withLock { $0 } }

        func services(for configuration: SearchConfiguration) throws -> EngineServices {
            requests.withLock { $0.append("\(configuration.spec)-\(configuration.strategy.rawValue)") }
            return EngineServices(latency: try LatencyModel(configuration: configuration), trainer: ScriptedTrainer())
        }
    }

    /// 0.15 ms prunes about two thirds of the embedded space on PYNQ-Z1; 1 ms almost nothing.
    static func plan(specs: [Double] = [150, 1000], episodes: Int = 4, epochs: Int = 1, seed: UInt64 = 3) -> ExperimentPlan {
        var base = SearchConfiguration.test(episodes: episodes, seed: seed)
        base.epochs = epochs
        base.training = TrainingSettings(dataset: "embedded", batchSize: 32, trainLimit: 256, threads: 0)
        return ExperimentPlan(base: base, specs: specs.compactMap { LatencySpec(microseconds: $0) }, repeats: 1)
    }

    static func exists(_ dir: String, _ name: String) -> Bool {
        FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent(name))
    }

    @Test func fnasMeetsTheSpecTrainsNoMoreThanNASAndWritesEveryFile() throws {
        let dir = temporaryDirectory("experiment") + "/exp"
        let plan = Self.plan()
        let result = try ExperimentRunner(plan: plan, directory: dir, services: Services()).run()
        #expect(!result.stopped && result.runs.count == 4)
        #expect(result.table.rows.map(\.spec) == plan.specs)
        for row in result.table.rows {
            let pair = try #require(row.pairs.first)
            if let best = pair.fnas.best { #expect(best.meets(row.spec), "FNAS's best is never over the spec") }
            #expect(pair.fnasMeetsSpec != false)
            #expect(pair.fnas.trained <= pair.nas.trained)
            #expect(pair.nas.pruned == 0 && pair.fnas.episodes == 4 && pair.nas.episodes == 4)
            #expect(pair.fnas.wallSeconds > 0 && pair.nas.wallSeconds > 0)
            // Same seed: the first child is the same in both searches.
            #expect(pair.fnas.trials.first?.architecture == pair.nas.trials.first?.architecture)
        }
        let tight = try #require(result.table.rows.first?.pairs.first)
        #expect(tight.fnas.pruned > 0, "0.15 ms prunes some children of the embedded space")
        for name in ["table.md", "table.csv", "plot.svg", "experiment.json"] { #expect(Self.exists(dir, name), "\(name)") }
        for search in plan.searches {
            #expect(Self.exists(dir, search.name + "/events.jsonl") && Self.exists(dir, search.name + "/config.json"))
        }
        let entries = try FileManager.default.contentsOfDirectory(atPath: dir).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: dir + "/" + name, isDirectory: &isDirectory) && isDirectory.boolValue
        }
        #expect(Set(entries) == Set(plan.searches.map(\.name)), "one run directory per search, named spec-strategy-repeat")
        let md = try String(contentsOfFile: dir + "/table.md", encoding: .utf8)
        #expect(md.contains("| 0.15ms | 4 |") && md.contains("| 1ms | 4 |"))
        let csv = try String(contentsOfFile: dir + "/table.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 3)
    }

    @Test func rerunSkipsFinishedSearchesAndContinuesAnInterruptedOne() throws {
        let dir = temporaryDirectory("experiment-resume") + "/exp"
        let plan = Self.plan(specs: [150])
        // Stop the NAS search after its second child: the FNAS search is complete by then.
        let first = try ExperimentRunner(plan: plan, directory: dir, services: Services())
        let stopAt = plan.searches[1]
        let result1 = try first.run { event in
            if case let .engine(search, .trained(trial)) = event, search == stopAt, trial.episode == 2 { first.stop() }
        }
        #expect(result1.stopped && result1.runs.count == 1 && result1.table.rows.isEmpty)
        let interrupted = try RunLog.load(stopAt.directory(in: dir))
        #expect(interrupted.trials.count == 2)
        #expect(try first.completedRuns().map(\.strategy) == [.fnas], "the stopped NAS search is not complete")

        let starts = Mutex<[(String, Int?)]>([])
        let finished = Mutex<[(String, Bool)]>([])
        let services2 = Services()
        let result2 = try ExperimentRunner(plan: plan, directory: dir, services: services2).run { event in
            switch event {
            case let .searchStarting(search, _, _, resumedAt): starts.withLock { $0.append((search.name, resumedAt)) }
            case let .searchFinished(search, _, _, _, earlier): finished.withLock { $0.append((search.name, earlier)) }
            default: break
            }
        }
        let startList = starts.withLock { $0 }
        #expect(startList.count == 1 && startList.first?.0 == stopAt.name && startList.first?.1 == 3,
                "only the interrupted search runs, from episode 3")
        #expect(finished.withLock { $0.map(\.1) } == [true, false], "the FNAS search is skipped as done earlier")
        #expect(services2.requested == ["0.15ms-nas"], "a finished search asks for no services")
        #expect(!result2.stopped && result2.table.rows.count == 1 && result2.table.rows[0].pairs.count == 1)
        let nas = try RunLog.load(stopAt.directory(in: dir))
        #expect(nas.trials.count == 4 && Array(nas.trials.prefix(2)) == interrupted.trials)
        #expect(nas.sessions.count == 2 && nas.sessions.allSatisfy { $0.endedCleanly && $0.seconds > 0 })
        #expect(abs(result2.runs[1].wallSeconds - nas.sessions.map(\.seconds).reduce(0, +)) < 1e-9,
                "the wall time is the sum of both sessions")

        // A third run has nothing to do and gives the same table.
        let services3 = Services()
        let result3 = try ExperimentRunner(plan: plan, directory: dir, services: services3).run()
        #expect(result3.table == result2.table)
        #expect(services3.requested.isEmpty)
    }

    @Test func otherSettingsAreRefusedNamingTheSetting() throws {
        let dir = temporaryDirectory("experiment-mismatch") + "/exp"
        _ = try ExperimentRunner(plan: Self.plan(specs: [150], episodes: 1), directory: dir, services: Services()).run()
        let other = Self.plan(specs: [150], episodes: 1, epochs: 2)
        let epochs = SettingDifference(setting: "epochs", earlier: "1", now: "2")
        let e1 = #expect(throws: RunDirectoryConflict.self) { try ExperimentRunner(plan: other, directory: dir, services: Services()).run() }
        #expect(e1?.reason == .holdsOtherExperiment([epochs]))
        #expect(e1?.description.contains("epochs 1 (now 2)") == true && e1?.description.contains("--") == false,
                "a library names the setting, not a flag: \(String(describing: e1))")
        // Without experiment.json, each run directory's own config.json is checked too.
        try FileManager.default.removeItem(atPath: dir + "/experiment.json")
        let e2 = #expect(throws: RunDirectoryConflict.self) { try ExperimentRunner(plan: other, directory: dir, services: Services()).run() }
        #expect(e2?.directory.hasSuffix("0.15ms-fnas-r0") == true && e2?.reason == .runWithOtherSettings([epochs]))
        #expect(!Self.exists(dir, "experiment.json"), "a refused experiment writes nothing")
        // Growing --episodes extends the experiment instead.
        let grown = try ExperimentRunner(plan: Self.plan(specs: [150], episodes: 2), directory: dir, services: Services()).run()
        #expect(grown.runs.map(\.episodes) == [2, 2])
    }

    /// A factory that cannot make services, as when the dataset cannot be loaded.
    struct NoServices: EngineServicesFactory {
        func services(for configuration: SearchConfiguration) throws -> EngineServices {
            throw InputError(source: "configuration", field: "training.dataset", "\"/missing\" is not a directory")
        }
    }

    @Test func servicesThatCannotBeMadeRefuseTheExperimentWritingNothing() throws {
        let dir = temporaryDirectory("experiment-no-data") + "/exp"
        let error = #expect(throws: InputError.self) { try ExperimentRunner(plan: Self.plan(), directory: dir, services: NoServices()).run() }
        #expect(error?.field == "training.dataset")
        #expect(!FileManager.default.fileExists(atPath: dir), "no experiment directory is created")
    }

    @Test func aDirectoryThatIsNotAnExperimentIsRefused() throws {
        let dir = temporaryDirectory("experiment-foreign")
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/notes.txt"))
        let e = #expect(throws: RunDirectoryConflict.self) { try ExperimentRunner(plan: Self.plan(), directory: dir, services: Services()).run() }
        #expect(e?.reason == .notAnExperiment(foreignEntry: "notes.txt"))
    }

    @Test func specListsParseAndBadOnesNameTheSetting() throws {
        #expect(try ExperimentPlan.parseSpecs("5ms, 2ms,800us").map(\.microseconds) == [800, 2000, 5000])
        for bad in ["", "2ms,,5ms", "2ms,abc", "-1ms", "0ms", "2ms,2ms", ","] {
            let e = #expect(throws: InputError.self, "\(bad)") { try ExperimentPlan.parseSpecs(bad) }
            #expect(e?.setting == "specs" && e?.description.hasPrefix("specs: ") == true)
        }
        var plan = Self.plan()
        plan.repeats = 0
        #expect(throws: InputError.self) { try plan.validate() }
        plan = Self.plan(episodes: 0)
        let e = #expect(throws: InputError.self) { try plan.validate() }
        #expect(e?.field == "episodes")
    }

    @Test func strategyListsParseInOrderAndBadOnesNameTheSetting() throws {
        #expect(try ExperimentPlan.parseStrategies("fnas, evolution,nas") == [.fnas, .evolution, .nas])
        for bad in ["", "fnas,,nas", "fnas,enas", "nas,nas", ","] {
            let e = #expect(throws: InputError.self, "\(bad)") { try ExperimentPlan.parseStrategies(bad) }
            #expect(e?.setting == "strategies")
        }
        var plan = Self.plan()
        plan.strategies = []
        #expect(throws: InputError.self) { try plan.validate() }
    }

    /// An experiment.json from before --strategies compared FNAS with NAS, and still does.
    @Test func anOldPlanFileReadsAsThePapersComparison() throws {
        var json = try JSONSerialization.jsonObject(with: RunFiles.encoder(pretty: false).encode(Self.plan())) as! [String: Any]
        json["strategies"] = nil
        let plan = try RunFiles.decoder().decode(ExperimentPlan.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(plan.strategies == [.fnas, .nas] && plan.isPaperComparison && plan == Self.plan())
    }

    /// fnas, evolution and nas: one search each per spec, a by-strategy table and strategies.csv,
    /// and the FNAS vs NAS table below it.
    @Test func threeStrategiesRunInOrderWithAByStrategyTable() throws {
        let dir = temporaryDirectory("strategies") + "/exp"
        var plan = Self.plan(specs: [150])
        plan.strategies = [.fnas, .evolution, .nas]
        #expect(plan.searches.map(\.name) == ["0.15ms-fnas-r0", "0.15ms-evolution-r0", "0.15ms-nas-r0"])
        let result = try ExperimentRunner(plan: plan, directory: dir, services: Services()).run()
        #expect(result.runs.map(\.strategy) == [.fnas, .evolution, .nas])
        #expect(result.table.strategyRows.map(\.strategy) == [.fnas, .evolution, .nas])
        #expect(result.table.rows.count == 1, "the FNAS vs NAS pair is still made")
        let evolution = try #require(result.table.strategyRows.first { $0.strategy == .evolution })
        #expect(evolution.episodes?.mean == 4 && (evolution.pruned?.mean ?? 0) + (evolution.trained?.mean ?? 0) <= 4)
        let md = try String(contentsOfFile: dir + "/table.md", encoding: .utf8)
        #expect(md.hasPrefix("# fnas vs evolution vs nas: "))
        #expect(md.contains("| 0.15ms | evolution | 4 |") && md.contains("## FNAS vs accuracy-only NAS"))
        let csv = try String(contentsOfFile: dir + "/strategies.csv", encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 4 && csv[2].contains(",evolution,0,4,"), "\(csv)")
        // Rerunning with another strategy list is another experiment.
        plan.strategies = [.fnas, .random]
        let e = #expect(throws: RunDirectoryConflict.self) { try ExperimentRunner(plan: plan, directory: dir, services: Services()).run() }
        #expect(e.map { "\($0)" }?.contains("strategies") == true)
    }

    @Test func searchesPairEachSpecAndRepeatWithSeedPlusRepeat() {
        var plan = Self.plan(specs: [1000, 150])
        plan.repeats = 2
        let s = plan.searches
        #expect(s.map(\.name) == ["0.15ms-fnas-r0", "0.15ms-nas-r0", "0.15ms-fnas-r1", "0.15ms-nas-r1",
                                  "1ms-fnas-r0", "1ms-nas-r0", "1ms-fnas-r1", "1ms-nas-r1"])
        #expect(s.map(\.configuration.seed) == [3, 3, 4, 4, 3, 3, 4, 4])
        #expect(s.allSatisfy { $0.configuration.spec == $0.spec && $0.configuration.strategy == $0.strategy })
        #expect(s.allSatisfy { $0.configuration.epochs == plan.base.epochs && $0.configuration.training == plan.base.training })
    }
}
