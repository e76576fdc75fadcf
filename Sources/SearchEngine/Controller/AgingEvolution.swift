import FNASCore

/// Regularized (aging) evolution, Real et al., "Regularized Evolution for Image Classifier
/// Architecture Search" (AAAI 2019), with FNAS's latency pruning: the `evolution` strategy.
///
/// The population is the `population` most recent children, oldest first: each new child
/// enters it and the oldest leaves (aging), whatever its fitness. Until the population is full,
/// children are uniformly random. Then a tournament of `sampleSize` members drawn at random
/// picks the fittest as parent, and the child is the parent with one decision changed to
/// another of its choices. Fitness is the accuracy of a trained child that meets the spec in
/// force; a pruned, infeasible or over-spec child ranks below every trained one.
///
/// Stateless between episodes: the population is read off the committed trials, so a resumed
/// run evolves exactly as one that never stopped.
public struct AgingEvolution: Sendable, Hashable, Codable {
    /// Children that live in the population (P in the paper).
    public var population: Int
    /// Members drawn for each tournament (S in the paper).
    public var sampleSize: Int

    /// Defaults for searches of a few hundred episodes (the paper used P = 100, S = 25 over
    /// 20,000 children): a generation turns over every 20 episodes.
    public init(population: Int = 20, sampleSize: Int = 5) {
        self.population = population
        self.sampleSize = sampleSize
    }

    /// Checks the sizes.
    ///
    /// - Throws: ``InputError`` naming the bad field of `source`.
    public func validate(source: String = "evolution") throws {
        if !(2...10_000).contains(population) {
            throw InputError(source: source, field: "population", "must be in 2...10000 (got \(population))")
        }
        if !(1...population).contains(sampleSize) {
            throw InputError(source: source, field: "sampleSize", "must be in 1...population (got \(sampleSize))")
        }
    }

    /// The living population after `trials` (skipped children never entered it), oldest first.
    public func living(_ trials: [Trial]) -> [Trial] {
        Array(trials.lazy.filter { $0.verdict != .skipped }.suffix(population))
    }

    /// A child's fitness: its accuracy when trained within the spec it was judged under, else
    /// -1 (below every trained child).
    public static func fitness(_ trial: Trial) -> Double {
        trial.verdict == .met ? trial.accuracy ?? -1 : -1
    }

    /// The next child's decisions: random while the population fills, else a one-decision
    /// mutation of the tournament winner.
    public func nextChoices(after trials: [Trial], space: SearchSpace, using rng: inout SeededGenerator) -> [Int] {
        let alive = living(trials)
        guard alive.count >= population else { return space.randomChoices(using: &rng) }
        var pool = Array(alive.indices)
        var winner: (trial: Trial, fitness: Double)?
        for _ in 0..<sampleSize {
            let candidate = alive[pool.remove(at: Int(rng.next() % UInt64(pool.count)))]
            let fitness = Self.fitness(candidate)
            // Ties go to the younger member: it has had less time to be overtaken.
            if let w = winner, fitness < w.fitness || (fitness == w.fitness && candidate.episode < w.trial.episode) { continue }
            winner = (candidate, fitness)
        }
        guard let parent = winner?.trial, let choices = space.choices(for: parent.architecture) else {
            return space.randomChoices(using: &rng)
        }
        return Self.mutate(choices, space: space, using: &rng)
    }

    /// `choices` with one decision (among those with more than one choice) set to another choice.
    public static func mutate(_ choices: [Int], space: SearchSpace, using rng: inout SeededGenerator) -> [Int] {
        let sizes = space.kindSizes, plan = space.plan
        let mutable = choices.indices.filter { sizes[plan[$0]] > 1 }
        guard !mutable.isEmpty else { return choices }
        var child = choices
        let i = mutable[Int(rng.next() % UInt64(mutable.count))]
        let others = (0..<sizes[plan[i]]).filter { $0 != choices[i] }
        child[i] = others[Int(rng.next() % UInt64(others.count))]
        return child
    }
}
