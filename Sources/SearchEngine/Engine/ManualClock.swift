import Synchronization

/// A clock that moves only when told to: the test double for ``EngineClock``.
///
/// Thread-safe: a test advances it from its own thread (or from a trainer double's callback on
/// the engine thread) while the engine reads it.
///
/// ```swift
/// let clock = ManualClock()
/// let trainer = ScriptedTrainer { _, _, _ in clock.advance(by: 0.5) }   // each batch takes 0.5 s
/// let engine = try SearchEngine(configuration: config, latency: model, trainer: trainer, clock: clock)
/// ```
public final class ManualClock: EngineClock {
    private let seconds: Mutex<Double>

    /// A clock reading `start` seconds until it is advanced.
    public init(start: Double = 0) { seconds = Mutex(start) }

    public func now() -> Double { seconds.withLock { $0 } }

    /// The same reading as ``now()``: start a manual clock at a plausible date (e.g.
    /// 1_700_000_000) when a test reads the log's timestamps as dates.
    public func timestamp() -> Double { now() }

    /// Moves the clock forward by `delta` seconds. Time never runs backwards, so a negative or
    /// non-finite `delta` leaves the clock where it is.
    public func advance(by delta: Double) {
        guard delta.isFinite, delta > 0 else { return }
        seconds.withLock { $0 += delta }
    }
}
