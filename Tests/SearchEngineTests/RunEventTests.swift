import EngineTestSupport
import FNASCore
import FNASTestSupport
import Foundation
import Testing
@testable import SearchEngine

/// The event log: what the engine publishes as it writes events.jsonl is what a replay reads
/// back, and a `best` event names the most accurate trained child meeting the spec in force.
@Suite("Run events")
struct RunEventTests {
    /// The kinds without times, for comparing a live list with the one read back.
    static func outline(_ events: [RunEvent]) -> [String] { events.map { "\($0.episode) \($0.text)" } }

    @Test func theLiveListIsTheLogsAndBestsFollowTheSpec() throws {
        let dir = temporaryDirectory("events")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Tightened at episode 11: the best so far no longer meets it, so another one is best.
        let tight = try #require(LatencySpec(microseconds: 80))
        let engine = try SearchEngine(configuration: .test(episodes: 24, spec: 1_000), latency: AnalyticLatency(),
                                      trainer: ScriptedTrainer(), runDirectory: dir)
        engine.subscribe { event in
            if case .trained(let t) = event, t.episode == 10 { engine.send(.setSpec(tight)) }
            if case .pruned(let t) = event, t.episode == 10 { engine.send(.setSpec(tight)) }
        }
        try engine.run()
        let live = engine.snapshot.events
        let replayed = try RunLog.load(dir).events
        #expect(Self.outline(live) == Self.outline(replayed))
        #expect(live.map(\.time) == replayed.map(\.time))
        #expect(live.first?.kind == .started(resumed: false, spec: try #require(LatencySpec(microseconds: 1_000))))
        #expect(live.last?.kind == .finished && live.last?.episode == 24)
        let specAt = try #require(live.first { if case .spec = $0.kind { true } else { false } })
        #expect(specAt.kind == .spec(tight) && specAt.episode == 11)
        let afterSpec = try #require(live.firstIndex(of: specAt)) + 1
        if case .best = live[afterSpec].kind {} else { Issue.record("no best event right after the spec change: \(live[afterSpec])") }
        #expect(live[afterSpec].episode < specAt.episode)

        // Replaying the trials: each best event is the first strictly better met child under
        // the spec in force, and nothing else is one.
        let trials = engine.snapshot.trials
        var expected: [Int] = []
        var best: Double = -1, bestEpisode: Int?
        for t in trials {
            if t.episode == specAt.episode {
                let under = trials.prefix(t.episode - 1).filter { $0.verdict.isTrained && !$0.reused && $0.meets(tight) }
                let top = under.reduce(nil as Trial?) { b, x in (x.accuracy ?? 0) > (b?.accuracy ?? -1) ? x : b }
                best = top?.accuracy ?? -1
                if let top, top.episode != bestEpisode { expected.append(top.episode) }
                bestEpisode = top?.episode
            }
            if t.verdict.isTrained, !t.reused, t.meets(t.spec), let a = t.accuracy, a > best {
                best = a; bestEpisode = t.episode; expected.append(t.episode)
            }
        }
        let bests = live.compactMap { e -> (Int, Double)? in if case .best(let a) = e.kind { (e.episode, a) } else { nil } }
        #expect(!expected.isEmpty)
        #expect(bests.map(\.0) == expected)
        for (episode, accuracy) in bests { #expect(trials[episode - 1].accuracy == accuracy) }
    }

    @Test func aResumeKeepsTheEarlierEventsAndSaysItResumed() throws {
        let dir = temporaryDirectory("events-resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SearchEngine(configuration: .test(episodes: 4, spec: 1_000_000), latency: AnalyticLatency(),
                         trainer: ScriptedTrainer(), runDirectory: dir).run()
        var log = try RunLog.load(dir)
        let earlier = log.events
        log.configuration.episodes = 8
        let engine = try SearchEngine(configuration: log.configuration, latency: AnalyticLatency(), trainer: ScriptedTrainer(),
                                      resuming: log)
        try engine.run()
        let events = engine.snapshot.events
        #expect(Self.outline(Array(events.prefix(earlier.count))) == Self.outline(earlier))
        #expect(events[earlier.count].kind == .started(resumed: true, spec: log.currentSpec) && events[earlier.count].episode == 5)
        #expect(Self.outline(try RunLog.load(dir).events) == Self.outline(events))
        // The best child so far was restored: no event repeats an earlier best.
        let bests = events.filter { if case .best = $0.kind { true } else { false } }.map(\.episode)
        #expect(Set(bests).count == bests.count)
    }

    @Test func linesThatAreNotEventsOrLackTheirFieldAreSkipped() throws {
        func line(_ json: String) throws -> LogLine { try JSONDecoder().decode(LogLine.self, from: Data(json.utf8)) }
        #expect(RunEvent(try line(#"{"type":"trial","time":1,"episode":3}"#)) == nil)
        #expect(RunEvent(try line(#"{"type":"best","time":1,"episode":3}"#)) == nil)
        #expect(RunEvent(try line(#"{"type":"spec","time":1,"episode":3}"#)) == nil)
        #expect(RunEvent(try line(#"{"type":"from-a-newer-fnas","time":1}"#)) == nil)
        let best = try #require(RunEvent(try line(#"{"type":"best","time":1,"episode":3,"accuracy":0.8125}"#)))
        #expect(best.kind == .best(accuracy: 0.8125) && best.text == "new best: episode 3, 81.3% accuracy")
        let failed = try #require(RunEvent(try line(#"{"type":"failed","time":1,"episode":2,"message":"disk full"}"#)))
        #expect(failed.isFailure && failed.text == "failed: disk full")
    }
}
