import CBLAS
import Foundation
import FNASCore

/// Trains a child architecture and measures its validation accuracy, FNAS's reward.
///
/// Builds the child with ``Network/child(_:seed:)``, holds out `config.validationFraction` of the
/// training images, and runs `config.epochs` epochs of shuffled mini-batches. `shouldStop` is
/// polled before every batch; when it returns true the call returns promptly with
/// `cancelled == true` and the epochs finished so far. With one thread the result depends only on
/// the architecture, the data and the config; with more, float sums are split the same way every
/// run, so the result is still repeatable for a given thread count.
///
/// - Parameters:
///   - progress: called on the calling thread after every batch and every epoch.
///   - shouldStop: polled before every batch.
/// - Throws: ``InputError`` when the architecture or config is invalid, or the dataset's images
///   do not match the architecture's input (size, channels, classes).
public func train(_ arch: Architecture, on data: Dataset, config: TrainingOptions,
                  progress: (TrainingEvent) -> Void = { _ in },
                  shouldStop: () -> Bool = { false }) throws -> TrainingResult {
    try config.validate()
    try arch.validated()
    guard arch.input == data.shape else {
        throw InputError(source: data.name, field: "images",
                         "are \(data.shape) but the architecture expects \(arch.input) input")
    }
    guard data.classes <= arch.classes else {
        throw InputError(source: data.name, field: "labels",
                         "has \(data.classes) classes but the architecture classifies only \(arch.classes)")
    }
    try TrainingMemory.check(arch, batch: min(config.batchSize, data.train.count))
    let network = try Network.child(arch, seed: config.seed)
    return try train(network, on: data, config: config, progress: progress, shouldStop: shouldStop)
}

/// Trains any ``Network`` (for example one with max-pool layers, which an ``Architecture`` cannot
/// express) the way ``train(_:on:config:progress:shouldStop:)`` trains a child. The network's
/// input shape must match the dataset's images and its output must have a score per class.
public func train(_ network: Network, on data: Dataset, config: TrainingOptions,
                  progress: (TrainingEvent) -> Void = { _ in },
                  shouldStop: () -> Bool = { false }) throws -> TrainingResult {
    try config.validate()
    let expected = FeatureShape(channels: data.shape.channels, height: data.shape.height, width: data.shape.width)
    guard network.inputShape == expected else {
        throw InputError(source: data.name, field: "images",
                         "are \(data.shape) but the network expects \(network.inputShape) input")
    }
    guard network.outputShape.count >= data.classes else {
        throw InputError(source: data.name, field: "labels",
                         "has \(data.classes) classes but the network outputs only \(network.outputShape.count) scores")
    }
    guard data.train.count >= 2 else {
        throw InputError(source: data.name, "needs at least 2 training images (has \(data.train.count))")
    }
    TrainingMemory.keepFreedMemory()
    let start = DispatchTime.now().uptimeNanoseconds
    func elapsed(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9 }

    network.setThreads(config.threads)
    let optimizer = Optimizer(config.optimizer, weightDecay: config.weightDecay)
    var (trainSet, validationSet) = data.validationSplit(fraction: config.validationFraction, seed: config.seed)
    if let limit = config.trainLimit, limit < trainSet.count {
        trainSet = trainSet.subset(0..<limit)
    }
    // Two images leave one after the validation split, and a batch of one is dropped below:
    // refuse rather than "train" on nothing and report 0% as if it were a result.
    guard trainSet.count >= 2 else {
        throw InputError(source: data.name,
                         "leaves \(trainSet.count) training image after holding out \(validationSet.count) for validation; need at least 2")
    }
    let parameters = network.parameters
    var generator = SeededGenerator(seed: config.seed).derive("shuffle")
    var order = Array(0..<trainSet.count)
    // A final batch of one image would make batch statistics degenerate: it is dropped.
    var batches = trainSet.count / config.batchSize
    if trainSet.count % config.batchSize >= 2 { batches += 1 }

    var summaries: [EpochSummary] = []
    var steps = 0, trainedImages = 0
    var trainingNanos: UInt64 = 0
    var cancelled = false
    epochs: for epoch in 1...config.epochs {
        order.shuffle(using: &generator)
        var lossSum = 0.0, correct = 0, seen = 0
        for b in 0..<batches {
            if shouldStop() { cancelled = true; break epochs }
            let t0 = DispatchTime.now().uptimeNanoseconds
            let lower = b * config.batchSize
            let upper = min(lower + config.batchSize, trainSet.count)
            let (x, labels) = trainSet.batch(order[lower..<upper])
            let logits = network.forward(x, training: true)
            let result = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
            network.zeroGradients()
            network.backward(result.gradient)
            optimizer.update(parameters)
            trainingNanos += DispatchTime.now().uptimeNanoseconds - t0
            steps += 1
            trainedImages += labels.count
            lossSum += Double(result.loss) * Double(labels.count)
            correct += result.correct
            seen += labels.count
            progress(.batch(epoch: epoch, batch: b + 1, batches: batches,
                            loss: Double(result.loss), accuracy: Double(result.correct) / Double(labels.count)))
        }
        let validation = accuracy(of: network, on: validationSet, batchSize: config.batchSize)
        let summary = EpochSummary(epoch: epoch, loss: lossSum / Double(max(seen, 1)),
                                   trainAccuracy: Double(correct) / Double(max(seen, 1)),
                                   validationAccuracy: validation, elapsedSeconds: elapsed(since: start))
        summaries.append(summary)
        progress(.epoch(summary))
    }
    var testAccuracy: Double?
    if config.evaluateTest, !cancelled, let test = data.test, test.count > 0 {
        testAccuracy = accuracy(of: network, on: test, batchSize: config.batchSize)
    }
    return TrainingResult(
        bestValidationAccuracy: summaries.map(\.validationAccuracy).max() ?? 0,
        finalValidationAccuracy: summaries.last?.validationAccuracy ?? 0,
        epochs: summaries, seconds: elapsed(since: start), batches: steps,
        trainedImages: trainedImages, trainingSeconds: Double(trainingNanos) / 1e9,
        cancelled: cancelled, testAccuracy: testAccuracy)
}

/// The fraction of `images` the network classifies correctly, in inference mode
/// (batch norm uses its running statistics).
public func accuracy(of network: Network, on images: LabeledImages, batchSize: Int = 256) -> Double {
    guard images.count > 0 else { return 0 }
    var correct = 0
    var lower = 0
    while lower < images.count {
        let upper = min(lower + max(batchSize, 1), images.count)
        let (x, labels) = images.batch(lower..<upper)
        let logits = network.forward(x, training: false)
        let classes = logits.imageSize
        logits.data.withUnsafeBufferPointer { z in
            for i in 0..<labels.count {
                var best = 0
                for j in 1..<classes where z[i * classes + j] > z[i * classes + best] { best = j }
                if best == labels[i] { correct += 1 }
            }
        }
        lower = upper
    }
    return Double(correct) / Double(images.count)
}
