import Foundation
import Synchronization

/// A fresh empty directory under the system temporary directory, named after `label`; it is
/// removed when the test process exits, so runs leave nothing behind in /tmp.
public func temporaryDirectory(_ label: String) -> String {
    let path = NSTemporaryDirectory() + "fnas-engine-\(label)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    TemporaryDirectories.add(path)
    return path
}

/// The directories ``temporaryDirectory(_:)`` made in this process. Tests inspect them until the
/// end (a failing test's files stay readable while it reports), so they go at exit, not per test.
enum TemporaryDirectories {
    private static let paths = Mutex<[String]>([])
    private static let removalAtExit: Void = { atexit { TemporaryDirectories.removeAll() } }()

    static func add(_ path: String) {
        _ = removalAtExit
        paths.withLock { $0.append(path) }
    }

    static func removeAll() {
        for path in paths.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: path) }
    }
}

/// Runs `body` with a fresh empty directory under the system temporary directory and removes
/// the directory as soon as `body` returns or throws.
public func withTemporaryDirectory<T>(_ label: String, _ body: (String) throws -> T) throws -> T {
    let path = NSTemporaryDirectory() + "fnas-test-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}
