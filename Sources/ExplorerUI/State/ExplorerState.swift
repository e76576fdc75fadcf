import FNASCore
import SearchEngine

/// The explorer's own state (focus, selection, overlays, the spec the user chose), separate
/// from the engine's. Rendering reads it; `handle(_:snapshot:)` is the only way it changes.
public struct ExplorerState: Sendable, Hashable {
    /// The five panes, numbered as the digit keys select them.
    public enum Pane: Int, Sendable, Hashable, CaseIterable {
        case samples = 1, latency, pruning, accuracy, pareto

        public var title: String {
            switch self {
            case .samples: "Controller samples"
            case .latency: "Latency vs spec"
            case .pruning: "Pruning decisions"
            case .accuracy: "Accuracy curves"
            case .pareto: "Pareto: accuracy vs latency"
            }
        }
    }

    /// What is drawn over the panes.
    public enum Overlay: Sendable, Hashable {
        case none
        case help
        /// Full detail of one trial, by episode.
        case detail(episode: Int)
        /// The `=` input line for an exact spec; `error` is shown until the next edit.
        case specInput(text: String, error: String?)
        /// Every trial in one sortable, filterable table (`T`).
        case trials
        /// The event log (`l`).
        case events
        /// Two children side by side (`c`), by episode.
        case compare(Int, Int)
    }

    public var focus: Pane = .samples
    /// The trials table's sort, filter and `/` line; kept while it is closed.
    public var table = TrialsTable()
    /// True while the table is open, also under a detail view or help opened from it (Esc
    /// returns to the table).
    public var tableOpen = false
    /// The focused pane fills the screen (`z`).
    public var expanded = false
    /// Pane 1 shows what the strategy has learned instead of the samples (`p`).
    public var showsPolicy = false
    /// The episode the user moved to; nil follows the newest sample.
    public var selectedEpisode: Int?
    /// The spec the user set with `+ - [ ] =`; nil shows the engine's spec.
    public var spec: LatencySpec?
    public var overlay: Overlay = .none
    /// A one-line message in the hint bar until the next key or for
    /// ``ExplorerSession/statusSeconds`` (errors, export path).
    public var status: String? { didSet { statusSerial &+= 1 } }
    /// Counts assignments to `status`, so the same text set again counts as a new message.
    public private(set) var statusSerial = 0
    /// Episodes marked with `m` for comparison, the older first (at most two).
    public var marked: [Int] = []
    /// The selected row of the event log, 0 the newest.
    public var eventIndex = 0
    /// First help line shown (the overlay scrolls on small terminals).
    public var helpOffset = 0
    /// Index into the available themes (cycled with `t`).
    public var themeIndex = 0

    public init() {}

    /// The spec the panes judge against: the user's choice, else the engine's.
    public func effectiveSpec(_ snapshot: EngineSnapshot) -> LatencySpec { spec ?? snapshot.spec }

    /// Trials newest first, the order of the samples table.
    public static func newestFirst(_ snapshot: EngineSnapshot) -> NewestFirst { NewestFirst(snapshot.trials) }

    /// Index (newest first) of the selected trial, or nil when there are no trials.
    public func selectedIndex(_ snapshot: EngineSnapshot) -> Int? {
        guard !snapshot.trials.isEmpty else { return nil }
        guard let episode = selectedEpisode else { return 0 }
        return Self.newestFirst(snapshot).position(ofEpisode: episode) ?? 0
    }

    /// The selected trial: the user's choice, else the newest.
    public func selectedTrial(_ snapshot: EngineSnapshot) -> Trial? {
        guard let i = selectedIndex(snapshot) else { return nil }
        return Self.newestFirst(snapshot)[i]
    }

    /// True when the selection follows new samples as they arrive.
    public var followsLive: Bool { selectedEpisode == nil }
}
