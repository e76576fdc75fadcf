import ArgumentParser
import ChildTrainer
import FNASCore
import Foundation

/// `fnas train`: trains one child network on the CPU and prints its accuracy.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train one child network (conv -> BN -> ReLU per layer, global average pooling, dense) on the CPU.",
        discussion: """
            The architecture comes from --arch FILE (a fnas-architecture JSON file) or from \
            --layers (e.g. k5f18,k7f36s2 or 5x18,7x36); --input defaults to the dataset's image shape. \
            Data: the embedded Fashion-MNIST subset (10,000 + 2,000 images, the default), the full \
            Fashion-MNIST from /usr/share/datasets/fashion-mnist, any MNIST-style IDX folder (--data), \
            or CIFAR-10 binaries (--cifar).
            """)

    @Option(help: "Architecture file (fnas-architecture JSON).")
    var arch: String?
    @Option(help: "Input shape HxWxC (default: the dataset's).")
    var input: String?
    @Option(help: "Comma-separated conv layers, e.g. k5f18,k7f36s2.")
    var layers: String?
    @Option(help: "Epochs.")
    var epochs: Int = 1
    @Option(help: "Batch size.")
    var batch: Int = 64
    @Option(help: "Learning rate (default 0.001 for adam, 0.01 for sgd).")
    var lr: Float?
    @Option(help: "adam or sgd (momentum 0.9).")
    var optimizer: String = "adam"
    @Option(name: .customLong("weight-decay"), help: "L2 weight decay on conv and dense weights.")
    var weightDecay: Float = 0
    @Option(help: "Random seed (weights, validation split, shuffling).")
    var seed: UInt64 = 1
    @Option(help: "Threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Fraction of the training images held out for validation.")
    var validation: Double = 0.1
    @Option(name: .customLong("train-limit"), help: "Train on at most this many images per epoch.")
    var trainLimit: Int?
    @Option(help: "embedded or fashion-mnist.")
    var dataset: String?
    @Option(help: "An MNIST-style IDX folder (train-images-idx3-ubyte[.gz], ...).")
    var data: String?
    @Option(help: "A CIFAR-10 binary folder (data_batch_1.bin ... test_batch.bin).")
    var cifar: String?

    func run() throws {
        try CommandReporter("fnas train", flags: .train).run { try execute() }
    }

    private func loadDataset() throws -> Dataset {
        let sources = [dataset != nil, data != nil, cifar != nil].filter { $0 }.count
        guard sources <= 1 else {
            throw InputError(source: "--dataset/--data/--cifar", "give at most one data source")
        }
        if let data { return try Dataset.idx(directory: data) }
        if let cifar { return try Dataset.cifar10(directory: cifar) }
        switch dataset ?? "embedded" {
        case "embedded": return try Dataset.embeddedFashionMNIST()
        case "fashion-mnist": return try Dataset.fashionMNIST()
        case let other:
            throw InputError(source: "--dataset", "unknown dataset \"\(other)\" (expected embedded or fashion-mnist)")
        }
    }

    private func architecture(for data: Dataset) throws -> Architecture {
        switch (arch, layers) {
        case (let path?, nil):
            guard input == nil else { throw InputError(source: "--input", "cannot be combined with --arch (the file gives the input)") }
            return try DescriptionFiles.readArchitecture(path: path)
        case (nil, let list?):
            let shape = try input.map { try CompactSyntax.inputShape($0) } ?? data.shape
            let arch = Architecture(input: shape, classes: max(10, data.classes), layers: try CompactSyntax.layers(list))
            try arch.validated(source: "--layers")
            return arch
        case (nil, nil):
            throw InputError(source: "fnas train", "give the network with --arch FILE or --layers LIST")
        case (_?, _?):
            throw InputError(source: "--arch/--layers", "give only one of --arch and --layers")
        }
    }

    private func execute() throws {
        let kind: OptimizerKind
        switch optimizer.lowercased() {
        case "adam": kind = .adam(learningRate: lr ?? 1e-3)
        case "sgd": kind = .sgd(learningRate: lr ?? 1e-2, momentum: 0.9)
        default: throw InputError(source: "--optimizer", "unknown optimizer \"\(optimizer)\" (expected adam or sgd)")
        }
        let config = TrainingOptions(epochs: epochs, batchSize: batch, optimizer: kind, weightDecay: weightDecay,
                                    seed: seed, threads: threads, validationFraction: validation, trainLimit: trainLimit)
        do { try config.validate() } catch let e as InputError { throw e.asSetting() }
        let data = try loadDataset()
        let arch = try architecture(for: data)
        let output = StatusLine()
        output.line("data: \(data.name), \(data.train.count) training images of \(data.shape)"
                    + (data.test.map { ", \($0.count) test images" } ?? ""))
        output.line("network: \(arch)  (\(kind.name) lr \(kind.learningRate), batch \(batch), \(threads) thread\(threads == 1 ? "" : "s"))")
        // Ctrl-C or SIGTERM stops after the current batch, so the summary still prints.
        let interrupt = StopSignals(quitLine: "fnas train: quit") { _ in }
        defer { interrupt.cancel() }
        var lastPlainTenth = -1
        let result = try train(arch, on: data, config: config, progress: { event in
            switch event {
            case let .batch(epoch, batch, batches, loss, accuracy):
                let text = ProgressText.bar(epoch: epoch, epochs: epochs, batch: batch, batches: batches,
                                            loss: loss, accuracy: accuracy)
                if output.showsStatus {
                    output.status(text)
                } else {
                    // Plain output (logs, pipes): one line per tenth of an epoch.
                    let tenth = batch * 10 / max(batches, 1)
                    if tenth != lastPlainTenth && tenth > 0 && tenth < 10 {
                        lastPlainTenth = tenth
                        output.line(text)
                    }
                }
            case let .epoch(summary):
                lastPlainTenth = -1
                output.line(ProgressText.epochLine(summary, epochs: epochs))
            }
        }, shouldStop: { interrupt.raised })
        for line in ProgressText.summary(result) { output.line(line) }
    }
}
