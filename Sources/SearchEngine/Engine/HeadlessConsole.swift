import FNASCore
import Synchronization

/// The text a headless search prints: one line per episode, a progress bar redrawn in place
/// on a terminal, notices for commands, and the final summary.
///
/// Subscribe `handle` to an engine. Rendering is separate from output: a ``ConsoleOutput``
/// receives whole lines and the progress status, and decides how to show them (a front end
/// redraws the status in place; tests collect both).
public final class HeadlessConsole: Sendable {
    private let episodes: Int
    private let output: any ConsoleOutput
    private let clock: any EngineClock
    private let extendAdvice: String
    private let state = Mutex(State())

    private struct State {
        var lastDraw: Double?
        var committed = 0
    }

    /// The shortest time between two unforced redraws of the progress bar.
    public static let redrawInterval = 0.1

    /// - Parameters:
    ///   - episodes: planned episodes, for the progress bar.
    ///   - committed: episodes already done (on resume).
    ///   - clock: what rate-limits batch redraws to one per ``redrawInterval``.
    ///   - extendAdvice: how the user asks for more episodes, shown when a resumed run has all
    ///     of its episodes already (a front end names its own flags here).
    ///   - output: where lines and the progress status go.
    public init(episodes: Int, committed: Int = 0, clock: any EngineClock = SystemClock(),
                extendAdvice: String = "resume it with more episodes to extend it", output: any ConsoleOutput) {
        self.episodes = episodes
        self.extendAdvice = extendAdvice
        self.clock = clock
        self.output = output
        state.withLock { $0.committed = committed }
    }

    /// `[#########...........]  12/50`.
    public static func progressBar(done: Int, total: Int, width: Int = 20) -> String {
        let filled = total > 0 ? min(width, max(0, done * width / total)) : 0
        let count = String(done).count < String(total).count
            ? String(repeating: " ", count: String(total).count - String(done).count) + String(done) : String(done)
        return "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] \(count)/\(total)"
    }

    public func handle(_ event: EngineEvent) {
        switch event {
        case let .started(episode, resumed):
            if resumed && episode > episodes {
                line("the run already has all \(counted(episodes, "episode")); \(extendAdvice)")
            } else if resumed {
                line("resuming at episode \(episode) of \(episodes)")
            }
        case let .sampled(episode, architecture, explored):
            bar("#\(episode) \(architecture.compactLayers)\(explored ? " (explore)" : "") estimating latency", force: true)
        case let .trainingStarted(episode, architecture, reused):
            if !reused { bar("#\(episode) \(architecture.compactLayers) training", force: true) }
        case let .batch(episode, epoch, batch, perEpoch, loss, _):
            bar("#\(episode) epoch \(epoch) batch \(batch)/\(perEpoch) loss \(formatDecimal(loss, places: 3))", force: false)
        case .trained(let t), .pruned(let t), .skipped(let t):
            state.withLock { $0.committed = t.episode }
            line(t.summaryLine)
        case let .specChanged(from, to):
            line("spec changed: \(from) -> \(to)")
        case .paused:
            line("paused")
        case .resumed:
            line("resumed")
        case .finished(let summary):
            for l in summary.lines { line(l) }
        case .failed(let message):
            line("search failed: \(message)")
        case .latencyEstimated, .epoch, .controllerUpdated:
            break
        }
    }

    /// Prints a whole line (the output clears a progress status that is showing).
    public func line(_ text: String) {
        output.line(text)
    }

    private func bar(_ status: String, force: Bool) {
        guard output.showsStatus else { return }
        let now = clock.now()
        let committed: Int? = state.withLock { s in
            if !force, let last = s.lastDraw, now - last < Self.redrawInterval { return nil }
            s.lastDraw = now
            return s.committed
        }
        guard let committed else { return }
        output.status(Self.progressBar(done: committed, total: episodes) + "  " + status)
    }
}
