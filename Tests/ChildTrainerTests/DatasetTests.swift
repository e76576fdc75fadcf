import Foundation
import FNASCore
import Testing
@testable import ChildTrainer

/// A fresh temporary folder per test, removed afterwards.
final class TempFolder {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "fnas-trainer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}

func bigEndian(_ values: [Int]) -> [UInt8] {
    values.flatMap { v in (0..<4).reversed().map { UInt8((v >> (8 * $0)) & 0xFF) } }
}

func idxImages(count: Int, rows: Int, cols: Int, fill: (Int) -> UInt8 = { UInt8($0 % 256) }) -> [UInt8] {
    bigEndian([0x803, count, rows, cols]) + (0..<(count * rows * cols)).map(fill)
}

func idxLabels(_ labels: [UInt8]) -> [UInt8] { bigEndian([0x801, labels.count]) + labels }

/// gzip through the system's gzip tool, so the reader is tested against an independent writer.
func gzip(_ bytes: [UInt8], in folder: TempFolder) throws -> [UInt8] {
    let plain = try folder.write("plain-\(UUID().uuidString)", bytes)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-n", "-f", plain]
    try process.run()
    process.waitUntilExit()
    return [UInt8](try Data(contentsOf: URL(fileURLWithPath: plain + ".gz")))
}

@Suite("IDX and CIFAR-10 readers")
struct DatasetTests {
    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    @Test("an IDX folder loads raw and gzip files alike, with a test set")
    func idxFolder() throws {
        let folder = try TempFolder()
        _ = try folder.write("train-images-idx3-ubyte", idxImages(count: 4, rows: 2, cols: 3))
        _ = try folder.write("train-labels-idx1-ubyte", idxLabels([0, 1, 2, 1]))
        _ = try folder.write("t10k-images-idx3-ubyte.gz", try gzip(idxImages(count: 2, rows: 2, cols: 3), in: folder))
        _ = try folder.write("t10k-labels-idx1-ubyte.gz", try gzip(idxLabels([2, 0]), in: folder))
        let data = try Dataset.idx(directory: folder.path)
        #expect(data.shape == InputShape(height: 2, width: 3, channels: 1))
        #expect(data.classes == 3)
        #expect(data.train.labels == [0, 1, 2, 1])
        #expect(data.test?.labels == [2, 0])
        // Standardised with the training statistics: mean 0 over the training pixels.
        let mean = data.train.pixels.reduce(0, +) / Float(data.train.pixels.count)
        #expect(abs(mean) < 1e-5)
    }

    @Test("a bad IDX magic number is rejected, naming the file")
    func badMagic() throws {
        let folder = try TempFolder()
        var bytes = idxImages(count: 1, rows: 2, cols: 2)
        bytes[2] = 0x09
        let file = try folder.write("train-images-idx3-ubyte", bytes)
        let m = message { _ = try IDXReader.images(FileBytes.read(file), source: file) }
        #expect(m?.contains(file) == true)
        #expect(m?.contains("bad magic number 0x00000903") == true)
    }

    @Test("a truncated IDX file is rejected")
    func truncated() throws {
        let bytes = Array(idxImages(count: 3, rows: 2, cols: 2).dropLast(5))
        let m = message { _ = try IDXReader.images(bytes, source: "x.idx") }
        #expect(m == "x.idx: truncated: the header promises 3 images of 2x2 (12 bytes) but only 7 follow")
        let header = message { _ = try IDXReader.labels([0, 0, 8, 1, 0], source: "l.idx") }
        #expect(header?.contains("truncated IDX header") == true)
    }

    @Test("an IDX image file with a count of 0 is refused, whatever its image size (found by fuzz-idx)")
    func zeroImages() throws {
        let m = message { _ = try IDXReader.images(bigEndian([0x803, 0, 7_367_052, 1_430_887_073]), source: "x.idx") }
        #expect(m == "x.idx: holds no images (the header's count is 0)")
    }

    @Test("IDX dimensions whose product overflows Int are a corrupt header, not an arithmetic trap")
    func overflowingHeader() throws {
        let bytes = bigEndian([0x803, 0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF])
        let m = message { _ = try IDXReader.images(bytes, source: "x.idx") }
        #expect(m == "x.idx: the header promises 4294967295 images of 4294967295x4294967295, more bytes than a file can hold (corrupt header?)")
    }

    @Test("gzip data inflating past the limit is an input error, not an out-of-memory abort")
    func gzipBomb() throws {
        let folder = try TempFolder()
        let zeros = try gzip([UInt8](repeating: 0, count: 1 << 20), in: folder)
        #expect(zeros.count < 5000)
        let m = message { _ = try FileBytes.gunzip(zeros, source: "bomb.gz", limit: 100_000) }
        #expect(m == "bomb.gz: inflates to more than 100000 bytes, far beyond any dataset (corrupt or not a data file)")
        #expect(try FileBytes.gunzip(zeros, source: "ok.gz", limit: 1 << 20).count == 1 << 20)
    }

