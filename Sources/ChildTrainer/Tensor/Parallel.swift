import Foundation
import Synchronization

/// Splits `0..<count` into contiguous chunks (up to four per thread) and runs `body` on each,
/// with `threads` workers taking the next chunk as they become free.
///
/// Chunk boundaries depend only on `count` and `threads`, and each index is handled by exactly
/// one call, so work that is independent per index gives the same result on every run. Several
/// chunks per thread keep both cores busy when another process slows one of them down.
func parallelChunks(_ count: Int, threads: Int, _ body: (_ chunk: Int, _ range: Range<Int>) -> Void) {
    let chunks = max(1, min(count, threads > 1 ? threads * 4 : 1))
    if chunks == 1 {
        body(0, 0..<count)
        return
    }
    parallelWork(chunks, threads: threads) { _, chunk in
        body(chunk, (count * chunk / chunks)..<(count * (chunk + 1) / chunks))
    }
}

/// Runs `body(worker, index)` for every index in `0..<count` on up to `threads` workers that
/// take the next index as they become free, so a worker slowed down by another process does not
/// hold the others back. `worker` (in `0..<threads`) selects per-worker scratch space. With one
/// thread the indices run in order on the caller's thread.
func parallelWork(_ count: Int, threads: Int, _ body: (_ worker: Int, _ index: Int) -> Void) {
    let workers = max(1, min(threads, count))
    if workers == 1 {
        for i in 0..<count { body(0, i) }
        return
    }
    let next = WorkCounter()
    withoutActuallyEscaping(body) { body in
        let box = UncheckedSendableBox(body)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                let i = next.take()
                if i >= count { break }
                box.value(worker, i)
            }
        }
    }
}

/// A shared "next index" for ``parallelWork(_:threads:_:)``.
final class WorkCounter: Sendable {
    private let value = Atomic<Int>(0)
    func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
}

@usableFromInline
struct UncheckedSendableBox<Value>: @unchecked Sendable {
    @usableFromInline let value: Value
    @usableFromInline init(_ value: Value) { self.value = value }
}

/// A block of floats allocated once and reused across batches (im2col columns, gradient
/// accumulators). Not thread-safe: each thread uses its own.
final class Scratch: @unchecked Sendable {
    private(set) var pointer: UnsafeMutablePointer<Float>
    private(set) var capacity: Int

    init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        pointer = .allocate(capacity: self.capacity)
    }

    /// A pointer to at least `count` floats (contents unspecified).
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if count > capacity {
            pointer.deallocate()
            capacity = count
            pointer = .allocate(capacity: count)
        }
        return pointer
    }

    deinit { pointer.deallocate() }
}
