import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// How every headless command reacts to SIGINT (Ctrl-C) and SIGTERM: the first asks the work to
/// stop cleanly (`stop` runs once, on a private queue); any later one ends the process at once
/// with status 128 + the signal's number, after one line saying so.
///
/// A clean stop ends at the next batch boundary, so the run directory is checkpointed and
/// resumable; the quick exit relies on the run files being crash-consistent anyway. Create it
/// once the work can be stopped; before that, the signals' default action ends the process.
/// `cancel()` gives the signals their default action back.
final class StopSignals {
    private let sources: [any DispatchSourceSignal]
    private let count: Count
    private static let numbers = [SIGINT, SIGTERM]

    private final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    /// - Parameters:
    ///   - quitLine: printed on stderr before the quick exit.
    ///   - stop: asks the work to stop after its current step; gets the signal's number.
    init(quitLine: String, stop: @escaping @Sendable (Int32) -> Void) {
        let queue = DispatchQueue(label: "fnas-stop-signals")
        let count = Count()
        self.count = count
        sources = Self.numbers.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.value.wrappingAdd(1, ordering: .relaxed).newValue == 1 {
                    stop(number)
                } else {
                    FileHandle.standardError.write(Data("\n\(quitLine)\n".utf8))
                    exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }

    /// Whether a stop was asked for (for work that polls instead of being told).
    var raised: Bool { count.value.load(ordering: .relaxed) > 0 }

    /// Stops listening and restores the signals' default action.
    func cancel() {
        for s in sources { s.cancel() }
        for number in Self.numbers { signal(number, SIG_DFL) }
    }
}
