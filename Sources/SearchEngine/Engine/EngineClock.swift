/// Where the search reads time: a search's wall time, a child's elapsed training time, the
/// timestamps of the run log, and the rate limits on snapshots and on the headless progress bar.
///
/// The engine reads time only through this protocol. ``SystemClock`` is the real one; a test
/// passes a ``ManualClock`` and advances it by hand (as swift-nio's `EmbeddedEventLoop` does),
/// so elapsed figures become exact numbers and rate limits deterministic.
public protocol EngineClock: Sendable {
    /// Seconds since a fixed origin chosen by the clock; never decreases.
    func now() -> Double

    /// Seconds since 1970, for the timestamps of the run log's lines.
    func timestamp() -> Double
}
