import FNASCore
import Foundation
import SearchEngine

/// What `e` writes to the run directory: the Pareto front of pane 5 (the trained children no
/// other beats on both latency and accuracy, fastest first) as CSV and JSON, and the trials
/// table as the user has it sorted and filtered, as CSV. The CSVs have trials.csv's columns.
public struct FrontExport: Sendable {
    public static let frontCSV = "pareto.csv"
    public static let frontJSON = "pareto.json"
    public static let viewCSV = "trials-view.csv"

    public var front: [Trial]
    public var view: [Trial]
    public var table: TrialsTable
    public var snapshot: EngineSnapshot
    public var spec: LatencySpec

    public init(snapshot: EngineSnapshot, state: ExplorerState) {
        self.snapshot = snapshot
        table = state.table
        spec = state.effectiveSpec(snapshot)
        front = ParetoPane.front(snapshot.trials)
        view = TrialsMemo.shared.rows(snapshot.trials, state.table).rows
    }

    /// One child of the front in pareto.json.
    struct Point: Codable {
        var episode: Int
        var architecture: Architecture
        var latencyMs: Double
        var accuracy: Double
        var meetsSpec: Bool
        var reusedFrom: Int?
    }

    /// pareto.json: the run, the board, the spec the explorer judges by, and the front.
    struct Document: Codable {
        var formatVersion: Int
        var run: String
        var board: String
        var spec: String
        var children: Int
        var front: [Point]
    }

    public func frontJSONText() throws -> String {
        let points = front.map {
            Point(episode: $0.episode, architecture: $0.architecture, latencyMs: $0.latency.latencyMs,
                  accuracy: $0.accuracy ?? 0, meetsSpec: $0.meets(spec), reusedFrom: $0.reusedFrom)
        }
        let document = Document(formatVersion: Architecture.formatVersion, run: snapshot.runName, board: snapshot.board.name,
                                spec: spec.description, children: snapshot.trials.count, front: points)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// The files and their contents, in the order they are written.
    public func files(in directory: String) throws -> [(path: String, contents: String)] {
        func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }
        return [(path(Self.frontCSV), TrialsCSV.render(front)), (path(Self.frontJSON), try frontJSONText()),
                (path(Self.viewCSV), TrialsCSV.render(view))]
    }

    /// The status line after a successful export.
    public func summary(directory: String) -> String {
        let filter = table.filter.isEmpty ? "" : ", filter \(table.filter.source)"
        return "exported the Pareto front (\(counted(front.count, "child", plural: "children"))) and the trials view "
            + "(\(counted(view.count, "row")), by \(table.sort.rawValue)\(filter)) to \(directory): "
            + "\(Self.frontCSV), \(Self.frontJSON), \(Self.viewCSV)"
    }
}
