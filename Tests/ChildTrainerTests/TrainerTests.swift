import FNASCore
import Testing
@testable import ChildTrainer

@Suite("Training children")
struct TrainerTests {
    static let tiny = Architecture(input: InputShape(height: 28, width: 28, channels: 1), classes: 10,
                                   layers: [ConvLayer(kernel: 3, filters: 8, stride: 2), ConvLayer(kernel: 3, filters: 16, stride: 2)])

    /// A real-data check that the whole pipeline learns: two epochs over the 9,000 embedded
    /// Fashion-MNIST training images left after holding out 1,000 for validation (chance is 10%;
    /// seeds 1-3 reach 78-81%). About 15 s in a debug build.
    @Test("a tiny child trained briefly on embedded Fashion-MNIST reaches 70% validation accuracy")
    func learnsFashionMNIST() throws {
        let data = try Dataset.embeddedFashionMNIST()
        let config = TrainingOptions(epochs: 2, batchSize: 32, optimizer: .adam(learningRate: 2e-3), seed: 3,
                                    threads: 2, validationFraction: 0.1, trainLimit: nil, evaluateTest: false)
        var batchEvents = 0
        let net = Architecture(input: InputShape(height: 28, width: 28, channels: 1), classes: 10,
                               layers: [ConvLayer(kernel: 3, filters: 16, stride: 2), ConvLayer(kernel: 3, filters: 32, stride: 2), ConvLayer(kernel: 3, filters: 64, stride: 1)])
        let result = try train(net, on: data, config: config, progress: { event in
            if case .batch = event { batchEvents += 1 }
        })
        #expect(result.bestValidationAccuracy >= 0.70, "validation accuracy \(result.bestValidationAccuracy)")
        #expect(result.batches == 564 && batchEvents == 564)   // 2 * ceil(9000 / 32)
        #expect(result.epochs.count == 2 && !result.cancelled)
    }

    @Test("the same seed on one thread gives the same weights, loss and accuracy")
    func deterministic() throws {
        let data = try Dataset.embeddedFashionMNIST()
        let config = TrainingOptions(epochs: 1, batchSize: 16, seed: 9, threads: 1, validationFraction: 0.05,
                                    trainLimit: 160, evaluateTest: false)
        let a = try train(Self.tiny, on: data, config: config)
        let b = try train(Self.tiny, on: data, config: config)
        #expect(a.epochs.map(\.loss) == b.epochs.map(\.loss))
        #expect(a.bestValidationAccuracy == b.bestValidationAccuracy)
        var other = config
        other.seed = 10
        #expect(try train(Self.tiny, on: data, config: other).epochs.map(\.loss) != a.epochs.map(\.loss))
    }

    @Test("a child with layers computed through FFTs trains to the same bits on every run (one thread), and learns")
    func spectralDeterministic() throws {
        let data = try Dataset.embeddedFashionMNIST()
        let child = Architecture(input: InputShape(height: 28, width: 28, channels: 1), classes: 10,
                                 layers: [ConvLayer(kernel: 3, filters: 8), ConvLayer(kernel: 7, filters: 16, stride: 2),
                                          ConvLayer(kernel: 7, filters: 16)])
        let network = try Network.child(child, seed: 1)
        let convs = network.layers.compactMap { $0 as? Conv2D }
        _ = network.forward(Tensor(batch: 1, channels: 1, height: 28, width: 28), training: false)
        #expect(convs.map { $0.spectral != nil } == [false, false, true])
        #expect(convs[0].spectralScratch === convs[2].spectralScratch)
        // One thread: on two, im2col layers sum their weight gradients in the order the workers
        // finish (the spectral layers do not; LayerGradientTests checks them on two threads).
        let config = TrainingOptions(epochs: 1, batchSize: 32, optimizer: .adam(learningRate: 2e-3), seed: 4, threads: 1,
                                    validationFraction: 0.1, trainLimit: 1_600, evaluateTest: false)
        let a = try train(child, on: data, config: config)
        let b = try train(child, on: data, config: config)
        #expect(a.epochs.map(\.loss) == b.epochs.map(\.loss))
        #expect(a.bestValidationAccuracy == b.bestValidationAccuracy)
        #expect(a.bestValidationAccuracy > 0.3, "validation accuracy \(a.bestValidationAccuracy)")
    }

    @Test("shouldStop cancels between batches")
    func cancels() throws {
        let data = try Dataset.embeddedFashionMNIST()
        var polls = 0
        let config = TrainingOptions(epochs: 3, batchSize: 16, threads: 1, trainLimit: 320, evaluateTest: false)
        let net = Architecture(input: InputShape(height: 28, width: 28, channels: 1), classes: 10,
                               layers: [ConvLayer(kernel: 3, filters: 16, stride: 2), ConvLayer(kernel: 3, filters: 32, stride: 2), ConvLayer(kernel: 3, filters: 64, stride: 1)])
        let result = try train(net, on: data, config: config, shouldStop: {
            polls += 1
            return polls > 5
        })
        #expect(result.cancelled)
        #expect(result.batches == 5)
        #expect(result.epochs.isEmpty)
    }

