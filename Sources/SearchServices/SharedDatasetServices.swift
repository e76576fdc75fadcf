import ChildTrainer
import FNASCore
import SearchEngine
import Synchronization

/// The real services of an experiment's searches, loading each dataset once.
///
/// Every search of an experiment trains on the same images, and loading them (decompressing
/// Fashion-MNIST, reading a CIFAR-10 directory) costs more than a short search; so the first
/// search that asks loads the dataset, and the later ones reuse it. Each search still gets its
/// own latency model, so no design search is shared and each search is timed as if alone.
///
/// Thread safety: ``services(for:)`` may be called from any thread; loads are serialised.
public final class SharedDatasetServices: EngineServicesFactory {
    /// Loads a dataset by name (``SearchServices/loadDataset(_:source:)`` unless a test injects another).
    public typealias Loader = @Sendable (_ name: String) throws -> Dataset

    private let load: Loader
    private let source: String
    private let loaded = Mutex<[String: Dataset]>([:])

    /// Services whose datasets come from `load`.
    ///
    /// - Parameters:
    ///   - source: where the experiment's configuration came from, for errors.
    ///   - load: reads a dataset by name; called at most once per name.
    public init(source: String = "configuration", load: Loader? = nil) {
        self.source = source
        self.load = load ?? { try SearchServices.loadDataset($0, source: source) }
    }

    /// The services of one search, over its dataset (loaded on first use).
    ///
    /// - Throws: ``InputError`` when the dataset cannot be loaded or does not fit the search's space.
    public func services(for configuration: SearchConfiguration) throws -> EngineServices {
        let name = configuration.training.dataset ?? configuration.space.dataset
        // Loading under the lock keeps two concurrent first requests from loading twice.
        let data = try loaded.withLock { cache -> Dataset in
            if let data = cache[name] { return data }
            let data = try load(name)
            cache[name] = data
            return data
        }
        return try SearchServices(configuration: configuration, dataset: data, source: source).engineServices
    }
}
