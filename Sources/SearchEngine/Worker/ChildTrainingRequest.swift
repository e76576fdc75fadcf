import FNASCore
import Foundation

/// One child to train, as the engine hands it to an executor and a worker process reads it
/// (`fnas train-child`): everything its training depends on, so that any worker given the same
/// request trains the same child on the same data from the same seed.
public struct ChildTrainingRequest: Sendable, Hashable, Codable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var architecture: Architecture
    public var epochs: Int
    /// The training seed (weights, validation split, shuffling).
    public var seed: UInt64
    /// The dataset by name, as `SearchServices.loadDataset` reads it: `embedded`,
    /// `fashion-mnist`, or a directory.
    public var dataset: String
    /// Batch size, learning rate, limits and threads; its own `dataset` is ignored for `dataset`.
    public var training: TrainingSettings

    public init(architecture: Architecture, epochs: Int, seed: UInt64, dataset: String, training: TrainingSettings) {
        formatVersion = Self.currentFormatVersion
        self.architecture = architecture; self.epochs = epochs; self.seed = seed
        self.dataset = dataset; self.training = training
    }

    /// Checks what a hand-written or corrupted request could get wrong.
    ///
    /// - Throws: ``InputError`` naming the field of `source`.
    public func validate(source: String) throws {
        guard formatVersion == Self.currentFormatVersion else {
            throw InputError(source: source, field: "formatVersion",
                             "is \(formatVersion); this fnas reads version \(Self.currentFormatVersion)")
        }
        guard (1...10_000).contains(epochs) else {
            throw InputError(source: source, field: "epochs", "must be 1 to 10000 (got \(epochs))")
        }
        guard !dataset.isEmpty else { throw InputError(source: source, field: "dataset", "must name a dataset") }
        try architecture.validated(source: source + ": architecture")
        try training.validate(source: source)
    }
}

/// One line a worker prints: a batch, an epoch, the result, or why it failed. JSON, one object
/// per line; `type` says which fields are present.
public struct WorkerLine: Sendable, Hashable, Codable {
    public var type: String
    public var epoch: Int?
    public var batch: Int?
    public var batchesPerEpoch: Int?
    public var loss: Double?
    public var accuracy: Double?
    /// For `epoch`.
    public var point: EpochPoint?
    /// For `result`.
    public var outcome: ChildTrainingOutcome?
    /// For `failed`.
    public var message: String?

    init(type: String) { self.type = type }

    /// The line for a progress event.
    public init(_ event: ChildTrainingEvent) {
        switch event {
        case let .batch(epoch, batch, batchesPerEpoch, loss, accuracy):
            self.init(type: "batch")
            self.epoch = epoch; self.batch = batch; self.batchesPerEpoch = batchesPerEpoch
            self.loss = loss; self.accuracy = accuracy
        case .epoch(let point):
            self.init(type: "epoch")
            self.point = point
        }
    }

    public static func result(_ outcome: ChildTrainingOutcome) -> WorkerLine {
        var line = WorkerLine(type: "result")
        line.outcome = outcome
        return line
    }

    public static func failed(_ message: String) -> WorkerLine {
        var line = WorkerLine(type: "failed")
        line.message = message
        return line
    }

    /// The progress event a `batch` or `epoch` line reports, nil for other lines.
    public var event: ChildTrainingEvent? {
        switch type {
        case "batch":
            guard let epoch, let batch, let batchesPerEpoch, let loss, let accuracy else { return nil }
            return .batch(epoch: epoch, batch: batch, batchesPerEpoch: batchesPerEpoch, loss: loss, accuracy: accuracy)
        case "epoch": return point.map { .epoch($0) }
        default: return nil
        }
    }

    /// Non-finite losses are written as "nan", "inf", "-inf", so every line is valid JSON.
    static let floats = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    /// The line as one line of JSON (no newline), keys sorted.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: Self.floats.positiveInfinity, negativeInfinity: Self.floats.negativeInfinity, nan: Self.floats.nan)
        // Every field is a number, a string or an array of them: encoding cannot fail.
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"type":"failed","message":"unencodable line"}"#
    }

    /// Reads one line a worker printed.
    public static func decode(_ line: Substring) throws -> WorkerLine {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: floats.positiveInfinity, negativeInfinity: floats.negativeInfinity, nan: floats.nan)
        return try decoder.decode(WorkerLine.self, from: Data(line.utf8))
    }
}
