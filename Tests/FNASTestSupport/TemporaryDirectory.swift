import Foundation

/// A fresh empty directory under the system temporary directory, named after `label`.
public func temporaryDirectory(_ label: String) -> String {
    let path = NSTemporaryDirectory() + "fnas-engine-\(label)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
