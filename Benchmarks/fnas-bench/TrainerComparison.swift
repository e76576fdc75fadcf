import ChildTrainer
import FNASCore
import Foundation
import SearchEngine

// The fnas side of `make bench-trainer` (issue 17; Benchmarks/trainer-vs-pytorch.py drives it and
// Benchmarks/pytorch/bench.py is the PyTorch side):
//
//   fnas-bench trainer-cases                      one line per child: name, input, layers, batch
//   fnas-bench trainer-child INPUT LAYERS BATCH   images/s of one epoch of that child
//
// The children are the three and one child of each preset space. One epoch is the first
// 6,000 training images of the full Fashion-MNIST (28x28x1; for 32x32x3 children, zero-padded
// in normalised units and repeated over 3 channels), after 3 untimed warm-up steps; only the
// training steps (forward, backward, Adam) are timed, with 2 threads, as on the PyTorch side.

enum TrainerComparison {
    struct Case {
        var name: String
        var architecture: Architecture
        var batch: Int
    }

    static let images = 6000
    static let warmup = 3

    static func cases() throws -> [Case] {
        func child(_ layers: String, input: String) throws -> Architecture {
            Architecture(input: try CompactSyntax.inputShape(input), layers: try CompactSyntax.layers(layers))
        }
        var cases = [
            Case(name: "issue-a", architecture: try child("k3f16,k3f32s2", input: "28x28x1"), batch: 64),
            Case(name: "issue-b", architecture: try child("k7f18,k7f18,k7f18,k7f18", input: "28x28x1"), batch: 256),
            Case(name: "issue-c", architecture: try child("k3f36,k5f48s2,k3f64,k7f36,k1f64s2,k3f48", input: "32x32x3"), batch: 128),
        ]
        // One child of each preset space, drawn with a fixed seed so every run times the same one.
        // The first valid one: a deep space's draws can stride a map down to nothing.
        for space in SearchSpace.presets {
            var rng = SeededGenerator(seed: 17)
            guard let arch = (0..<1000).lazy.map({ _ in space.architecture(choices: space.randomChoices(using: &rng)) })
                .first(where: { (try? $0.validated()) != nil }) else { continue }
            cases.append(Case(name: space.name, architecture: arch, batch: arch.input.channels == 3 ? 128 : 64))
        }
        return cases
    }

    static func listCases() throws {
        for c in try cases() {
            print("\(c.name)\t\(c.architecture.input)\t\(c.architecture.compactLayers)\t\(c.batch)")
        }
    }

    /// The first ``images`` training images, as `arch` takes them (28x28x1 as they are, 32x32x3
    /// zero-padded and repeated over 3 channels).
    static func trainingImages(for arch: Architecture, from data: Dataset) throws -> LabeledImages {
        let train = data.train.subset(0..<images)
        switch (arch.input.height, arch.input.width, arch.input.channels) {
        case (28, 28, 1): return train
        case (32, 32, 3): return TrainerBench.as32x32x3(train)
        default: throw InputError(source: "fnas-bench", field: "input", "must be 28x28x1 or 32x32x3 (got \(arch.input))")
        }
    }

    /// `trainer-child INPUT LAYERS BATCH`: prints `images/s N`.
    static func runChild(_ arguments: [String]) throws {
        guard arguments.count == 3, let batch = Int(arguments[2]), batch > 0 else {
            throw InputError(source: "fnas-bench trainer-child", "expected INPUT LAYERS BATCH, e.g. 28x28x1 k3f16,k3f32s2 64")
        }
        let arch = Architecture(input: try CompactSyntax.inputShape(arguments[0]), layers: try CompactSyntax.layers(arguments[1]))
        let train = try trainingImages(for: arch, from: Dataset.fashionMNIST())
        let network = try Network.child(arch, seed: 1)
        TrainingMemory.keepFreedMemory()   // as train() does
        network.setThreads(TrainerBench.threads)
        let optimizer = Optimizer(.adam(learningRate: 1e-3))
        let parameters = network.parameters
        func step(_ lower: Int) -> Double {
            let (x, labels) = train.batch(lower..<(lower + batch))
            let start = DispatchTime.now().uptimeNanoseconds
            let loss = SoftmaxCrossEntropy.evaluate(logits: network.forward(x, training: true), labels: labels)
            network.zeroGradients()
            network.backward(loss.gradient)
            optimizer.update(parameters)
            return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        }
        for s in 0..<warmup { _ = step((s * batch) % (images - batch)) }
        // FNAS_BENCH_EPOCHS (1) repeats the epoch, so that a profile of a fast child is mostly
        // training rather than loading the data (Benchmarks/trainer-profile.sh).
        let epochs = max(1, Int(ProcessInfo.processInfo.environment["FNAS_BENCH_EPOCHS"] ?? "") ?? 1)
        let perEpoch = images / batch
        let steps = perEpoch * epochs
        let seconds = (0..<steps).reduce(0) { $0 + step(($1 % perEpoch) * batch) }
        print("images/s \(formatDecimal(Double(steps * batch) / seconds, places: 1))")
    }
}
