import ChildTrainer
import FuzzSupport

/// CIFAR-10 batch files (`--cifar DIR`): split into whole records with labels 0...9.
Fuzz.run { input in
    let bytes = input
    guard let batch = Fuzz.expectInputError(source: "cifar", { try CIFARReader.batch(bytes, source: "cifar") }) else { return }
    if batch.labels.isEmpty || batch.pixels.count != batch.labels.count * CIFARReader.imageBytes {
        Fuzz.fail("\(batch.labels.count) labels with \(batch.pixels.count) pixels from \(bytes.count) bytes")
    }
    if let bad = batch.labels.first(where: { $0 > 9 }) { Fuzz.fail("label \(bad) accepted") }
}
