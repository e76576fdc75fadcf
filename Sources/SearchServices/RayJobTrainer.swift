import FNASCore
import Foundation
import SearchEngine
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Trains each child as a Ray job through the Jobs REST API: the job's entrypoint is the
/// worker (`fnas train-child` given a request file), its log carries the worker's JSON lines, and its
/// result line is the outcome, so a child trained on a Ray cluster is the child trained here.
///
/// Each child's job has a fixed submission id, from the run's prefix and the child's training
/// seed (one per run and episode). Ray refuses a second submission with an id it knows, so a
/// resumed search asking for a child whose job is still running, or already done, attaches to
/// that job instead of training the child twice. The request goes in a file under
/// `requestDirectory`, which the cluster's nodes must see at the same path (a shared file
/// system, or one machine).
public struct RayJobTrainer: ChildTraining {
    /// The dashboard's address, e.g. http://127.0.0.1:8265.
    public let address: URL
    /// The worker's executable and arguments, to which the request file's path is appended
    /// (e.g. fnas, its worker subcommand and that subcommand's option for a request file).
    public let command: [String]
    public let dataset: String
    public let settings: TrainingSettings
    public let requestDirectory: String
    /// Starts every submission id of this run, e.g. `fnas-myrun-`.
    public let submissionPrefix: String
    /// How often a running job's status and log are read.
    public var pollSeconds = 0.25
    let local: ChildTrainerAdapter

    public init(address: URL, command: [String], dataset: String, local: ChildTrainerAdapter,
                requestDirectory: String, submissionPrefix: String) {
        self.address = address; self.command = command; self.dataset = dataset; self.local = local
        self.settings = local.settings; self.requestDirectory = requestDirectory; self.submissionPrefix = submissionPrefix
    }

    public func untrainableReason(_ architecture: Architecture) -> String? { local.untrainableReason(architecture) }

    public struct RayError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The submission id of the child trained from `seed`.
    public func submissionID(seed: UInt64) -> String { submissionPrefix + String(seed, radix: 16) }

    public func train(_ architecture: Architecture, epochs: Int, seed: UInt64,
                      progress: (ChildTrainingEvent) -> Void, shouldStop: () -> Bool) throws -> ChildTrainingOutcome {
        let id = submissionID(seed: seed)
        let request = ChildTrainingRequest(architecture: architecture, epochs: epochs, seed: seed, dataset: dataset, training: settings)
        let file = (requestDirectory as NSString).appendingPathComponent("\(id).json")
        try FileManager.default.createDirectory(atPath: requestDirectory, withIntermediateDirectories: true)
        try JSONEncoder().encode(request).write(to: URL(fileURLWithPath: file), options: .atomic)
        try submit(id: id, entrypoint: (command + [file]).map(Self.shellQuoted).joined(separator: " "))

        var seenLines = 0
        var outcome: ChildTrainingOutcome?
        var failure: String?
        var stopSent = false
        func readLog() throws {
            let log = try jobLog(id)
            let lines = log.split(separator: "\n", omittingEmptySubsequences: false)
            // The last piece is empty after a final newline, or a line still being written:
            // either way it is read once a newline ends it.
            let complete = lines.count - 1
            guard complete > seenLines else { return }
            for line in lines[seenLines..<complete] where line.hasPrefix("{") {
                guard let parsed = try? WorkerLine.decode(line) else { continue }
                if let event = parsed.event { progress(event) }
                if parsed.type == "result" { outcome = parsed.outcome }
                if parsed.type == "failed" { failure = parsed.message }
            }
            seenLines = complete
        }
        while true {
            if !stopSent, shouldStop() {
                stopSent = true
                _ = try? call("POST", "/api/jobs/\(id)/stop")
            }
            let status = try jobStatus(id)
            try readLog()
            switch status.status {
            case "SUCCEEDED":
                if let outcome, failure == nil { return outcome }
                throw RayError(description: "Ray job \(id) succeeded without a result" + (failure.map { ": \($0)" } ?? ""))
            case "FAILED":
                throw RayError(description: "Ray job \(id) failed: " + (failure ?? status.message ?? "no reason given"))
            case "STOPPED":
                // Stopped by us, or by someone on the cluster: either way not a finished child.
                return outcome ?? ChildTrainingOutcome(bestValidationAccuracy: 0, curve: [], cancelled: true, seconds: 0)
            default:
                Thread.sleep(forTimeInterval: pollSeconds)
            }
        }
    }

    /// Submits the job, or attaches to the job Ray already has under `id` (a resumed search).
    func submit(id: String, entrypoint: String) throws {
        let body: [String: Any] = ["entrypoint": entrypoint, "submission_id": id, "entrypoint_num_cpus": max(1, settings.threads)]
        let (code, text) = try call("POST", "/api/jobs/", body: body)
        if code == 200 { return }
        if text.contains("already exists") { return }
        throw RayError(description: "Ray at \(address.absoluteString) refused job \(id) (HTTP \(code)): \(Self.lastLine(text))")
    }

    struct JobStatus: Decodable {
        var status: String
        var message: String?
    }

    func jobStatus(_ id: String) throws -> JobStatus {
        let (code, text) = try call("GET", "/api/jobs/\(id)")
        guard code == 200, let status = try? JSONDecoder().decode(JobStatus.self, from: Data(text.utf8)) else {
            throw RayError(description: "Ray at \(address.absoluteString) gave no status for job \(id) (HTTP \(code)): \(Self.lastLine(text))")
        }
        return status
    }

    public func jobLog(_ id: String) throws -> String {
        struct Logs: Decodable { var logs: String }
        let (code, text) = try call("GET", "/api/jobs/\(id)/logs")
        guard code == 200, let logs = try? JSONDecoder().decode(Logs.self, from: Data(text.utf8)) else {
            throw RayError(description: "Ray at \(address.absoluteString) gave no log for job \(id) (HTTP \(code))")
        }
        return logs.logs
    }

    /// One HTTP request to the dashboard; an unreachable address is an error naming it.
    func call(_ method: String, _ path: String, body: [String: Any]? = nil) throws -> (Int, String) {
        guard let url = URL(string: path, relativeTo: address) else { throw RayError(description: "bad Ray path \(path)") }
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        final class Box: @unchecked Sendable { var result: Result<(Int, String), Error>? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(error)
            } else {
                box.result = .success(((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self)))
            }
            done.signal()
        }.resume()
        done.wait()
        switch box.result {
        case .success(let value)?: return value
        case .failure(let error)?:
            throw RayError(description: "Ray at \(address.absoluteString) is unreachable: \(error.localizedDescription)")
        case nil: throw RayError(description: "Ray at \(address.absoluteString) did not answer")
        }
    }

    static func lastLine(_ text: String) -> String {
        String(text.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? "").prefix(300).description
    }

    /// `text` as one word for the job's shell.
    static func shellQuoted(_ text: String) -> String {
        if !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || "/._-=:".contains($0) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
