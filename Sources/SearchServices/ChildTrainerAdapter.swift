import ChildTrainer
import FNASCore
import Foundation
import SearchEngine

/// Trains children with ChildTrainer on one loaded dataset: the engine's ``ChildTraining``
/// service over the real trainer.
///
/// A value type holding only immutable data, so one adapter may train children on any thread.
public struct ChildTrainerAdapter: ChildTraining {
    /// The images every child trains and validates on.
    public let dataset: Dataset
    /// Batch size, learning rate, threads and limits of every child.
    public let settings: TrainingSettings

    /// An adapter that trains on `dataset` with `settings`.
    public init(dataset: Dataset, settings: TrainingSettings) {
        self.dataset = dataset
        self.settings = settings
    }

    /// The ChildTrainer configuration for one child.
    public func trainingOptions(epochs: Int, seed: UInt64) -> TrainingOptions {
        TrainingOptions(epochs: epochs, batchSize: settings.batchSize,
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

    /// Trains `architecture` with ChildTrainer and reports its batches and epochs in the
    /// engine's terms (epochs count from 1).
    ///
    /// - Throws: when the child cannot be built or the data cannot be read.
    public func train(_ architecture: Architecture, epochs: Int, seed: UInt64,
                      progress: (ChildTrainingEvent) -> Void, shouldStop: () -> Bool) throws -> ChildTrainingOutcome {
        let result = try ChildTrainer.train(
            architecture, on: dataset, config: trainingOptions(epochs: epochs, seed: seed),
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
