/// What a user can plan by, from the rates the search has shown so far: children per minute
/// and the time the remaining episodes should take.
///
/// The remaining time counts training and the rest separately: each remaining episode costs
/// the engine's own time per episode (sampling, latency model, controller update, writing:
/// the active time not spent training, over the episodes done) plus, as often as recent
/// episodes trained a fresh child, the mean training time of recent fresh children. The child
/// in training counts what is left of that mean. Recent = the last ``window`` episodes, so a
/// spec change or a controller that has learned to avoid pruned children shows within them.
public struct ProgressEstimate: Sendable, Hashable {
    /// Children (every verdict) per minute of active time.
    public var childrenPerMinute: Double?
    /// Seconds the remaining episodes should take; nil until 3 episodes are done, or once the
    /// search has ended.
    public var remainingSeconds: Double?

    public static let window = 100

    public init(childrenPerMinute: Double?, remainingSeconds: Double?) {
        self.childrenPerMinute = childrenPerMinute; self.remainingSeconds = remainingSeconds
    }

    public init(_ s: EngineSnapshot) {
        let done = s.trials.count
        let active = s.elapsedSeconds
        childrenPerMinute = done > 0 && active > 0 && active.isFinite ? Double(done) / active * 60 : nil
        remainingSeconds = nil
        let ended = s.state == .finished || s.state == .failed || s.state == .stopping
        guard !ended, done >= 3, active.isFinite, active > 0 else { return }
        var trainingSeconds = 0.0
        for t in s.trials where t.verdict.isTrained && !t.reused { trainingSeconds += t.trainingSeconds ?? 0 }
        let inTraining = s.current.map { max(0, $0.elapsedSeconds) } ?? 0
        let perEpisode = max(0, active - trainingSeconds - inTraining) / Double(done)
        let recent = s.trials.suffix(Self.window)
        let fresh = recent.filter { $0.verdict.isTrained && !$0.reused }
        let freshShare = Double(fresh.count) / Double(recent.count)
        let freshSeconds = fresh.compactMap(\.trainingSeconds).filter(\.isFinite)
        let meanTraining = freshSeconds.isEmpty ? 0 : freshSeconds.reduce(0, +) / Double(freshSeconds.count)
        var left = Double(max(0, s.episodesPlanned - done)) * (perEpisode + freshShare * meanTraining)
        if s.current != nil, s.episodesPlanned > done {
            // The child in training is one of the remaining episodes, and it will be trained.
            left += max(0, meanTraining - inTraining) - freshShare * meanTraining
        }
        remainingSeconds = left.isFinite ? max(0, left) : nil
    }
}
