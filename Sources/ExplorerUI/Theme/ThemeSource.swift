/// Where theme files come from.
///
/// ExplorerUI does no file I/O: the terminal backend passes a source over the file system (as it
/// passes a ``FileWriter`` for exports), and tests pass files held in memory.
public protocol ThemeSource: Sendable {
    /// The names of the entries in `folder` (file names, not paths), or nil when the folder
    /// does not exist or cannot be listed.
    func fileNames(in folder: String) -> [String]?

    /// The bytes of the file at `path`, or nil when it cannot be read.
    func contents(of path: String) -> [UInt8]?
}

/// A source with no files: only the built-in themes exist.
struct NoThemeFiles: ThemeSource {
    func fileNames(in folder: String) -> [String]? { nil }
    func contents(of path: String) -> [UInt8]? { nil }
}
