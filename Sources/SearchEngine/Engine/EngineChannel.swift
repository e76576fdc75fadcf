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

/// What the engine handle and the engine thread share: the snapshot box, the inbox, subscribers.
///
/// The snapshot box is a `Mutex` held only to copy a struct in or out, so neither side waits
/// on the other's work.
final class EngineChannel: Sendable {
    let box: Mutex<EngineSnapshot>
    let inbox = CommandInbox()
    let subscribers = Mutex<[@Sendable (EngineEvent) -> Void]>([])
    let finished = Mutex<Result<SearchSummary, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)

    init(_ snapshot: EngineSnapshot) {
        box = Mutex(snapshot)
    }

    func emit(_ event: EngineEvent) {
        let handlers = subscribers.withLock { $0 }
        for h in handlers { h(event) }
    }
}