    @Test("an architecture whose input does not match the images is an input error, not a trap")
    func mismatchedInput() throws {
        let data = try Dataset.embeddedFashionMNIST()
        let cifarLike = Architecture(input: InputShape(height: 32, width: 32, channels: 3), layers: [ConvLayer(kernel: 3, filters: 4)])
        #expect(throws: InputError(source: "embedded Fashion-MNIST subset", field: "images",
                                   "are 28x28x1 but the architecture expects 32x32x3 input")) {
            try train(cifarLike, on: data, config: TrainingOptions())
        }
        let fewClasses = Architecture(input: data.shape, classes: 5, layers: [ConvLayer(kernel: 3, filters: 4)])
        #expect(throws: InputError.self) { try train(fewClasses, on: data, config: TrainingOptions()) }
        #expect(throws: InputError.self) { try train(Self.tiny, on: data, config: TrainingOptions(batchSize: 1)) }
    }

    @Test("two images leave one after the validation split: an input error, not a silent 0% run")
    func tooFewImagesAfterSplit() throws {
        let data = Dataset(name: "two.idx", shape: InputShape(height: 4, width: 4, channels: 1), classes: 2,
                           trainPixels: (0..<32).map { UInt8($0) }, trainLabels: [0, 1], testPixels: nil, testLabels: nil)
        let arch = Architecture(input: data.shape, layers: [ConvLayer(kernel: 3, filters: 4)])
        #expect(throws: InputError(source: "two.idx",
                                   "leaves 1 training image after holding out 1 for validation; need at least 2")) {
            try train(arch, on: data, config: TrainingOptions(threads: 1))
        }
    }

    @Test("a child too big for memory is an input error before any allocation, not an abort")
    func tooBigForMemory() throws {
        let data = Dataset(name: "small", shape: InputShape(height: 28, width: 28, channels: 1), classes: 2,
                           trainPixels: [UInt8](repeating: 7, count: 4 * 784), trainLabels: [0, 1, 0, 1],
                           testPixels: nil, testLabels: nil)
        // 1,000,000 filters of 28x28 at batch 4: about 47 GB of activations.
        let wide = Architecture(input: data.shape, layers: [ConvLayer(kernel: 1, filters: 1_000_000)])
        #expect(throws: InputError.self) { try train(wide, on: data, config: TrainingOptions(batchSize: 64, threads: 1)) }
        #expect(throws: InputError.self) { try TrainingMemory.check(wide, batch: 4) }
        // Weights of 2^20 x 2^20 x 3 x 3 would overflow an Int product of sizes; the check is in Double.
        let huge = Architecture(input: InputShape(height: 1, width: 1, channels: 1 << 20),
                                layers: [ConvLayer(kernel: 3, filters: 1 << 20)])
        #expect(throws: InputError.self) { try Network.child(huge, seed: 1) }
        #expect(TrainingMemory.estimatedBytes(try huge.validated(), classes: 10, batch: 0) > 1e13)
        // The children NAS samples pass easily.
        let child = Architecture(input: InputShape(height: 32, width: 32, channels: 3),
                                 layers: Array(repeating: ConvLayer(kernel: 7, filters: 64), count: 14))
        try TrainingMemory.check(child, batch: 256)
    }

    @Test("an infinite weight decay is rejected")
    func infiniteWeightDecay() {
        #expect(throws: InputError(source: "training config", field: "weightDecay",
                                   "must be zero or a finite positive number (got inf)")) {
            try TrainingOptions(weightDecay: .infinity).validate()
        }
    }

    @Test("the child network is conv -> BN+ReLU per layer, then global average pooling and dense(classes)")
    func childNetwork() throws {
        let arch = Architecture(input: InputShape(height: 28, width: 28, channels: 1), classes: 10,
                                layers: [ConvLayer(kernel: 7, filters: 18), ConvLayer(kernel: 14, filters: 9, stride: 2)])
        let net = try Network.child(arch, seed: 1)
        #expect(net.summary == ["conv7x7-18 s1 same -> 28x28x18", "batchnorm+relu -> 28x28x18",
                                "conv14x14-9 s2 same -> 14x14x9", "batchnorm+relu -> 14x14x9",
                                "global-average-pool -> 1x1x9", "dense-10 -> 1x1x10"])
        // 7*7*18 + 2*18 + 14*14*18*9 + 2*9 + 9*10 + 10
        #expect(net.parameterCount == 882 + 36 + 31752 + 18 + 100)
    }
}

/// Training keeps freed memory in the process: a block larger than glibc's largest mmap
/// threshold (32 MB) comes from the heap, not from a mapping of its own made and unmapped
/// again every step.
@Suite struct TrainingMemoryTests {
    @Test func largeActivationsAreServedFromTheHeapOnceTrainingStarted() {
        #expect(TrainingMemory.keepFreedMemory())
        let before = TrainingMemory.mappedBlocks
        let activation = [Float](repeating: 1, count: 10_000_000)   // 40 MB
        #expect(TrainingMemory.mappedBlocks <= before)   // a block mapped earlier may be freed meanwhile
        #expect(activation[9_999_999] == 1)
    }
}
