import Foundation

/// The result of `body`, run on its own thread, or nil when it has not returned within
/// `seconds`: a regression test for a hang fails instead of hanging the suite (the runaway
/// thread is left behind; the failed test names it).
public func withinDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () throws -> T) -> Result<T, any Error>? {
    let slot = DeadlineSlot<T>(), done = DispatchSemaphore(value: 0)
    let thread = Thread {
        slot.result = Result { try body() }
        done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    guard done.wait(timeout: .now() + seconds) == .success else { return nil }
    return slot.result
}

/// Where the thread leaves its result: written before the semaphore is signalled, read after.
private final class DeadlineSlot<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
