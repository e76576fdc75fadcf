import EngineTestSupport
import FNASCore
import Foundation
import FNASTestSupport
import Testing
@testable import SearchEngine

@Suite("Run directory and resume")
struct RunLogTests {
    func events(_ dir: String) -> String { RunFiles.path(dir, RunFiles.events) }

    @Test func runDirectoryHoldsConfigEventsCheckpointTrialsAndBest() throws {
        let dir = temporaryDirectory("files")
        let engine = try SearchEngine(configuration: .test(episodes: 10), latency: AnalyticLatency(),
                                      trainer: ScriptedTrainer(), runDirectory: dir)
        try engine.run()
        let log = try RunLog.load(dir)
        #expect(log.configuration == .test(episodes: 10))
        #expect(log.trials == engine.snapshot.trials && log.warnings.isEmpty)
        #expect(log.checkpoint?.episode == 10)
        let csv = try String(contentsOfFile: RunFiles.path(dir, RunFiles.trials), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 11 && csv.hasPrefix(TrialsCSV.header))
        let best = try JSONDecoder().decode(BestRecord.self, from: Data(contentsOf: URL(fileURLWithPath: RunFiles.path(dir, RunFiles.best))))
        #expect(best.episode == engine.snapshot.best?.episode)
        #expect(best.latency.layers.count == 3, "best.json carries the per-layer tiling")
        #expect(throws: RunDirectoryConflict(directory: dir, reason: .holdsRun), "a new run never overwrites one") {
            _ = try SearchEngine(configuration: .test(episodes: 10), latency: AnalyticLatency(),
                                 trainer: ScriptedTrainer(), runDirectory: dir)
        }
    }

    @Test func tornLastLineIsIgnoredWithAWarning() throws {
        let dir = temporaryDirectory("torn")
        try SearchEngine(configuration: .test(episodes: 5), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        let whole = try Data(contentsOf: URL(fileURLWithPath: events(dir)))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: events(dir)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"type":"trial","episode":6,"trial":{"episo"#.utf8))
        try handle.close()
        let log = try RunLog.load(dir)
        #expect(log.trials.count == 5 && log.validLength == whole.count)
        #expect(log.warnings.count == 1 && log.warnings[0].contains("incomplete"))
    }

    @Test func corruptLineBeforeTheLastIsAnErrorNamingTheLine() throws {
        let dir = temporaryDirectory("corrupt")
        try SearchEngine(configuration: .test(episodes: 3), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        var lines = try String(contentsOfFile: events(dir), encoding: .utf8).split(separator: "\n").map(String.init)
        lines[1] = "garbage"
        try (lines.joined(separator: "\n") + "\n").write(toFile: events(dir), atomically: true, encoding: .utf8)
        #expect(throws: InputError(source: events(dir), field: "line 2", "is not a valid event (corrupt log)")) {
            try RunLog.load(dir)
        }
    }

    /// Crash after the trial line of episode 7 was half written and before the checkpoint of
    /// episode 6: resuming must replay episode 6's update and produce exactly the trials and
    /// controller of an uninterrupted run.
    @Test func resumeAfterACrashMatchesAnUninterruptedRun() throws {
        let referenceDir = temporaryDirectory("reference")
        let reference = try SearchEngine(configuration: .test(episodes: 14), latency: AnalyticLatency(),
                                         trainer: ScriptedTrainer(), runDirectory: referenceDir)
        try reference.run()

        let dir = temporaryDirectory("crash")
        let checkpointAt5 = RunFiles.path(dir, "checkpoint-5.json")
        let first = try SearchEngine(configuration: .test(episodes: 14), latency: AnalyticLatency(),
                                     trainer: ScriptedTrainer(), runDirectory: dir)
        first.subscribe { event in
            switch event {
            case .trained(let t) where t.episode == 5, .pruned(let t) where t.episode == 5:
                try? FileManager.default.copyItem(atPath: RunFiles.path(dir, RunFiles.checkpoint), toPath: checkpointAt5)
            default: break
            }
        }
        try first.run()
        // Cut the log inside episode 7's trial line and roll the checkpoint back to episode 5.
        let text = try String(contentsOfFile: events(dir), encoding: .utf8)
        var kept: [Substring] = []
        var torn = ""
        for line in text.split(separator: "\n") {
            if line.contains(#""type":"trial""#) && line.contains(#""episode":7,"#) {
                torn = String(line.prefix(line.count / 2)); break
            }
            kept.append(line)
        }
        try (kept.joined(separator: "\n") + "\n" + torn).write(toFile: events(dir), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: RunFiles.path(dir, RunFiles.checkpoint))
        try FileManager.default.moveItem(atPath: checkpointAt5, toPath: RunFiles.path(dir, RunFiles.checkpoint))

        let log = try RunLog.load(dir)
        #expect(log.trials.count == 6 && log.checkpoint?.episode == 5 && log.warnings.count == 1)
        let resumed = try SearchEngine(configuration: log.configuration, latency: AnalyticLatency(),
                                       trainer: ScriptedTrainer(), resuming: log)
        try resumed.run()
        let final = try RunLog.load(dir)
        #expect(final.warnings.isEmpty, "the torn line was cut off before appending")
        #expect(final.trials == reference.snapshot.trials)
        let referenceCheckpoint = try RunLog.load(referenceDir).checkpoint
        #expect(final.checkpoint != nil && final.checkpoint == referenceCheckpoint)
        #expect(final.controllerSteps.map(\.episode) == Array(1...14))
        #expect(final.controllerSteps == reference.snapshot.controllerSteps)
    }

    @Test func replayLoadsARunReadOnly() throws {
        let dir = temporaryDirectory("replay")
        let engine = try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(),
                                      trainer: ScriptedTrainer(), runDirectory: dir)
        try engine.run()
        let snapshot = try RunLog.load(dir).snapshot()
        #expect(snapshot.readOnly && snapshot.trials == engine.snapshot.trials)
        #expect(snapshot.best == engine.snapshot.best)
        #expect(snapshot.policy != nil && snapshot.policy == engine.snapshot.policy, "the controller's odds at the end of the run")
        // A checkpoint behind the log (a killed run) would show an older controller: none instead.
        var behind = try RunLog.load(dir)
        behind.trials.removeLast()
        #expect(behind.checkpoint?.episode == 6 && behind.snapshot().policy == nil)
    }
}

