import ChildTrainer
import FNASCore
import FPGAModel
import Foundation
import SearchEngine

// The real services behind the engine's two protocols: FPGAModel's latency model and
// ChildTrainer's trainer over a dataset. Errors name the configuration field they come from
// (`training.dataset`); the executable maps fields to its flags.

/// The latency model and trainer a configuration asks for, with its dataset loaded.
public struct SearchServices: Sendable {
    /// The configuration field every dataset error names.
    public static let datasetField = "training.dataset"

    /// FPGAModel's latency model for the configuration's board, template and design search.
    public let latency: any LatencyEstimating
    /// ChildTrainer over the loaded dataset, with the configuration's training settings.
    public let trainer: any ChildTraining
    /// The dataset's display name, e.g. "embedded Fashion-MNIST subset".
    public let datasetName: String

    /// Both services, as a search engine or an experiment takes them.
    public var engineServices: EngineServices { EngineServices(latency: latency, trainer: trainer) }

    /// Loads the configuration's dataset (or its space's) and builds both services over it.
    ///
    /// - Parameter source: where the configuration came from, for errors (e.g. a command name).
    /// - Throws: ``InputError`` when the board is invalid, the data cannot be found, or its
    ///   images do not match the space's input.
    public init(configuration: SearchConfiguration, source: String = "configuration") throws {
        let name = configuration.training.dataset ?? configuration.space.dataset
        try self.init(configuration: configuration, dataset: try Self.loadDataset(name, source: source), source: source)
    }

    /// Services over an already loaded dataset (e.g. one load shared by the searches of an
    /// experiment); the latency model is always new, so no design search is shared.
    ///
    /// - Parameter source: where the configuration came from, for errors.
    /// - Throws: ``InputError`` when the board is invalid or the images do not match the space.
    public init(configuration: SearchConfiguration, dataset data: Dataset, source: String = "configuration") throws {
        func refuse(_ message: String) -> InputError { InputError(source: source, field: Self.datasetField, message) }
        latency = try LatencyModel(configuration: configuration)
        let space = configuration.space
        guard data.shape == space.input else {
            throw refuse("\(data.name) has \(data.shape) images but the \(space.name) space expects \(space.input)")
        }
        guard data.classes <= space.classes else {
            throw refuse("\(data.name) has \(data.classes) classes but the \(space.name) space classifies \(space.classes)")
        }
        // Refused here, before the run directory exists, rather than failing the first child.
        let left = data.trainingCount(fraction: configuration.training.validationFraction)
        guard left >= 2 else {
            throw refuse("\(data.name) leaves \(left) training image after holding out \(data.train.count - left) for validation; need at least 2")
        }
        trainer = ChildTrainerAdapter(dataset: data, settings: configuration.training)
        datasetName = data.name
    }

    /// Loads `embedded` / `fashion-mnist-subset`, `fashion-mnist`, or a directory of MNIST-style
    /// IDX files or CIFAR-10 binary batches.
    ///
    /// - Parameter source: where the name came from, for errors.
    /// - Throws: ``InputError`` naming ``datasetField`` when the name is neither a known dataset nor
    ///   a directory, or the files' own errors when a directory's files cannot be read.
    public static func loadDataset(_ name: String, source: String = "configuration") throws -> Dataset {
        func refuse(_ message: String) -> InputError { InputError(source: source, field: datasetField, message) }
        switch name.lowercased() {
        case "embedded", "fashion-mnist-subset":
            return try Dataset.embeddedFashionMNIST()
        case "fashion-mnist":
            return try Dataset.fashionMNIST()
        case "mnist":
            throw refuse("fnas does not ship MNIST; name a directory with its IDX files instead, or embedded or fashion-mnist (the same 28x28x1 shape)")
        case "cifar-10":
            throw refuse("fnas does not ship CIFAR-10; name a directory with its binary batches (data_batch_1.bin ...) instead")
        default:
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw refuse("\"\(name)\" is neither embedded, fashion-mnist nor a directory")
            }
            let files = (try? FileManager.default.contentsOfDirectory(atPath: name)) ?? []
            if files.contains(where: { $0.hasPrefix("data_batch_") }) { return try Dataset.cifar10(directory: name) }
            return try Dataset.idx(directory: name)
        }
    }
}
