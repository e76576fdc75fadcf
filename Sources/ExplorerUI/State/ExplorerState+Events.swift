import SearchEngine

extension ExplorerState {
    /// Keys while the event log is open: move (`j k`, PgUp PgDn, `g G`), Enter for the detail
    /// of the episode an event names, `l` or Esc to close; the spec, pause, skip and theme keys
    /// work as in the panes.
    mutating func handleEvents(_ key: Key, snapshot: EngineSnapshot) -> [ExplorerAction] {
        if let actions = passToPanes(key, snapshot: snapshot, returningTo: .events) { return actions }
        let count = snapshot.events.count
        func move(_ delta: Int) { eventIndex = max(0, min(eventIndex + delta, count - 1)) }
        switch key {
        case .character("q"): return [.quit]
        case .character("l"), .escape: overlay = .none
        case .character("?"), .f1: overlay = .help; helpOffset = 0
        case .down, .character("j"): move(1)
        case .up, .character("k"): move(-1)
        case .pageDown: move(Self.pageRows)
        case .pageUp: move(-Self.pageRows)
        case .home, .character("g"): eventIndex = 0
        case .end, .character("G"): eventIndex = max(0, count - 1)
        case .enter:
            guard count > 0 else { status = "no events yet"; return [] }
            let event = snapshot.events[count - 1 - min(eventIndex, count - 1)]
            guard let trial = snapshot.trials.first(where: { $0.episode == event.episode }) else {
                status = "episode \(event.episode) has no sample yet"
                return []
            }
            selectedEpisode = trial.episode
            overlay = .detail(episode: trial.episode)
        default: break
        }
        return []
    }
}
