import FNASCore
import Foundation
import SearchEngine
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Trains each child in a worker process (`fnas train-child`): the request goes to its standard
/// input, its JSON lines come back as the engine's progress events, and its result line is the
/// outcome. The child is trained exactly as in process (the worker runs the same trainer), so a
/// search gets the same accuracies whichever it uses; what changes is where the work runs.
///
/// `shouldStop` is honoured by sending the worker SIGTERM: it finishes its batch and reports a
/// cancelled result. A worker that fails, or exits without a result, is an error naming why.
public struct WorkerProcessTrainer: ChildTraining {
    /// The worker's executable and the arguments before the request, e.g. `[fnas, "train-child"]`.
    public let command: [String]
    /// The dataset by name, as the worker loads it.
    public let dataset: String
    public let settings: TrainingSettings
    /// Answers ``untrainableReason(_:)`` here, from the same dataset, without starting a process.
    let local: ChildTrainerAdapter

    /// - Parameters:
    ///   - command: the worker's executable (an absolute path) and its arguments.
    ///   - local: the in-process trainer over the same dataset and settings, for the checks
    ///     made before a child is handed out.
    public init(command: [String], dataset: String, local: ChildTrainerAdapter) {
        self.command = command; self.dataset = dataset; self.settings = local.settings; self.local = local
    }

    public func untrainableReason(_ architecture: Architecture) -> String? { local.untrainableReason(architecture) }

    /// What went wrong with a worker.
    public struct WorkerError: Error, CustomStringConvertible {
        public var description: String
    }

    public func train(_ architecture: Architecture, epochs: Int, seed: UInt64,
                      progress: (ChildTrainingEvent) -> Void, shouldStop: () -> Bool) throws -> ChildTrainingOutcome {
        let request = ChildTrainingRequest(architecture: architecture, epochs: epochs, seed: seed, dataset: dataset, training: settings)
        guard let executable = command.first else { throw WorkerError(description: "no worker command") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let lines = LineQueue()
        let stderrText = Mutex("")
        do { try process.run() } catch {
            throw WorkerError(description: "cannot start the worker \(executable): \(error)")
        }
        // Read both pipes on threads of their own, so a full pipe never blocks the worker.
        let reader = Thread { lines.read(output.fileHandleForReading) }
        reader.start()
        Thread {
            let data = errors.fileHandleForReading.readDataToEndOfFile()
            stderrText.withLock { $0 = String(decoding: data, as: UTF8.self) }
        }.start()
        input.fileHandleForWriting.write(Data((try JSONEncoder().encode(request))))
        try? input.fileHandleForWriting.close()

        var outcome: ChildTrainingOutcome?
        var failure: String?
        var stopSent = false
        while true {
            if !stopSent, shouldStop() {
                stopSent = true
                kill(process.processIdentifier, SIGTERM)
            }
            guard let next = lines.next(timeout: 0.05) else { continue }
            guard let text = next else { break }   // end of output
            guard let line = try? WorkerLine.decode(Substring(text)) else {
                failure = "the worker printed a line that is not a worker line: \(text.prefix(200))"
                continue
            }
            if let event = line.event { progress(event) }
            if line.type == "result" { outcome = line.outcome }
            if line.type == "failed" { failure = line.message ?? "the worker failed" }
        }
        process.waitUntilExit()
        if let outcome, failure == nil { return outcome }
        let why = failure ?? "the worker exited with status \(process.terminationStatus) without a result"
        let detail = stderrText.withLock { $0 }.split(separator: "\n").last.map { String($0) }
        throw WorkerError(description: detail.map { $0.contains(why) ? $0 : why + " (" + $0 + ")" } ?? why)
    }
}

/// Lines read from a pipe on one thread, taken on another; nil marks the end.
private final class LineQueue: Sendable {
    private let lines = Mutex<[String?]>([])
    private let ready = DispatchSemaphore(value: 0)

    func read(_ handle: FileHandle) {
        var buffer = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                push(line)
            }
        }
        if !buffer.isEmpty { push(String(decoding: buffer, as: UTF8.self)) }
        push(nil)
    }

    private func push(_ line: String?) {
        lines.withLock { $0.append(line) }
        ready.signal()
    }

    /// The next line (`.some(nil)` at the end), or nil when none came within `timeout` seconds.
    func next(timeout: Double) -> String?? {
        guard ready.wait(timeout: .now() + timeout) == .success else { return nil }
        return lines.withLock { $0.removeFirst() }
    }
}
