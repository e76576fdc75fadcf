/// How a sampled child was judged against the latency spec.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// Latency within the spec: the child was trained.
    case met
    /// Latency over the spec: pruned, never trained.
    case violated
    /// The architecture cannot be mapped onto the board at all: pruned.
    case infeasible
    /// Was training, but a spec change made it violate: stopped and recorded as pruned.
    case prunedLate
    /// Was training and the user skipped it: no accuracy, no controller update.
    case skipped
    /// Latency over the spec, trained anyway: accuracy-only NAS ignores latency.
    case trainedOverSpec

    /// True for every verdict whose child finished training and has an accuracy.
    public var isTrained: Bool { self == .met || self == .trainedOverSpec }

    /// True for every verdict that kept the child from finishing training.
    public var isPruned: Bool { self == .violated || self == .infeasible || self == .prunedLate }
}
