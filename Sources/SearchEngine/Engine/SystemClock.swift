import Foundation

/// The machine's monotonic clock (`ContinuousClock`), in seconds since this value was created,
/// and the calendar clock for log timestamps.
///
/// Thread-safe: it holds only its immutable origin.
public struct SystemClock: EngineClock {
    private let origin: ContinuousClock.Instant

    /// A clock reading 0 now.
    public init() { origin = ContinuousClock.now }

    public func now() -> Double {
        let d = ContinuousClock.now - origin
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    public func timestamp() -> Double { Date().timeIntervalSince1970 }
}
