import FNASCore
import Foundation
import SearchEngine

/// The worker side of an executor: trains the child of a ``ChildTrainingRequest`` with the
/// same trainer as in-process training (``ChildTrainerAdapter`` over the named dataset), and
/// reports its progress and result as ``WorkerLine``s. `fnas train-child` is this, on stdin and
/// stdout. The same request gives the same accuracy, bit for bit, as training it in process
/// with the same settings and thread count.
public enum ChildWorker {
    /// Reads a request from its JSON bytes.
    ///
    /// - Parameter source: where the bytes came from (a file name, "stdin"), for errors.
    /// - Throws: ``InputError`` naming the source and the field that is wrong.
    public static func request(from data: Data, source: String) throws -> ChildTrainingRequest {
        let request: ChildTrainingRequest
        do {
            request = try JSONDecoder().decode(ChildTrainingRequest.self, from: data)
        } catch let e as DecodingError {
            throw DescriptionFiles.inputError(e, decoding: ChildTrainingRequest.self, from: data, with: JSONDecoder(), source: source)
        }
        try request.validate(source: source)
        return request
    }

    /// Trains the request's child, writing each progress event and then the result to `emit`.
    ///
    /// - Parameter shouldStop: polled between batches; a stopped child reports a cancelled result.
    /// - Throws: ``InputError`` when the dataset cannot be loaded or does not fit the child;
    ///   training errors as the trainer throws them. Nothing is emitted for them: the caller
    ///   reports them (as a `failed` line).
    @discardableResult
    public static func run(_ request: ChildTrainingRequest, emit: (WorkerLine) -> Void,
                           shouldStop: () -> Bool = { false }) throws -> ChildTrainingOutcome {
        let trainer = try self.trainer(for: request)
        let outcome = try trainer.train(request.architecture, epochs: request.epochs, seed: request.seed,
                                        progress: { emit(WorkerLine($0)) }, shouldStop: shouldStop)
        emit(.result(outcome))
        return outcome
    }

    /// The in-process trainer a request describes: its dataset, loaded, and its settings.
    public static func trainer(for request: ChildTrainingRequest) throws -> ChildTrainerAdapter {
        let data = try SearchServices.loadDataset(request.dataset, source: "request")
        guard data.shape == request.architecture.input else {
            throw InputError(source: "request", field: "dataset",
                             "\(data.name) has \(data.shape) images but the architecture takes \(request.architecture.input)")
        }
        var settings = request.training
        settings.dataset = request.dataset
        return ChildTrainerAdapter(dataset: data, settings: settings)
    }
}
