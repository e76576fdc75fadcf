import ChildTrainer
import FNASCore
import Foundation

// The `trainer` suite: training throughput (images/s, forward + backward + Adam step) of three
// networks that Benchmarks/pytorch/bench.py builds identically, and the one-epoch test accuracy
// of the LeNet-like net on the full Fashion-MNIST (target >= 85%).
//
// Data is real: Fashion-MNIST (the full set when /usr/share/datasets/fashion-mnist exists,
// otherwise the embedded subset). CIFAR-10 is not on the machine, so network (c) reads the
// Fashion-MNIST images zero-padded (in normalised units) to 32x32 and repeated over 3 channels.

enum TrainerBench {
    /// Threads for every figure (`FNAS_BENCH_THREADS` overrides the default 2).
    static let threads = Int(ProcessInfo.processInfo.environment["FNAS_BENCH_THREADS"] ?? "") ?? 2

    /// (a) conv3x3-32 + ReLU, max-pool 2, conv3x3-64 + ReLU, max-pool 2, dense(10).
    static func leNetLike(seed: UInt64 = 1) throws -> Network {
        var g = SeededGenerator(seed: seed)
        let layers: [Layer] = [
            Conv2D(ConvLayer(kernel: 3, filters: 32), inputChannels: 1, name: "conv1", generator: &g), ReLU(), MaxPool(size: 2),
            Conv2D(ConvLayer(kernel: 3, filters: 64), inputChannels: 32, name: "conv2", generator: &g), ReLU(), MaxPool(size: 2),
            Flatten(), Dense(inputs: 7 * 7 * 64, outputs: 10, generator: &g),
        ]
        return try Network(input: FeatureShape(channels: 1, height: 28, width: 28), layers: layers)
    }

    /// (b) the FNAS MNIST demo's space: 4 layers of kernel 7, 18 filters, at 28x28.
    static let fnasMNIST = Architecture(name: "fnas-mnist", input: InputShape(height: 28, width: 28, channels: 1),
                                        layers: Array(repeating: ConvLayer(kernel: 7, filters: 18), count: 4))

    /// (c) a 6-layer child of the TCAD'20 CIFAR-10 space.
    static let cifarChild = Architecture(name: "cifar-6", input: InputShape(height: 32, width: 32, channels: 3),
                                         layers: [ConvLayer(kernel: 3, filters: 36), ConvLayer(kernel: 5, filters: 48, stride: 2),
                                                  ConvLayer(kernel: 3, filters: 64), ConvLayer(kernel: 7, filters: 36),
                                                  ConvLayer(kernel: 1, filters: 64, stride: 2), ConvLayer(kernel: 3, filters: 48)])

    /// Fashion-MNIST images centred in 32x32 (zeros around) and repeated over 3 channels.
    static func as32x32x3(_ images: LabeledImages) -> LabeledImages {
        var pixels = [Float](repeating: 0, count: images.count * 3 * 32 * 32)
        for i in 0..<images.count {
            for c in 0..<3 {
                for y in 0..<28 {
                    for x in 0..<28 {
                        pixels[((i * 3 + c) * 32 + y + 2) * 32 + x + 2] = images.pixels[(i * 28 + y) * 28 + x]
                    }
                }
            }
        }
        return LabeledImages(shape: InputShape(height: 32, width: 32, channels: 3), pixels: pixels, labels: images.labels)
    }

    /// Images per second of full training steps over consecutive batches, after `warmup` steps:
    /// batch size over the median step time, which other processes on a shared machine disturb
    /// less than the mean.
    static func imagesPerSecond(_ network: Network, _ images: LabeledImages, batch: Int, steps: Int, warmup: Int = 2) -> Double {
        network.setThreads(threads)
        TrainingMemory.keepFreedMemory()   // as train() does
        let optimizer = Optimizer(.adam(learningRate: 1e-3))
        let parameters = network.parameters
        var times: [Double] = []
        for step in 0..<(warmup + steps) {
            let start = DispatchTime.now().uptimeNanoseconds
            let lower = (step * batch) % max(images.count - batch, 1)
            let (x, labels) = images.batch(lower..<(lower + batch))
            let logits = network.forward(x, training: true)
            let loss = SoftmaxCrossEntropy.evaluate(logits: logits, labels: labels)
            network.zeroGradients()
            network.backward(loss.gradient)
            optimizer.update(parameters)
            if step >= warmup { times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9) }
        }
        times.sort()
        return Double(batch) / times[times.count / 2]
    }

    static func run() throws {
        let full = try? Dataset.fashionMNIST()
        let data = try full ?? Dataset.embeddedFashionMNIST()
        print("data: \(data.name); \(threads) threads; shared 2-core machine, expect noise")
        // (name, network, images, batch, timed steps, warm-up steps): the same as bench.py.
        let cases: [(String, () throws -> Network, LabeledImages, Int, Int, Int)] = [
            ("(a) LeNet-like 28x28x1, batch 64", { try leNetLike() }, data.train, 64, 60, 10),
            ("(b) FNAS-MNIST 4 x k7f18 28x28x1, batch 256", { try Network.child(fnasMNIST, seed: 1) }, data.train, 256, 6, 3),
            ("(c) CIFAR-space k3f36,k5f48s2,k3f64,k7f36,k1f64s2,k3f48 32x32x3, batch 128",
             { try Network.child(cifarChild, seed: 1) }, as32x32x3(data.train.subset(0..<4096)), 128, 10, 3),
        ]
        for (name, make, images, batch, steps, warmup) in cases {
            let rate = imagesPerSecond(try make(), images, batch: batch, steps: steps, warmup: warmup)
            print("\(name): \(formatDecimal(rate, places: 0)) images/s")
        }
        guard full != nil else {
            print("(a) one-epoch accuracy: skipped (full Fashion-MNIST not installed)")
            return
        }
        let config = TrainingOptions(epochs: 1, batchSize: 64, optimizer: .adam(learningRate: 1e-3), seed: 1,
                                    threads: threads, validationFraction: 1.0 / 12)
        let result = try train(try leNetLike(), on: data, config: config)
        print("(a) one epoch on full Fashion-MNIST: test accuracy \(ProgressText.percentText(result.testAccuracy ?? 0)),"
              + " validation \(ProgressText.percentText(result.bestValidationAccuracy)),"
              + " \(formatDecimal(result.imagesPerSecond, places: 0)) images/s, \(formatDecimal(result.seconds, places: 1)) s")
    }
}
