import Foundation
import FNASCore

extension Dataset {
    /// Where the Debian package `dataset-fashion-mnist` installs the full Fashion-MNIST.
    public static let systemFashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"

    /// The 10,000 + 2,000 image Fashion-MNIST subset shipped inside the module (balanced:
    /// 1,000 training and 200 test images per class; built by scripts/make-fashion-mnist-subset.py).
    public static func embeddedFashionMNIST() throws -> Dataset {
        guard let url = Bundle.module.url(forResource: "fashion-mnist-subset", withExtension: nil) else {
            throw InputError(source: "ChildTrainer resources", "the embedded fashion-mnist-subset folder is missing from the bundle")
        }
        var data = try idx(directory: url.path)
        data.name = "embedded Fashion-MNIST subset"
        return data
    }

    /// The full Fashion-MNIST (60,000 + 10,000) from ``systemFashionMNISTDirectory``.
    /// - Throws: ``InputError`` saying how to get it when the folder is absent.
    public static func fashionMNIST(directory: String = systemFashionMNISTDirectory) throws -> Dataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(source: directory,
                             "the full Fashion-MNIST is not installed here (install the Debian package dataset-fashion-mnist, or use the embedded dataset)")
        }
        var data = try idx(directory: directory)
        data.name = "Fashion-MNIST (\(directory))"
        return data
    }

    /// An MNIST-style folder: `train-images-idx3-ubyte` and `train-labels-idx1-ubyte` (raw or
    /// `.gz`), and optionally `t10k-images-idx3-ubyte` / `t10k-labels-idx1-ubyte` as the test set.
    /// The class count is one more than the largest label.
    public static func idx(directory: String) throws -> Dataset {
        func find(_ stem: String, required: Bool) throws -> String? {
            for name in [stem, stem + ".gz"] {
                let path = (directory as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: path) { return path }
            }
            if required {
                throw InputError(source: directory, "no \(stem) or \(stem).gz in this folder")
            }
            return nil
        }
        func load(_ imagesPath: String, _ labelsPath: String) throws -> (IDXReader.Images, [Int]) {
            let images = try IDXReader.images(try FileBytes.read(imagesPath), source: imagesPath)
            let labels = try IDXReader.labels(try FileBytes.read(labelsPath), source: labelsPath)
            guard labels.count == images.count else {
                throw InputError(source: labelsPath, "has \(labels.count) labels but \(imagesPath) has \(images.count) images")
            }
            return (images, labels.map(Int.init))
        }
        guard let trainImages = try find("train-images-idx3-ubyte", required: true),
              let trainLabels = try find("train-labels-idx1-ubyte", required: true) else {
            throw InputError(source: directory, "no training files")
        }
        let (train, trainY) = try load(trainImages, trainLabels)
        guard train.count > 0 else { throw InputError(source: trainImages, "holds no images") }
        var test: (IDXReader.Images, [Int])?
        let testImages = try find("t10k-images-idx3-ubyte", required: false)
        let testLabels = try find("t10k-labels-idx1-ubyte", required: false)
        if let testImages, let testLabels {
            test = try load(testImages, testLabels)
            if let (t, _) = test, t.rows != train.rows || t.cols != train.cols {
                throw InputError(source: testImages, "images are \(t.rows)x\(t.cols) but the training images are \(train.rows)x\(train.cols)")
            }
        } else if testImages != nil || testLabels != nil {
            throw InputError(source: directory, "has only one of t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte")
        }
        let classes = max(2, (trainY.max() ?? 0) + 1, (test?.1.max() ?? 0) + 1)
        return Dataset(name: directory, shape: InputShape(height: train.rows, width: train.cols, channels: 1),
                       classes: classes, trainPixels: train.pixels, trainLabels: trainY,
                       testPixels: test?.0.pixels, testLabels: test?.1)
    }

    /// CIFAR-10 binaries: `data_batch_1.bin` ... `data_batch_5.bin` (training) and
    /// `test_batch.bin` (test, optional), 32x32x3, ten classes.
    public static func cifar10(directory: String) throws -> Dataset {
        var pixels: [UInt8] = [], labels: [Int] = []
        for i in 1...5 {
            let path = (directory as NSString).appendingPathComponent("data_batch_\(i).bin")
            guard FileManager.default.fileExists(atPath: path) else {
                throw InputError(source: directory, "no data_batch_\(i).bin (CIFAR-10 binary version expected)")
            }
            let batch = try CIFARReader.batch(try FileBytes.read(path), source: path)
            pixels += batch.pixels
            labels += batch.labels.map(Int.init)
        }
        let testPath = (directory as NSString).appendingPathComponent("test_batch.bin")
        var testPixels: [UInt8]?, testLabels: [Int]?
        if FileManager.default.fileExists(atPath: testPath) {
            let batch = try CIFARReader.batch(try FileBytes.read(testPath), source: testPath)
            testPixels = batch.pixels
            testLabels = batch.labels.map(Int.init)
        }
        return Dataset(name: "CIFAR-10 (\(directory))", shape: InputShape(height: 32, width: 32, channels: 3), classes: 10,
                       trainPixels: pixels, trainLabels: labels, testPixels: testPixels, testLabels: testLabels)
    }
}
