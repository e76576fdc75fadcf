import SearchEngine

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