    @Test("a label count different from the image count is rejected, naming the label file")
    func countMismatch() throws {
        let folder = try TempFolder()
        _ = try folder.write("train-images-idx3-ubyte", idxImages(count: 3, rows: 2, cols: 2))
        let labels = try folder.write("train-labels-idx1-ubyte", idxLabels([0, 1]))
        let m = message { _ = try Dataset.idx(directory: folder.path) }
        #expect(m?.hasPrefix(labels) == true)
        #expect(m?.contains("has 2 labels but") == true)
    }

    @Test("corrupt and truncated gzip data are rejected, naming the file")
    func badGzip() throws {
        let folder = try TempFolder()
        let good = try gzip(idxLabels([1, 2, 3]), in: folder)
        var corrupt = good
        corrupt[12] ^= 0xFF
        corrupt[13] ^= 0xFF
        let corruptFile = try folder.write("corrupt.gz", corrupt)
        let m1 = message { _ = try FileBytes.read(corruptFile) }
        #expect(m1?.hasPrefix(corruptFile) == true)
        #expect(m1?.contains("gzip") == true)
        let cut = try folder.write("cut.gz", Array(good.prefix(good.count - 6)))
        let m2 = message { _ = try FileBytes.read(cut) }
        #expect(m2 == "\(cut): truncated gzip data (the stream ends before its trailer)")
        #expect(try FileBytes.read(folder.write("ok.gz", good)) == idxLabels([1, 2, 3]))
    }

    @Test("a missing folder or file is reported, not trapped on")
    func missing() throws {
        let folder = try TempFolder()
        let m = message { _ = try Dataset.idx(directory: folder.path) }
        #expect(m == "\(folder.path): no train-images-idx3-ubyte or train-images-idx3-ubyte.gz in this folder")
        let full = message { _ = try Dataset.fashionMNIST(directory: folder.path + "/nope") }
        #expect(full?.contains("dataset-fashion-mnist") == true)
    }

    @Test("CIFAR-10 records split into CHW pixels and labels")
    func cifarRecords() throws {
        var bytes: [UInt8] = []
        for (label, value) in [(3, 10), (9, 20)] as [(UInt8, UInt8)] {
            bytes.append(label)
            bytes += [UInt8](repeating: value, count: 1024) + [UInt8](repeating: value + 1, count: 1024)
                + [UInt8](repeating: value + 2, count: 1024)
        }
        let batch = try CIFARReader.batch(bytes, source: "b.bin")
        #expect(batch.labels == [3, 9])
        #expect(batch.pixels.count == 2 * 3072)
        #expect(batch.pixels[1024] == 11 && batch.pixels[3072 + 2048] == 22)
    }

    @Test("a truncated CIFAR-10 batch or a bad label is rejected")
    func cifarRejects() {
        let m = message { _ = try CIFARReader.batch([UInt8](repeating: 0, count: 3073 + 100), source: "b.bin") }
        #expect(m?.hasPrefix("b.bin: is 3173 bytes, not a whole number") == true)
        var bad = [UInt8](repeating: 0, count: 3073)
        bad[0] = 12
        let l = message { _ = try CIFARReader.batch(bad, source: "b.bin") }
        #expect(l == "b.bin: record 1: label 12 is not a CIFAR-10 class (0-9)")
    }

    @Test("a CIFAR-10 folder needs all five training batches")
    func cifarFolder() throws {
        let folder = try TempFolder()
        let m = message { _ = try Dataset.cifar10(directory: folder.path) }
        #expect(m == "\(folder.path): no data_batch_1.bin (CIFAR-10 binary version expected)")
    }

    @Test("the embedded Fashion-MNIST subset is balanced: 1,000 + 200 images per class")
    func embedded() throws {
        let data = try Dataset.embeddedFashionMNIST()
        #expect(data.shape == InputShape(height: 28, width: 28, channels: 1))
        #expect(data.classes == 10)
        #expect(data.train.count == 10_000)
        #expect(data.test?.count == 2_000)
        for c in 0..<10 {
            #expect(data.train.labels.filter { $0 == c }.count == 1000)
            #expect(data.test?.labels.filter { $0 == c }.count == 200)
        }
    }

    @Test("the validation split is disjoint, the requested size, and fixed by the seed")
    func validationSplit() throws {
        let labels = Array(0..<100).map { $0 % 10 }
        let pixels = (0..<100).map { UInt8($0) }
        let data = Dataset(name: "t", shape: InputShape(height: 1, width: 1, channels: 1), classes: 10,
                           trainPixels: pixels, trainLabels: labels, testPixels: nil, testLabels: nil)
        let a = data.validationSplit(fraction: 0.2, seed: 4), b = data.validationSplit(fraction: 0.2, seed: 4)
        #expect(a.validation.count == 20 && a.train.count == 80)
        #expect(a.validation.pixels == b.validation.pixels)
        #expect(Set(a.validation.pixels).isDisjoint(with: Set(a.train.pixels)))
        #expect(data.validationSplit(fraction: 0.2, seed: 5).validation.pixels != a.validation.pixels)
    }
}
