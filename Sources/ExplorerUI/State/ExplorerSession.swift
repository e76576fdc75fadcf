import FNASCore
import FPGAModel
import SearchEngine

/// The explorer's state plus the host services keys need (themes, export), turning a key into
/// the engine commands to send. The backend owns one; tests drive it directly.
public struct ExplorerSession: Sendable {
    public var state: ExplorerState
    public var themes: [Theme]
    /// Where exports go when the snapshot names no run directory.
    public var exportDirectory: String
    public var writeFile: FileWriter
    /// How long a status message stays when no key clears it.
    public static let statusSeconds = 6.0
    private var statusSeen = (serial: -1, since: 0.0)

    public init(state: ExplorerState = ExplorerState(), themes: [Theme], exportDirectory: String, writeFile: @escaping FileWriter) {
        self.state = state; self.themes = themes; self.exportDirectory = exportDirectory; self.writeFile = writeFile
    }

    /// Clears a status message shown for ``statusSeconds`` by `now` (seconds on any steady
    /// clock); the host calls it every frame. A new message (even the same text again) starts
    /// its own time.
    public mutating func expireStatus(now: Double) {
        if state.statusSerial != statusSeen.serial {
            statusSeen = (state.statusSerial, now)
        } else if state.status != nil, now - statusSeen.since >= Self.statusSeconds {
            state.status = nil
            statusSeen = (state.statusSerial, now)
        }
    }

    /// The theme in use.
    public var theme: Theme? { themes.isEmpty ? nil : themes[state.themeIndex % themes.count] }

    /// What the host must do after a key.
    public struct Outcome: Sendable, Hashable {
        public var commands: [EngineCommand] = []
        public var quit = false
    }

    /// Applies a key: updates the state, performs exports and theme changes, and returns the
    /// commands for the engine and whether to quit.
    public mutating func press(_ key: Key, snapshot: EngineSnapshot) -> Outcome {
        var outcome = Outcome()
        for action in state.handle(key, snapshot: snapshot) {
            switch action {
            case .send(let command): outcome.commands.append(command)
            case .quit: outcome.quit = true
            case .cycleTheme:
                guard !themes.isEmpty else { break }
                state.themeIndex = (state.themeIndex + 1) % themes.count
                state.status = "theme \(themes[state.themeIndex].name)"
            case .export(let episode):
                guard let trial = snapshot.trials.first(where: { $0.episode == episode }) else { break }
                let directory = snapshot.runDirectory ?? exportDirectory
                let path = TrialExport.path(directory: directory, episode: episode)
                do {
                    try writeFile(path, try TrialExport(trial: trial, snapshot: snapshot).json())
                    state.status = "exported #\(episode) to \(path)"
                } catch {
                    state.status = "export failed: \(path): \(error)"
                }
            case .exportFront:
                let directory = snapshot.runDirectory ?? exportDirectory
                let export = FrontExport(snapshot: snapshot, state: state)
                var current = directory
                do {
                    for file in try export.files(in: directory) {
                        current = file.path
                        try writeFile(file.path, file.contents)
                    }
                    state.status = export.summary(directory: directory)
                } catch {
                    state.status = "export failed: \(current): \(error)"
                }
            }
        }
        return outcome
    }
}
