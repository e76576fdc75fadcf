import Foundation
import Synchronization

/// Commands sent to the engine, waiting to be taken by the engine thread.
///
/// `@unchecked Sendable`: every access to `pending` holds `condition`'s lock.
final class CommandInbox: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [EngineCommand] = []

    func post(_ command: EngineCommand) {
        condition.lock()
        pending.append(command)
        condition.signal()
        condition.unlock()
    }

    /// Takes every pending command without waiting.
    func take() -> [EngineCommand] {
        condition.lock()
        defer { condition.unlock() }
        let out = pending
        pending.removeAll()
        return out
    }

    /// Waits until at least one command is pending, then takes them all.
    func waitAndTake() -> [EngineCommand] {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty { condition.wait() }
        let out = pending
        pending.removeAll()
        return out
    }
}
