import ChildTrainer
import FuzzSupport

/// IDX image and label files, raw or gzip (`--data DIR`, `--dataset fashion-mnist`): the first
/// byte picks images or labels, the rest is the file. Inflating stops at 16 MiB here, so a
/// small input that claims gigabytes is an error, not an out-of-memory report.
Fuzz.run { input in
    guard let selector = input.first else { return }
    let file = Array(input.dropFirst())
    guard let bytes = Fuzz.expectInputError(source: "idx", { try FileBytes.contents(file, source: "idx", limit: 1 << 24) }) else { return }
    if selector & 1 == 0 {
        guard let images = Fuzz.expectInputError(source: "idx", { try IDXReader.images(bytes, source: "idx") }) else { return }
        if images.count < 1 || images.rows < 1 || images.cols < 1 || images.pixels.count != images.count * images.rows * images.cols {
            Fuzz.fail("images \(images.count)x\(images.rows)x\(images.cols) with \(images.pixels.count) pixels")
        }
    } else {
        guard let labels = Fuzz.expectInputError(source: "idx", { try IDXReader.labels(bytes, source: "idx") }) else { return }
        if labels.count + 8 != bytes.count { Fuzz.fail("\(labels.count) labels from \(bytes.count) bytes") }
    }
}
