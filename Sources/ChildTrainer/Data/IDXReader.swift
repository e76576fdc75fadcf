import FNASCore

/// The IDX format of MNIST and Fashion-MNIST: a big-endian header (two zero bytes, a type
/// byte 0x08 for unsigned bytes, the number of dimensions, then each dimension as a 32-bit
/// count) followed by the values.
public enum IDXReader {
    /// Images of an IDX3 file: `count` images of `rows x cols` bytes.
    public struct Images: Sendable {
        public var count: Int
        public var rows: Int
        public var cols: Int
        public var pixels: [UInt8]
    }

    /// Parses an image file (magic 0x00000803).
    /// - Throws: ``InputError`` naming `source` for a bad magic number, zero-sized dimension or
    ///   truncated / over-long data.
    public static func images(_ bytes: [UInt8], source: String) throws -> Images {
        let dims = try header(bytes, expectedDimensions: 3, kind: "image", source: source)
        let (count, rows, cols) = (dims[0], dims[1], dims[2])
        guard rows > 0, cols > 0 else {
            throw InputError(source: source, "images are \(rows)x\(cols); each dimension must be at least 1")
        }
        // Found by fuzzing: a count of 0 passed, so an empty test set was "evaluated".
        guard count > 0 else { throw InputError(source: source, "holds no images (the header's count is 0)") }
        let start = 16
        // Each dimension is a 32-bit count from the file, so the product can overflow Int:
        // such a header promises more bytes than any file holds.
        let (pixels, overflowA) = rows.multipliedReportingOverflow(by: cols)
        let (expected, overflowB) = count.multipliedReportingOverflow(by: pixels)
        guard !overflowA, !overflowB else {
            throw InputError(source: source,
                             "the header promises \(count) images of \(rows)x\(cols), more bytes than a file can hold (corrupt header?)")
        }
        try checkLength(bytes, start: start, expected: expected, what: "\(count) images of \(rows)x\(cols)", source: source)
        return Images(count: count, rows: rows, cols: cols, pixels: Array(bytes[start...]))
    }

    /// Parses a label file (magic 0x00000801).
    public static func labels(_ bytes: [UInt8], source: String) throws -> [UInt8] {
        let count = try header(bytes, expectedDimensions: 1, kind: "label", source: source)[0]
        try checkLength(bytes, start: 8, expected: count, what: "\(count) labels", source: source)
        return Array(bytes[8...])
    }

    private static func header(_ bytes: [UInt8], expectedDimensions: Int, kind: String, source: String) throws -> [Int] {
        let magic = 0x800 + expectedDimensions
        guard bytes.count >= 4 else {
            throw InputError(source: source, "is \(bytes.count) bytes long, too short for an IDX header")
        }
        let found = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        guard found == magic else {
            let hex = String(found, radix: 16, uppercase: true)
            throw InputError(source: source,
                             "bad magic number 0x\(String(repeating: "0", count: max(0, 8 - hex.count)))\(hex); an IDX \(kind) file starts with 0x00000\(String(magic, radix: 16))")
        }
        let headerSize = 4 + 4 * expectedDimensions
        guard bytes.count >= headerSize else {
            throw InputError(source: source, "truncated IDX header (\(bytes.count) of \(headerSize) bytes)")
        }
        return (0..<expectedDimensions).map { d in
            bytes[(4 + 4 * d)..<(8 + 4 * d)].reduce(0) { $0 << 8 | Int($1) }
        }
    }

    private static func checkLength(_ bytes: [UInt8], start: Int, expected: Int, what: String, source: String) throws {
        let have = bytes.count - start
        if have < expected {
            throw InputError(source: source, "truncated: the header promises \(what) (\(expected) bytes) but only \(have) follow")
        }
        if have > expected {
            throw InputError(source: source, "\(have - expected) unexpected bytes after the \(what) the header declares")
        }
    }
}

/// The CIFAR-10 binary format: records of one label byte then 3,072 pixel bytes
/// (1,024 red, 1,024 green, 1,024 blue, each 32x32 row-major), which is already CHW.
public enum CIFARReader {
    public static let imageBytes = 3 * 32 * 32
    public static let recordBytes = 1 + imageBytes

    /// Splits one batch file into CHW pixels and labels.
    /// - Throws: ``InputError`` naming `source` when the size is not a whole number of records
    ///   or a label is not in 0...9.
    public static func batch(_ bytes: [UInt8], source: String) throws -> (pixels: [UInt8], labels: [UInt8]) {
        guard !bytes.isEmpty else { throw InputError(source: source, "is empty; a CIFAR-10 batch holds 3,073-byte records") }
        guard bytes.count % recordBytes == 0 else {
            throw InputError(source: source,
                             "is \(bytes.count) bytes, not a whole number of 3,073-byte CIFAR-10 records (truncated or not CIFAR-10)")
        }
        let count = bytes.count / recordBytes
        var pixels = [UInt8](repeating: 0, count: count * imageBytes)
        var labels = [UInt8](repeating: 0, count: count)
        for i in 0..<count {
            let label = bytes[i * recordBytes]
            guard label < 10 else {
                throw InputError(source: source, field: "record \(i + 1)", "label \(label) is not a CIFAR-10 class (0-9)")
            }
            labels[i] = label
            let from = i * recordBytes + 1
            pixels.replaceSubrange((i * imageBytes)..<((i + 1) * imageBytes), with: bytes[from..<(from + imageBytes)])
        }
        return (pixels, labels)
    }
}
