import Foundation
import Synchronization

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
