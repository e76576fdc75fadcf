import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Crash-safe file writes: a reader (or a resumed run) sees the old file or the new one, never half.
enum AtomicFile {
    /// Writes `data` to a temporary file next to `path` and renames it over `path`.
    ///
    /// - Parameter durable: fsync the data before the rename, so it also survives a power loss
    ///   (a killed process never leaves a half file either way). The run directory's derived
    ///   files skip it: after a power loss they are rebuilt from the fsync'ed event log.
    static func write(_ data: Data, to path: String, durable: Bool = true) throws {
        let temp = path + ".tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw RunFileError(path: temp, operation: "create") }
        defer { close(fd) }
        try writeAll(fd, data, path: temp)
        if durable, fsync(fd) != 0 { throw RunFileError(path: temp, operation: "fsync") }
        guard rename(temp, path) == 0 else { throw RunFileError(path: path, operation: "rename into") }
    }

    static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard let base = raw.baseAddress else { return }   // empty data
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, base + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw RunFileError(path: path, operation: "write")
                }
                offset += n
            }
        }
    }
}

/// A run-directory file could not be written.
public struct RunFileError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var operation: String
    public var code: Int32

    init(path: String, operation: String) {
        self.path = path; self.operation = operation; code = errno
    }

    public var description: String { "\(path): cannot \(operation) (\(String(cString: strerror(code))))" }
}
