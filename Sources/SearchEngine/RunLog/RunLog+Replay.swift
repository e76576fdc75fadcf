import FNASCore

extension RunLog {
    /// What `fnas replay DIR --print` shows: a header, one line per committed trial (as a
    /// headless search printed them), the counts and the best child under the run's current spec.
    ///
    /// The wall-time line of a live summary is left out: the log does not record it.
    public var replayLines: [String] {
        let c = configuration
        let state = trials.count >= c.episodes ? "finished" : "stopped or interrupted"
        var lines = ["run \(directory): \(c.space.name) on \(c.board.name), spec \(currentSpec), "
                     + "\(c.strategy.rawValue)/\(c.reward.form.rawValue), \(trials.count) of \(counted(c.episodes, "episode")) (\(state)), seed \(c.seed)"]
        lines += trials.map(\.summaryLine)
        let summary = SearchSummary(trials: trials, spec: currentSpec, wallSeconds: 0, stopped: trials.count < c.episodes)
        let all = summary.lines
        if let counts = all.first { lines.append(counts) }
        if all.count > 1, let best = all.last { lines.append(best) }
        return lines
    }
}
