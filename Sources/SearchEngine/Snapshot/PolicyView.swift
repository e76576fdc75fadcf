import FNASCore

/// What the search has learned so far, per layer and per decision: the probability of each
/// choice (kernel, filters, stride). The explorer draws it live.
///
/// - `controller` (fnas, nas): the LSTM's distributions along its most likely child, each
///   decision's distribution given the most likely choices before it (the controller is
///   autoregressive, so there is no single per-decision distribution).
/// - `population` (evolution): the share of the living population with each choice.
/// - `uniform` (random): every choice equally likely, always.
public struct PolicyView: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        case controller, population, uniform
    }

    /// One decision of one layer.
    public struct Decision: Sendable, Hashable {
        public var kind: SearchSpace.Kind
        /// The choices' values (e.g. kernels 3, 5, 7), in the space's order.
        public var values: [Int]
        /// One per value, summing to 1.
        public var probabilities: [Double]

        public init(kind: SearchSpace.Kind, values: [Int], probabilities: [Double]) {
            self.kind = kind; self.values = values; self.probabilities = probabilities
        }

        /// The index of the most likely choice (the first of equals).
        public var likeliest: Int {
            probabilities.indices.max { probabilities[$0] < probabilities[$1] || (probabilities[$0] == probabilities[$1] && $0 > $1) } ?? 0
        }
    }

    public var source: Source
    /// `layers[l]` holds layer l + 1's decisions in sampling order (kinds with one choice are
    /// fixed and absent).
    public var layers: [[Decision]]
    /// For `population`: how many children it holds; 0 otherwise.
    public var populationSize: Int
    /// The child of every decision's likeliest choice, in compact form (`k5f16s2,k3f8`).
    public var likeliestChild: String

    public init(source: Source, layers: [[Decision]], populationSize: Int = 0, likeliestChild: String) {
        self.source = source; self.layers = layers; self.populationSize = populationSize
        self.likeliestChild = likeliestChild
    }

    init(source: Source, distributions: [[Double]], space: SearchSpace, populationSize: Int = 0) {
        let layers = Self.grouped(distributions, space: space)
        let indices = layers.flatMap { $0.map(\.likeliest) }
        let child = indices.count == space.plan.count ? space.architecture(choices: indices).compactLayers : ""
        self.init(source: source, layers: layers, populationSize: populationSize, likeliestChild: child)
    }

    /// The view of `configuration`'s strategy after `trials`: the controller's (nil when there
    /// is none to show), evolution's living population, or random's uniform odds.
    public static func of(_ configuration: SearchConfiguration, controller: LSTMController?, trials: [Trial]) -> PolicyView? {
        let space = configuration.space
        switch configuration.strategy {
        case .fnas, .nas: return controller.map { .controller($0, space: space) }
        case .evolution: return .population((configuration.evolution ?? AgingEvolution()).living(trials), space: space)
        case .random: return .uniform(space: space)
        }
    }

    /// The controller's view: its distributions along the greedy path.
    public static func controller(_ controller: LSTMController, space: SearchSpace) -> PolicyView {
        let steps = controller.run { p, _ in p.indices.max { p[$0] < p[$1] } ?? 0 }.steps.map(\.probabilities)
        return PolicyView(source: .controller, distributions: steps, space: space)
    }

    /// Aging evolution's view: choice frequencies among the living population.
    public static func population(_ alive: [Trial], space: SearchSpace) -> PolicyView {
        var counts = space.plan.map { [Double](repeating: 0, count: space.kindSizes[$0]) }
        var members = 0
        for trial in alive {
            guard let choices = space.choices(for: trial.architecture) else { continue }
            members += 1
            for (t, c) in choices.enumerated() { counts[t][c] += 1 }
        }
        let distributions = members == 0
            ? space.plan.map { [Double](repeating: 1 / Double(space.kindSizes[$0]), count: space.kindSizes[$0]) }
            : counts.map { $0.map { $0 / Double(members) } }
        return PolicyView(source: .population, distributions: distributions, space: space, populationSize: members)
    }

    /// Random search's view: uniform.
    public static func uniform(space: SearchSpace) -> PolicyView {
        let distributions = space.plan.map { [Double](repeating: 1 / Double(space.kindSizes[$0]), count: space.kindSizes[$0]) }
        return PolicyView(source: .uniform, distributions: distributions, space: space)
    }

    /// Splits per-decision distributions (in plan order) into layers.
    static func grouped(_ distributions: [[Double]], space: SearchSpace) -> [[Decision]] {
        let kinds = space.decisionKinds
        guard !kinds.isEmpty else { return [] }
        return stride(from: 0, to: distributions.count, by: kinds.count).map { start in
            kinds.enumerated().compactMap { offset, kind in
                let t = start + offset
                guard t < distributions.count else { return nil }
                return Decision(kind: kind, values: space.choices(kind), probabilities: distributions[t])
            }
        }
    }
}
