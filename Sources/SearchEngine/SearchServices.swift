import ChildTrainer
import FNASCore
import FPGAModel
import Foundation

// The real services behind the engine's two protocols: FPGAModel's latency model and
// ChildTrainer's trainer over a dataset.

/// Trains children with ChildTrainer on one loaded dataset.
public struct ChildTrainerAdapter: ChildTraining {
    public let dataset: Dataset
    public let settings: TrainingSettings

    public init(dataset: Dataset, settings: TrainingSettings) {
        self.dataset = dataset
        self.settings = settings
    }

    /// The ChildTrainer configuration for one child.
    public func trainingConfig(epochs: Int, seed: UInt64) -> TrainingConfig {
        TrainingConfig(epochs: epochs, batchSize: settings.batchSize,
                       optimizer: .adam(learningRate: Float(settings.learningRate)), seed: seed,
                       threads: settings.threads > 0 ? settings.threads : ProcessInfo.processInfo.activeProcessorCount,
                       validationFraction: settings.validationFraction, trainLimit: settings.trainLimit,
                       evaluateTest: false)
    }

    /// A child whose training would exceed ChildTrainer's memory limit at this batch size.
    public func untrainableReason(_ architecture: Architecture) -> String? {
        do {
            try TrainingMemory.check(architecture, batch: min(settings.batchSize, dataset.train.count))
            return nil
        } catch let error as InputError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    public func train(_ architecture: Architecture, epochs: Int, seed: UInt64,
                      progress: (ChildTrainingEvent) -> Void, shouldStop: () -> Bool) throws -> ChildTrainingOutcome {
        let result = try ChildTrainer.train(
            architecture, on: dataset, config: trainingConfig(epochs: epochs, seed: seed),
            progress: { event in
                switch event {
                case let .batch(epoch, batch, batches, loss, accuracy):
                    progress(.batch(epoch: epoch, batch: batch, batchesPerEpoch: batches, loss: loss, accuracy: accuracy))
                case .epoch(let e):
                    progress(.epoch(EpochPoint(epoch: e.epoch, loss: e.loss, trainAccuracy: e.trainAccuracy,
                                               validationAccuracy: e.validationAccuracy, elapsedSeconds: e.elapsedSeconds)))
                }
            },
            shouldStop: shouldStop)
        return ChildTrainingOutcome(
            bestValidationAccuracy: result.bestValidationAccuracy,
            curve: result.epochs.map {
                EpochPoint(epoch: $0.epoch, loss: $0.loss, trainAccuracy: $0.trainAccuracy,
                           validationAccuracy: $0.validationAccuracy, elapsedSeconds: $0.elapsedSeconds)
            },
            cancelled: result.cancelled, seconds: result.seconds)
    }
}

/// The latency model and trainer a configuration asks for, with its dataset loaded.
public struct SearchServices: Sendable {
    public let latency: any LatencyEstimating
    public let trainer: any ChildTraining
    /// The dataset's display name, e.g. "embedded Fashion-MNIST subset".
    public let datasetName: String

    /// - Throws: ``InputError`` when the board is invalid, the data cannot be found, or its
    ///   images do not match the space's input.
    public init(configuration: SearchConfiguration) throws {
        try self.init(configuration: configuration,
                      dataset: try Self.loadDataset(configuration.training.dataset ?? configuration.space.dataset))
    }

    /// Services over an already loaded dataset (e.g. one load shared by the searches of an
    /// experiment); the latency model is always new, so no design search is shared.
    ///
    /// - Throws: ``InputError`` when the board is invalid or the images do not match the space.
    public init(configuration: SearchConfiguration, dataset data: Dataset) throws {
        latency = try LatencyModel(configuration: configuration)
        let space = configuration.space
        guard data.shape == space.input else {
            throw InputError(source: "--dataset", "\(data.name) has \(data.shape) images but the \(space.name) space expects \(space.input)")
        }
        guard data.classes <= space.classes else {
            throw InputError(source: "--dataset", "\(data.name) has \(data.classes) classes but the \(space.name) space classifies \(space.classes)")
        }
        // Refused here, before the run directory exists, rather than failing the first child.
        let left = data.trainingCount(fraction: configuration.training.validationFraction)
        guard left >= 2 else {
            throw InputError(source: "--dataset", "\(data.name) leaves \(left) training image after holding out \(data.train.count - left) for validation; need at least 2")
        }
        trainer = ChildTrainerAdapter(dataset: data, settings: configuration.training)
        datasetName = data.name
    }

    /// Loads `embedded` / `fashion-mnist-subset`, `fashion-mnist`, or a directory of MNIST-style
    /// IDX files or CIFAR-10 binary batches.
    public static func loadDataset(_ name: String) throws -> Dataset {
        switch name.lowercased() {
        case "embedded", "fashion-mnist-subset":
            return try Dataset.embeddedFashionMNIST()
        case "fashion-mnist":
            return try Dataset.fashionMNIST()
        case "mnist":
            throw InputError(source: "--dataset", "fnas does not ship MNIST; pass --dataset DIR with its IDX files, or --dataset embedded or fashion-mnist (the same 28x28x1 shape)")
        case "cifar-10":
            throw InputError(source: "--dataset", "fnas does not ship CIFAR-10; pass --dataset DIR with its binary batches (data_batch_1.bin ...)")
        default:
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw InputError(source: "--dataset", "\"\(name)\" is neither embedded, fashion-mnist nor a directory")
            }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: name)) ?? []
            if files.contains(where: { $0.hasPrefix("data_batch_") }) { return try Dataset.cifar10(directory: name) }
            return try Dataset.idx(directory: name)
        }
    }
}
