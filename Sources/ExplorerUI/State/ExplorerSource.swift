import SearchEngine

/// What the explorer shows and controls: the live engine, or a read-only replay of a run.
///
/// `snapshot()` must return quickly and never block on the engine's work (the UI thread
/// calls it every frame); `send` must be safe from any thread.
public protocol ExplorerSource: Sendable {
    /// The newest published picture of the search.
    func snapshot() -> EngineSnapshot
    /// Asks the engine to do something; a replay ignores the commands it cannot honour.
    func send(_ command: EngineCommand)
}
