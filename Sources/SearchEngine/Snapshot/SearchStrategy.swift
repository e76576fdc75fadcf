/// How the search treats latency.
public enum SearchStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// FNAS: prune children over the spec with a negative reward; train the rest.
    case fnas
    /// Accuracy-only NAS: train every child; latency is recorded but unused.
    case nas
    /// Random search with the same pruning as FNAS (the controller is not used).
    case random
    /// Regularized (aging) evolution with the same pruning as FNAS (``AgingEvolution``; the
    /// controller is not used).
    case evolution
}
