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

/// An ``ExplorerSource`` made of two closures, e.g. for a live engine:
/// `ClosureExplorerSource(snapshot: { engine.snapshot }, send: { engine.send($0) })`.
public struct ClosureExplorerSource: ExplorerSource {
    private let read: @Sendable () -> EngineSnapshot
    private let write: @Sendable (EngineCommand) -> Void

    public init(snapshot: @escaping @Sendable () -> EngineSnapshot, send: @escaping @Sendable (EngineCommand) -> Void) {
        read = snapshot; write = send
    }

    public func snapshot() -> EngineSnapshot { read() }
    public func send(_ command: EngineCommand) { write(command) }
}

/// A source that always shows one snapshot and ignores commands: a finished run read back
/// from its directory for `fnas replay` (spec changes are re-judged by the explorer itself).
public struct FixedExplorerSource: ExplorerSource {
    public let fixed: EngineSnapshot

    /// - Parameter readOnly: marks the snapshot read-only (the default), so the explorer
    ///   re-judges spec changes locally and refuses pause and skip.
    public init(_ snapshot: EngineSnapshot, readOnly: Bool = true) {
        var s = snapshot
        if readOnly { s.readOnly = true }
        fixed = s
    }

    public func snapshot() -> EngineSnapshot { fixed }
    public func send(_ command: EngineCommand) {}
}
