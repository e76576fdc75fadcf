import EngineTestSupport
import FNASCore
import FPGAModel
import Testing
@testable import SearchEngine

/// What the explorer shows of the strategy's learning: the controller's distributions along its
/// most likely child, evolution's population shares, random search's uniform choices.
@Suite("Policy view")
struct PolicyViewTests {
    static let space = SearchSpace.presets[0]   // embedded: 3 layers of kernel, filters, stride

    static func trial(_ choices: [Int], episode: Int = 1) throws -> Trial {
        let arch = space.architecture(choices: choices)
        return Trial(episode: episode, architecture: arch, latency: try AnalyticLatency().estimate(arch),
                     spec: LatencySpec(microseconds: 100)!, verdict: .violated, reason: nil, accuracy: nil, reward: -0.1,
                     baseline: 0, trainingSeconds: nil, curve: [], reused: false)
    }

    @Test func theControllerViewFollowsItsMostLikelyChild() {
        var rng = SeededGenerator(seed: 5)
        var controller = LSTMController(config: ControllerSettings(learningRate: 0.05, entropyWeight: 0), kindSizes: Self.space.kindSizes,
                                        plan: Self.space.plan, rng: &rng)
        // Teach it one child so the distributions are far from uniform.
        let taught = [2, 1, 0, 0, 2, 1, 1, 0, 0]
        for _ in 0..<150 { controller.update(actions: taught, advantage: 1) }
        let view = PolicyView.controller(controller, space: Self.space)
        #expect(view.source == .controller)
        #expect(view.layers.count == 3 && view.layers.allSatisfy { $0.map(\.kind) == [.kernel, .filters, .stride] })
        #expect(view.layers.joined().allSatisfy { abs($0.probabilities.reduce(0, +) - 1) < 1e-9 })
        let likeliest = view.layers.joined().map(\.likeliest)
        #expect(likeliest == taught)
        // Each decision's distribution is the controller's given the likeliest choices before it.
        #expect(view.layers.joined().map(\.probabilities) == controller.probabilities(following: likeliest))
        #expect(view.likeliestChild == Self.space.architecture(choices: taught).compactLayers)
        #expect(view.layers[0][0].values == [3, 5, 7] && view.layers[0][1].values == [4, 8, 16])
    }

    @Test func thePopulationViewCountsItsMembersChoices() throws {
        let members = try [[0, 0, 0, 0, 0, 0, 0, 0, 0], [0, 1, 0, 2, 2, 1, 0, 0, 0],
                           [1, 2, 1, 2, 2, 1, 0, 0, 0], [0, 2, 1, 2, 0, 1, 0, 0, 1]].map { try Self.trial($0) }
        let view = PolicyView.population(members, space: Self.space)
        #expect(view.source == .population && view.populationSize == 4)
        #expect(view.layers[0][0].probabilities == [0.75, 0.25, 0])     // kernels 3, 3, 5, 3
        #expect(view.layers[0][1].probabilities == [0.25, 0.25, 0.5])   // filters 4, 8, 16, 16
        #expect(view.layers[1][0].probabilities == [0.25, 0, 0.75])
        #expect(view.layers[2][2].probabilities == [0.75, 0.25])        // strides of layer 3
    }

    @Test func randomSearchIsUniformAndAnEmptyPopulationToo() {
        let uniform = PolicyView.uniform(space: Self.space)
        #expect(uniform.layers.joined().allSatisfy { Set($0.probabilities).count == 1 })
        #expect(PolicyView.population([], space: Self.space).layers == uniform.layers)
    }

    @Test(arguments: [SearchStrategy.fnas, .nas, .evolution, .random])
    func theEnginePublishesItsStrategysView(strategy: SearchStrategy) throws {
        let engine = try SearchEngine(configuration: .test(episodes: 25, strategy: strategy), latency: AnalyticLatency(),
                                      trainer: ScriptedTrainer())
        try engine.run()
        let view = try #require(engine.snapshot.policy)
        switch strategy {
        case .fnas, .nas:
            #expect(view.source == .controller)
            #expect(view != PolicyView.uniform(space: Self.space), "25 updates moved it off the initial weights' view")
        case .evolution:
            #expect(view.source == .population && view.populationSize == 20)
        case .random:
            #expect(view == PolicyView.uniform(space: Self.space))
        }
    }
}
