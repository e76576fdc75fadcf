import EngineTestSupport
import FNASCore
import Testing
@testable import SearchEngine

/// Regularized evolution (Real et al. 2019): population of the newest P, tournament of S,
/// one-decision mutation of the winner; the oldest dies whatever its fitness.
@Suite struct AgingEvolutionTests {
    static let space = SearchSpace.presets[0]   // embedded: 3 layers x (kernel, filters, stride)

    static func trial(_ episode: Int, choices: [Int], accuracy: Double?, verdict: Verdict = .met) throws -> Trial {
        let arch = space.architecture(choices: choices)
        return Trial(episode: episode, architecture: arch, latency: try AnalyticLatency().estimate(arch),
                     spec: LatencySpec(microseconds: 1000)!, verdict: verdict, reason: nil, accuracy: accuracy,
                     reward: 0, baseline: 0, trainingSeconds: nil, curve: [], reused: false)
    }

    static func differences(_ a: [Int], _ b: [Int]) -> Int { zip(a, b).filter { $0 != $1 }.count }

    @Test func thePopulationIsTheNewestPChildrenAndSkippedOnesNeverEnter() throws {
        let evolution = AgingEvolution(population: 3, sampleSize: 2)
        var trials = try (1...5).map { try Self.trial($0, choices: [$0 % 3, 0, 0, 0, 0, 0, 0, 0, 0], accuracy: 0.5) }
        #expect(evolution.living(trials).map(\.episode) == [3, 4, 5])
        trials.append(try Self.trial(6, choices: [0, 1, 0, 0, 0, 0, 0, 0, 0], accuracy: nil, verdict: .skipped))
        #expect(evolution.living(trials).map(\.episode) == [3, 4, 5])
    }

    @Test func childrenAreRandomUntilThePopulationIsFull() throws {
        let evolution = AgingEvolution(population: 4, sampleSize: 2)
        let trials = try (1...3).map { try Self.trial($0, choices: [0, 0, 0, 0, 0, 0, 0, 0, 0], accuracy: 0.9) }
        var a = SeededGenerator(seed: 8), b = SeededGenerator(seed: 8)
        #expect(evolution.nextChoices(after: trials, space: Self.space, using: &a) == Self.space.randomChoices(using: &b))
    }

    @Test func theTournamentWinnerMutatesInExactlyOneDecision() throws {
        // Tournament of the whole population: the winner is always the fittest member.
        let evolution = AgingEvolution(population: 4, sampleSize: 4)
        let best = [2, 1, 1, 0, 2, 0, 1, 1, 1]
        let trials = [try Self.trial(1, choices: [0, 0, 0, 0, 0, 0, 0, 0, 0], accuracy: 0.6),
                      try Self.trial(2, choices: best, accuracy: 0.9),
                      try Self.trial(3, choices: [1, 1, 1, 1, 1, 1, 1, 1, 1], accuracy: nil, verdict: .violated),
                      try Self.trial(4, choices: [2, 2, 1, 2, 2, 1, 2, 2, 1], accuracy: 0.7)]
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<50 {
            let child = evolution.nextChoices(after: trials, space: Self.space, using: &rng)
            #expect(Self.differences(child, best) == 1, "\(child) is not one mutation of \(best)")
            for (i, c) in child.enumerated() { #expect(c < Self.space.kindSizes[Self.space.plan[i]]) }
        }
    }

    @Test func theOldestDiesEvenWhenItIsTheFittest() throws {
        let evolution = AgingEvolution(population: 3, sampleSize: 3)
        let champion = [2, 2, 1, 2, 2, 1, 2, 2, 1], survivor = [1, 0, 0, 1, 0, 0, 1, 0, 0]
        let trials = [try Self.trial(1, choices: champion, accuracy: 0.99),
                      try Self.trial(2, choices: survivor, accuracy: 0.8),
                      try Self.trial(3, choices: [0, 0, 0, 0, 0, 0, 0, 0, 0], accuracy: 0.5),
                      try Self.trial(4, choices: [0, 1, 0, 0, 1, 0, 0, 1, 0], accuracy: nil, verdict: .violated)]
        var rng = SeededGenerator(seed: 2)
        let child = evolution.nextChoices(after: trials, space: Self.space, using: &rng)
        #expect(Self.differences(child, survivor) == 1, "the champion of episode 1 has aged out; the parent is episode 2")
    }

    @Test func anEvolutionSearchRunsWithoutTheControllerAndMutatesAfterThePopulationFills() throws {
        var config = SearchConfiguration.test(episodes: 40, spec: 300, strategy: .evolution)
        config.evolution = AgingEvolution(population: 10, sampleSize: 3)
        config.controller.duplicateResamples = 0
        let engine = try SearchEngine(configuration: config, latency: AnalyticLatency(), trainer: ScriptedTrainer())
        try engine.run()
        let trials = engine.snapshot.trials
        #expect(trials.count == 40 && engine.snapshot.controllerSteps.isEmpty)
        for t in trials.dropFirst(10) {
            let choices = try #require(Self.space.choices(for: t.architecture))
            let parents = trials.prefix(t.episode - 1).suffix(10).compactMap { Self.space.choices(for: $0.architecture) }
            #expect(parents.contains { Self.differences($0, choices) == 1 }, "episode \(t.episode) is one mutation of a living child")
        }
    }

    @Test func badSizesAreRefusedNamingTheField() {
        #expect(throws: InputError(source: "evolution", field: "sampleSize", "must be in 1...population (got 9)")) {
            try AgingEvolution(population: 4, sampleSize: 9).validate()
        }
        #expect(throws: InputError(source: "evolution", field: "population", "must be in 2...10000 (got 1)")) {
            try AgingEvolution(population: 1, sampleSize: 1).validate()
        }
    }
}
