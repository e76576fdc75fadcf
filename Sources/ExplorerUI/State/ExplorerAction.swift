import FNASCore
import SearchEngine

/// Something the explorer asks its host to do after a key.
public enum ExplorerAction: Sendable, Hashable {
    case send(EngineCommand)
    /// Write this trial's architecture and design to a JSON file.
    case export(episode: Int)
    /// Write the Pareto front (CSV and JSON) and the trials table as sorted and filtered (CSV).
    case exportFront
    case cycleTheme
    case quit
}
