import CZlib
import Foundation
import FNASCore

/// Reads a whole data file, inflating it when it is gzip-compressed (by its magic bytes, not
/// its name), so `train-images-idx3-ubyte` and `train-images-idx3-ubyte.gz` load alike.
public enum FileBytes {
    /// - Throws: ``InputError`` naming `path` when it cannot be read or its gzip stream is corrupt
    ///   or truncated.
    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(source: path, "cannot read the file (missing or unreadable)")
        }
        return try contents([UInt8](data), source: path)
    }

    /// A data file's contents from its bytes: inflated when they are gzip (at most `limit`
    /// bytes), else as they are.
    ///
    /// - Throws: ``InputError`` naming `source` for a corrupt, truncated or oversized gzip stream.
    public static func contents(_ bytes: [UInt8], source: String, limit: Int = maximumInflatedBytes) throws -> [UInt8] {
        if bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B {
            return try gunzip(bytes, source: source, limit: limit)
        }
        return bytes
    }

    /// The most a data file may inflate to: the full Fashion-MNIST is 47 MB, CIFAR-10 180 MB. A
    /// few kilobytes of gzip can claim gigabytes (a "zip bomb"); past this the read stops with an
    /// error instead of exhausting memory and aborting.
    public static let maximumInflatedBytes = 1 << 31

    /// Inflates a gzip member (concatenated members too), refusing corrupt or truncated input
    /// and output beyond `limit` bytes.
    static func gunzip(_ input: [UInt8], source: String, limit: Int = maximumInflatedBytes) throws -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: expect a gzip header and trailer.
        guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError(source: source, "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8]()
        output.reserveCapacity(min(input.count * 4, limit))
        // 256 KiB steps for a dataset; a small stream gets a small buffer (zeroing 256 KiB for a
        // 100-byte file was most of the time of reading one).
        var chunk = [UInt8](repeating: 0, count: min(1 << 18, max(1 << 12, input.count * 8)))
        var finished = false
        try input.withUnsafeBufferPointer { inBuf in
            stream.next_in = UnsafeMutablePointer(mutating: inBuf.baseAddress)
            stream.avail_in = uInt(inBuf.count)
            while true {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                guard output.count + produced <= limit else {
                    throw InputError(source: source, "inflates to more than \(limit) bytes, far beyond any dataset (corrupt or not a data file)")
                }
                output.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    if stream.avail_in > 0 {
                        // Another gzip member follows (gzip allows concatenation).
                        guard inflateReset(&stream) == Z_OK else {
                            throw InputError(source: source, "corrupt gzip data after the first member")
                        }
                        continue
                    }
                    finished = true
                case Z_OK:
                    if stream.avail_in == 0 && produced == 0 { break }
                    continue
                case Z_BUF_ERROR:
                    break
                default:
                    let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                    throw InputError(source: source, "corrupt gzip data (\(reason))")
                }
                break
            }
        }
        guard finished else {
            throw InputError(source: source, "truncated gzip data (the stream ends before its trailer)")
        }
        return output
    }
}