@Suite("Run directory: extending a run")
struct ExtendRunTests {
    @Test func resumeWithMoreEpisodesExtendsTheRunAndItsConfig() throws {
        let dir = temporaryDirectory("extend")
        try SearchEngine(configuration: .test(episodes: 4), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        let log = try RunLog.load(dir)
        var config = log.configuration
        config.episodes = 7
        try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: ScriptedTrainer(), resuming: log).run()
        let extended = try RunLog.load(dir)
        #expect(extended.configuration.episodes == 7 && extended.trials.map(\.episode) == Array(1...7))
        let reference = try SearchEngine(configuration: .test(episodes: 7), latency: AnalyticLatency(), trainer: ScriptedTrainer())
        try reference.run()
        #expect(extended.trials == reference.snapshot.trials)
    }
}

@Suite("Run directory: damaged checkpoint")
struct DamagedCheckpointTests {
    @Test func unreadableCheckpointIsRebuiltFromTheTrials() throws {
        let dir = temporaryDirectory("damaged")
        try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        try Data().write(to: URL(fileURLWithPath: RunFiles.path(dir, RunFiles.checkpoint)))   // as after a power cut
        let log = try RunLog.load(dir)
        #expect(log.checkpoint == nil && log.warnings.count == 1 && log.warnings[0].contains("rebuilt from the trials"))
        var config = log.configuration
        config.episodes = 10
        try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: ScriptedTrainer(), resuming: log).run()
        let reference = try SearchEngine(configuration: .test(episodes: 10), latency: AnalyticLatency(), trainer: ScriptedTrainer())
        try reference.run()
        #expect(try RunLog.load(dir).trials == reference.snapshot.trials)
    }

    /// Edited checkpoints that still decode used to trap on resume: weights shorter than the
    /// layout (index out of range), an empty RMSProp state, a negative episode (negative index).
    @Test(arguments: ["short-parameters", "empty-meanSquare", "negative-episode", "controller-config"])
    func inconsistentCheckpointIsRebuiltFromTheTrials(_ damage: String) throws {
        let dir = temporaryDirectory("edited-\(damage)")
        try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        let path = RunFiles.path(dir, RunFiles.checkpoint)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var controller = json["controller"] as! [String: Any]
        switch damage {
        case "short-parameters": controller["parameters"] = Array((controller["parameters"] as! [Double]).prefix(10))
        case "empty-meanSquare": controller["meanSquare"] = [Double]()
        case "negative-episode": json["episode"] = -3
        default:
            var config = controller["config"] as! [String: Any]
            config["learningRate"] = -5.0
            controller["config"] = config
        }
        json["controller"] = controller
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        let log = try RunLog.load(dir)
        if damage == "controller-config" {
            #expect(log.checkpoint != nil, "consistent in itself; the engine refuses it for not matching config.json")
        } else {
            #expect(log.checkpoint == nil && log.warnings.count == 1 && log.warnings[0].contains("rebuilt from the trials"))
        }
        var config = log.configuration
        config.episodes = 10
        try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: ScriptedTrainer(), resuming: log).run()
        let reference = try SearchEngine(configuration: .test(episodes: 10), latency: AnalyticLatency(), trainer: ScriptedTrainer())
        try reference.run()
        #expect(try RunLog.load(dir).trials == reference.snapshot.trials)
    }

    /// A step of 9e18 used to pass and then spin in the learning-rate decay for years, deaf to
    /// SIGTERM; a step is at most one update per episode, so anything else is refused up front.
    @Test(arguments: [9_000_000_000_000_000_000, 7, -1])
    func aCheckpointStepOutsideItsEpisodesIsRefusedNamingTheField(_ step: Int) throws {
        let dir = temporaryDirectory("step-\(step)")
        try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        let path = RunFiles.path(dir, RunFiles.checkpoint)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        var controller = json["controller"] as! [String: Any]
        controller["step"] = step
        json["controller"] = controller
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        let expected = InputError(source: path, field: "controller.step",
                                  "must be between 0 and the checkpoint's episode (6), got \(step)")
        let outcome = withinDeadline(seconds: 20) { () throws -> Int in
            let log = try RunLog.load(dir)
            var config = log.configuration
            config.episodes = 8
            try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: ScriptedTrainer(), resuming: log).run()
            return try RunLog.load(dir).trials.count
        }
        let result = try #require(outcome, "resuming a checkpoint with controller.step \(step) did not end within 20 s")
        #expect(throws: expected) { try result.get() }
    }

    /// RunFiles' decoder reads "nan" for non-finite doubles; a trial with a NaN reward used to
    /// be replayed into the controller on resume, silently turning every weight into NaN.
    @Test func aTrialWithANonFiniteRewardIsACorruptLog() throws {
        let dir = temporaryDirectory("nan-reward")
        try SearchEngine(configuration: .test(episodes: 3), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        let path = RunFiles.path(dir, RunFiles.events)
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let index = try #require(lines.firstIndex { $0.contains(#""type":"trial""#) })
        let regex = try Regex(#""reward":[-0-9.e+]+,"spec""#)
        #expect(lines[index].contains(regex), "the trial's own reward precedes its spec")
        lines[index] = lines[index].replacing(regex, with: #""reward":"nan","spec""#)
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError(source: path, field: "line \(index + 1)", "trial.reward: nan is not a finite number (corrupt log)")) {
            try RunLog.load(dir)
        }
    }

    /// An edited config.json was reported as "configuration: kernels: ..." (no file, no
    /// "space."), or as "not valid JSON" for a negative seed, and only after loading the data.
    @Test func anEditedConfigNamesTheFileAndTheFieldPath() throws {
        let dir = temporaryDirectory("edited-config")
        try SearchEngine(configuration: .test(episodes: 2), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        let path = RunFiles.path(dir, RunFiles.configuration)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        var text = ""
        func edit(_ change: (inout [String: Any]) -> Void) throws {
            var json = try JSONSerialization.jsonObject(with: original) as! [String: Any]
            change(&json)
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            text = String(decoding: data, as: UTF8.self)
            try data.write(to: URL(fileURLWithPath: path))
        }
        /// Line and column of the value after `"key" : ` in the pretty-printed file (keys are unique here).
        func valueOf(_ key: String) throws -> TextLocation {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let needle = "\"\(key)\" : "
            let index = try #require(lines.firstIndex { $0.contains(needle) })
            let column = try #require(lines[index].range(of: needle)).upperBound
            return TextLocation(line: index + 1, column: lines[index].distance(from: lines[index].startIndex, to: column) + 1)
        }
        try edit { json in
            var space = json["space"] as! [String: Any]
            space["kernels"] = [Int]()
            json["space"] = space
        }
        #expect(throws: InputError(source: path, field: "space.kernels", at: try valueOf("kernels"), "needs at least one choice")) {
            try RunLog.load(dir)
        }
        try edit { $0["seed"] = -1 }
        #expect(throws: InputError(source: path, field: "seed", at: try valueOf("seed"), "-1 is out of range for this field")) {
            try RunLog.load(dir)
        }
        try edit { $0["episodes"] = 0 }
        #expect(throws: InputError(source: path, field: "episodes", at: try valueOf("episodes"), "must be at least 1 (got 0)")) {
            try RunLog.load(dir)
        }
    }

    @Test func aNonPositiveSpecInAFileIsADecodingError() throws {
        let data = Data(#"{"microseconds": -1}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LatencySpec.self, from: data) }
        #expect(try JSONDecoder().decode(LatencySpec.self, from: Data(#"{"microseconds": 500}"#.utf8)).milliseconds == 0.5)
    }
}
