import SearchEngine

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
