import ExplorerUI
import Foundation

/// Theme files read from the file system: the ``ThemeSource`` the explorer runs with.
public struct FileThemeSource: ThemeSource {
    /// A source over the local file system.
    public init() {}

    /// The entries of `folder`, or nil when it is missing or unreadable.
    public func fileNames(in folder: String) -> [String]? {
        try? FileManager.default.contentsOfDirectory(atPath: folder)
    }

    /// The file's bytes, or nil when it is missing or unreadable.
    public func contents(of path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
