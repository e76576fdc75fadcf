import ArgumentParser
import FNASCore
import Foundation
import SearchEngine
import SearchServices

/// `fnas train-child`: the worker an executor runs for one child.
struct TrainChildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-child",
        abstract: "Train one child from a JSON request and print its progress and result as JSON lines (an executor's worker).",
        discussion: """
            The request (docs/file-formats.md, "Worker request") names the architecture, epochs, seed, \
            dataset and training settings. Each batch and epoch is printed as one JSON line \
            ({"type":"batch",...}, {"type":"epoch",...}), then one {"type":"result",...} line; a child \
            that cannot be trained prints one {"type":"failed","message":...} line and exits 1. The \
            trainer is the one a search uses in process: the same request gives the same accuracy.
            """)

    @Option(help: "The request file (default: standard input).")
    var request: String?

    func run() throws {
        try CommandReporter("fnas train-child").run { try execute() }
    }

    private func execute() throws {
        let out = FileHandle.standardOutput
        func emit(_ line: WorkerLine) { out.write(Data((line.json() + "\n").utf8)) }
        do {
            let parsed = try ChildWorker.request(from: try requestBytes(), source: request ?? "stdin")
            // SIGINT or SIGTERM (an executor cancelling the child) stops after the current batch.
            let interrupt = StopSignals(quitLine: "fnas train-child: quit") { _ in }
            defer { interrupt.cancel() }
            try ChildWorker.run(parsed, emit: emit, shouldStop: { interrupt.raised })
        } catch {
            // An executor reads stdout only: say why there too, then fail as every command does.
            emit(.failed("\(error)"))
            throw error
        }
    }

    private func requestBytes() throws -> Data {
        guard let path = request, path != "-" else { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let bytes = FileManager.default.contents(atPath: path) else { throw InputError(source: path, "cannot be read") }
        return bytes
    }
}
