import FNASCore

/// Labelled images, normalised, in the layout the network reads (each image C x H x W).
public struct LabeledImages: Sendable {
    public var shape: InputShape
    /// `count * channels * height * width` normalised values.
    public var pixels: [Float]
    /// One class index per image.
    public var labels: [Int]

    public init(shape: InputShape, pixels: [Float], labels: [Int]) {
        precondition(pixels.count == labels.count * shape.channels * shape.height * shape.width,
                     "pixel count does not match labels and shape")
        self.shape = shape
        self.pixels = pixels
        self.labels = labels
    }

    public var count: Int { labels.count }
    public var imageSize: Int { shape.channels * shape.height * shape.width }

    /// The images at `indices` as one batch tensor, with their labels.
    public func batch<C: Collection>(_ indices: C) -> (Tensor, [Int]) where C.Element == Int {
        let size = imageSize
        var labels: [Int] = []
        labels.reserveCapacity(indices.count)
        let tensor = pixels.withUnsafeBufferPointer { src in
            Tensor.uninitialized(batch: indices.count, channels: shape.channels, height: shape.height, width: shape.width) { out in
                for (slot, i) in indices.enumerated() {
                    (out.baseAddress! + slot * size).update(from: src.baseAddress! + i * size, count: size)
                    labels.append(self.labels[i])
                }
            }
        }
        return (tensor, labels)
    }

    /// A new set holding the images at `indices`, in that order.
    public func subset<C: Collection>(_ indices: C) -> LabeledImages where C.Element == Int {
        let (tensor, labels) = batch(indices)
        return LabeledImages(shape: shape, pixels: tensor.data, labels: labels)
    }
}

/// A classification dataset: training images, optional test images, the class count and where
/// it came from. Pixels are scaled to [0, 1] and then standardised per channel with the mean and
/// standard deviation of the training images (the same constants are applied to the test set).
public struct Dataset: Sendable {
    /// Where the data came from, for messages (e.g. `"embedded Fashion-MNIST subset"` or a path).
    public var name: String
    public var classes: Int
    public var train: LabeledImages
    public var test: LabeledImages?
    /// Per-channel mean and standard deviation used to standardise (of the [0, 1] pixels).
    public var channelMean: [Float]
    public var channelStd: [Float]

    public var shape: InputShape { train.shape }

    /// Builds a dataset from raw bytes in CHW order per image, standardising with the training
    /// set's statistics.
    public init(name: String, shape: InputShape, classes: Int,
                trainPixels: [UInt8], trainLabels: [Int], testPixels: [UInt8]?, testLabels: [Int]?) {
        let channels = shape.channels, plane = shape.height * shape.width
        var sum = [Double](repeating: 0, count: channels)
        var squares = [Double](repeating: 0, count: channels)
        let images = trainLabels.count
        trainPixels.withUnsafeBufferPointer { p in
            for i in 0..<images {
                for c in 0..<channels {
                    let base = (i * channels + c) * plane
                    var s = 0, q = 0
                    for j in 0..<plane { let v = Int(p[base + j]); s += v; q += v * v }
                    sum[c] += Double(s)
                    squares[c] += Double(q)
                }
            }
        }
        let n = Double(max(images * plane, 1))
        let mean = (0..<channels).map { sum[$0] / n / 255 }
        let std = (0..<channels).map { c in max((squares[c] / n / 65025 - mean[c] * mean[c]).squareRoot(), 1e-6) }
        func normalise(_ raw: [UInt8]) -> [Float] {
            var out = [Float](repeating: 0, count: raw.count)
            let scale = (0..<channels).map { Float(1 / (255 * std[$0])) }
            let offset = (0..<channels).map { Float(mean[$0] / std[$0]) }
            raw.withUnsafeBufferPointer { r in
                out.withUnsafeMutableBufferPointer { o in
                    for i in 0..<(raw.count / plane) {
                        let c = i % channels
                        let (a, b) = (scale[c], offset[c])
                        for j in (i * plane)..<((i + 1) * plane) { o[j] = Float(r[j]) * a - b }
                    }
                }
            }
            return out
        }
        self.name = name
        self.classes = classes
        train = LabeledImages(shape: shape, pixels: normalise(trainPixels), labels: trainLabels)
        if let testPixels, let testLabels {
            test = LabeledImages(shape: shape, pixels: normalise(testPixels), labels: testLabels)
        } else {
            test = nil
        }
        channelMean = mean.map(Float.init)
        channelStd = std.map(Float.init)
    }

    /// Splits the training images into a training part and a validation part of
    /// `validationFraction` (at least one image each), chosen by a shuffle from `seed`.
    public func validationSplit(fraction: Double, seed: UInt64) -> (train: LabeledImages, validation: LabeledImages) {
        var generator = SeededGenerator(seed: seed).derive("validation-split")
        var order = Array(0..<train.count)
        order.shuffle(using: &generator)
        let held = heldOut(fraction: fraction)
        return (train.subset(order[held...]), train.subset(order[..<held]))
    }

    /// Images ``validationSplit(fraction:seed:)`` holds out for validation (at least one, and
    /// at least one left to train on when there are two or more).
    public func heldOut(fraction: Double) -> Int {
        let scaled = Double(train.count) * fraction
        let wanted = scaled.isFinite ? Int(min(scaled.rounded(), Double(train.count))) : 1
        return min(max(wanted, 1), max(train.count - 1, 1))
    }

    /// Training images left after ``validationSplit(fraction:seed:)`` (before any train limit).
    public func trainingCount(fraction: Double) -> Int { train.count - heldOut(fraction: fraction) }
}
