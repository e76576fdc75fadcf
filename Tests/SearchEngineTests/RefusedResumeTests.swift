import EngineTestSupport
import FNASCore
import FNASTestSupport
import Foundation
import Testing
@testable import SearchEngine

/// A resume that is refused must leave the run directory byte for byte as it was. It used to
/// rewrite config.json (with the new episodes), cut the torn events.jsonl tail, create an empty
/// events.jsonl or leave checkpoint.json.tmp behind before finding the run unusable.
@Suite("Refused resume leaves the run directory unchanged")
struct RefusedResumeTests {
    /// One way a run directory can be unusable: `damage` edits a finished 6-episode run.
    struct Damage: CustomTestStringConvertible, Sendable {
        var name: String
        var apply: @Sendable (_ directory: String) throws -> Void
        var testDescription: String { name }
    }

    static func file(_ dir: String, _ name: String) -> String { RunFiles.path(dir, name) }

    static func lines(_ dir: String) throws -> [String] {
        try String(contentsOfFile: file(dir, RunFiles.events), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func write(_ lines: [String], _ dir: String, tail: String = "") throws {
        try Data((lines.joined(separator: "\n") + "\n" + tail).utf8).write(to: URL(fileURLWithPath: file(dir, RunFiles.events)))
    }

    static func trialIndex(_ lines: [String], episode: Int) throws -> Int {
        try #require(lines.firstIndex { $0.contains(#""type":"trial""#) && $0.contains(#""episode":\#(episode),"#) })
    }

    /// Rewrites one JSON file through `change`.
    static func edit(_ path: String, _ change: (inout [String: Any]) -> Void) throws {
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        change(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
    }

    static func replaceWithDirectory(_ path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    static let damages: [Damage] = [
        Damage(name: "checkpoint ahead of a torn events.jsonl tail") { dir in
            let all = try lines(dir)
            let fourth = try trialIndex(all, episode: 4)
            try write(Array(all[..<fourth]), dir, tail: String(all[fourth].prefix(40)))
        },
        Damage(name: "events.jsonl missing") { dir in
            try FileManager.default.removeItem(atPath: file(dir, RunFiles.events))
        },
        Damage(name: "no run.lock yet (the refusal removes the one it took) and events.jsonl missing") { dir in
            try FileManager.default.removeItem(atPath: file(dir, RunFiles.lock))
            try FileManager.default.removeItem(atPath: file(dir, RunFiles.events))
        },
        Damage(name: "a stale run.lock naming a dead process, and a corrupt line") { dir in
            try Data("999999999\n".utf8).write(to: URL(fileURLWithPath: file(dir, RunFiles.lock)))
            var all = try lines(dir)
            all[try trialIndex(all, episode: 2)] = "garbage"
            try write(all, dir)
        },
        Damage(name: "a stale run.lock naming a dead process, and a checkpoint ahead of the log") { dir in
            try Data("999999999\n".utf8).write(to: URL(fileURLWithPath: file(dir, RunFiles.lock)))
            let all = try lines(dir)
            try write(Array(all[..<(try trialIndex(all, episode: 3))]), dir)
        },
        Damage(name: "events.jsonl is a directory") { dir in try replaceWithDirectory(file(dir, RunFiles.events)) },
        Damage(name: "checkpoint.json is a directory") { dir in try replaceWithDirectory(file(dir, RunFiles.checkpoint)) },
        Damage(name: "checkpoint.json.tmp is a directory") { dir in try replaceWithDirectory(file(dir, RunFiles.checkpoint + ".tmp")) },
        Damage(name: "trials.csv is a directory") { dir in try replaceWithDirectory(file(dir, RunFiles.trials)) },
        Damage(name: "best.json is a directory") { dir in try replaceWithDirectory(file(dir, RunFiles.best)) },
        Damage(name: "config.json missing") { dir in try FileManager.default.removeItem(atPath: file(dir, RunFiles.configuration)) },
        Damage(name: "config.json is not JSON") { dir in
            try Data(#"{"runName": "test", "episodes": "#.utf8).write(to: URL(fileURLWithPath: file(dir, RunFiles.configuration)))
        },
        Damage(name: "config.json with 0 episodes") { dir in
            try edit(file(dir, RunFiles.configuration)) { $0["episodes"] = 0 }
        },
        Damage(name: "a corrupt line before the last") { dir in
            var all = try lines(dir)
            all[try trialIndex(all, episode: 2)] = "garbage"
            try write(all, dir)
        },
        Damage(name: "episodes out of order") { dir in
            var all = try lines(dir)
            all.swapAt(try trialIndex(all, episode: 2), try trialIndex(all, episode: 3))
            try write(all, dir)
        },
        Damage(name: "a logged architecture outside the space (replayed without a checkpoint)") { dir in
            var all = try lines(dir)
            let i = try trialIndex(all, episode: 2)
            all[i] = all[i].replacingOccurrences(of: #""kernel":"#, with: #""kernel":9"#)
            try write(all, dir)
            try FileManager.default.removeItem(atPath: file(dir, RunFiles.checkpoint))
        },
        Damage(name: "a checkpoint with controller.step 9e18") { dir in
            try edit(file(dir, RunFiles.checkpoint)) { json in
                var controller = json["controller"] as? [String: Any] ?? [:]
                controller["step"] = 9_000_000_000_000_000_000
                json["controller"] = controller
            }
        },
    ]

    /// Every entry under `dir` (recursively): a file's bytes, or nil for a directory.
    static func contents(_ dir: String) throws -> [String: Data?] {
        var out: [String: Data?] = [:]
        let entries = try #require(FileManager.default.enumerator(atPath: dir))
        for case let entry as String in entries {
            var isDirectory: ObjCBool = false
            let path = file(dir, entry)
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            out[entry] = isDirectory.boolValue ? .some(nil) : try Data(contentsOf: URL(fileURLWithPath: path))
        }
        return out
    }

    /// What `fnas search --resume DIR --episodes 10` does up to starting the engine.
    static func resume(_ dir: String) throws {
        let log = try RunLog.load(dir)
        var config = log.configuration
        config.episodes = 10
        _ = try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: ScriptedTrainer(), resuming: log)
    }

    @Test(arguments: damages)
    func aRefusedResumeChangesNoByte(_ damage: Damage) throws {
        let dir = temporaryDirectory("refused")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        try damage.apply(dir)
        let before = try Self.contents(dir)
        #expect(throws: InputError.self, "\(damage.name) must be refused") { try Self.resume(dir) }
        let after = try Self.contents(dir)
        #expect(Set(after.keys) == Set(before.keys), "files added or removed: \(Set(after.keys).symmetricDifference(before.keys).sorted())")
        for (name, bytes) in before where after[name] != bytes {
            let size = { (data: Data??) in data.flatMap { $0 }.map { "\($0.count) bytes" } ?? "no file" }
            Issue.record("\(name) changed: \(size(bytes)) -> \(size(after[name]))")
        }
    }

    /// The checks refuse only what cannot be resumed: the same run, undamaged, resumes.
    @Test func anUndamagedRunStillResumes() throws {
        let dir = temporaryDirectory("resumable")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        try Self.resume(dir)
        #expect(try RunLog.load(dir).configuration.episodes == 10)
    }

    @Test func aConfigurationOtherThanTheRunsIsRefused() throws {
        let dir = temporaryDirectory("other-config")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SearchEngine(configuration: .test(episodes: 6), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        let before = try Self.contents(dir)
        let log = try RunLog.load(dir)
        var config = log.configuration
        config.seed += 1
        #expect(throws: InputError(source: Self.file(dir, RunFiles.configuration),
                                   "the configuration to resume with differs from the run's in more than its episodes")) {
            try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: ScriptedTrainer(), resuming: log)
        }
        #expect(try Self.contents(dir) == before)
    }
}
