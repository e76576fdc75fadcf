import Foundation

/// Runs `body` with a fresh empty directory under the system temporary directory and removes
/// the directory afterwards, whether `body` returns or throws.
func withTemporaryDirectory<T>(_ label: String, _ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "fnas-services-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}
