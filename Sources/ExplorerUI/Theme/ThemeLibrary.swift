import Foundation

/// Finds themes: the built-in ones, then `*.theme` files in the search folders (a file named
/// like a built-in theme replaces it). The files are read through a ``ThemeSource``.
public struct ThemeLibrary: Sendable {
    /// Loaded themes in cycling order, the default first.
    public private(set) var themes: [Theme]
    /// Problems met while loading (malformed files), one sentence each, for the status line.
    public private(set) var warnings: [String]
    /// Reads the folders' files and any theme file ``select(_:)`` is given by path.
    private let source: any ThemeSource

    /// The folders searched, in order: next to the executable (`<exe>/../../themes`,
    /// `<exe>/../share/fnas/themes`), `./themes`, then `$XDG_CONFIG_HOME/fnas/themes`
    /// (or `~/.config/fnas/themes`).
    public static func searchFolders(executablePath: String, currentDirectory: String,
                                     environment: [String: String]) -> [String] {
        let exeDir = (executablePath as NSString).deletingLastPathComponent
        var folders = [
            (exeDir as NSString).appendingPathComponent("../../themes"),
            (exeDir as NSString).appendingPathComponent("../share/fnas/themes"),
            (currentDirectory as NSString).appendingPathComponent("themes"),
        ]
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            folders.append((xdg as NSString).appendingPathComponent("fnas/themes"))
        } else if let home = environment["HOME"], !home.isEmpty {
            folders.append((home as NSString).appendingPathComponent(".config/fnas/themes"))
        }
        return folders.map { ($0 as NSString).standardizingPath }
    }

    /// Only the built-in themes (dark, light, mono); a path given to ``select(_:)`` cannot be read.
    public init() {
        self.init(folders: [], source: NoThemeFiles())
    }

    /// Loads the built-in themes and every readable `*.theme` file in `folders`.
    ///
    /// - Parameters:
    ///   - folders: searched in order (see ``searchFolders(executablePath:currentDirectory:environment:)``);
    ///     a missing folder is skipped.
    ///   - source: lists the folders and reads the files.
    public init(folders: [String], source: any ThemeSource) {
        var themes: [Theme] = []
        var warnings: [String] = []
        for (name, text) in BuiltInThemes.all {
            if let t = try? ThemeParser.parse(text, name: name, file: "built-in \(name)") { themes.append(t) }
        }
        for folder in folders {
            guard let names = source.fileNames(in: folder) else { continue }
            for file in names.sorted() where file.hasSuffix(".theme") {
                let path = (folder as NSString).appendingPathComponent(file)
                let name = String(file.dropLast(".theme".count))
                do {
                    let theme = try Self.load(path: path, name: name, source: source)
                    if let i = themes.firstIndex(where: { $0.name == name }) { themes[i] = theme } else { themes.append(theme) }
                } catch {
                    warnings.append("\(error)")
                }
            }
        }
        self.themes = themes
        self.warnings = warnings
        self.source = source
    }

    /// Reads and parses one theme file.
    ///
    /// - Parameters:
    ///   - name: the theme's name; by default the file name without `.theme`.
    ///   - source: reads the file.
    /// - Throws: ``ThemeError`` when the file cannot be read, is not UTF-8 text, or has a bad line.
    public static func load(path: String, name: String? = nil, source: any ThemeSource) throws -> Theme {
        guard let bytes = source.contents(of: path) else {
            throw ThemeError(file: path, line: nil, "cannot read the theme file")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ThemeError(file: path, line: nil, "the theme file is not UTF-8 text")
        }
        let base = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try ThemeParser.parse(text, name: name ?? base, file: path)
    }

    /// The index of the theme `--theme` names: a loaded theme's name, or a path to a file
    /// (which is loaded and added). On failure returns the default (0) and a warning.
    public mutating func select(_ nameOrPath: String?) -> (index: Int, warning: String?) {
        guard let request = nameOrPath, !request.isEmpty else { return (0, nil) }
        if let i = themes.firstIndex(where: { $0.name == request }) { return (i, nil) }
        if request.contains("/") || request.hasSuffix(".theme") {
            do {
                let theme = try Self.load(path: request, source: source)
                themes.append(theme)
                return (themes.count - 1, nil)
            } catch {
                return (0, "\(error); using the dark theme")
            }
        }
        // A theme file of that name that failed to load explains itself better than "not found".
        if let broken = warnings.first(where: { $0.contains("/\(request).theme:") }) {
            return (0, "\(broken); using the dark theme")
        }
        return (0, "no theme named \"\(request)\" (have \(themes.map(\.name).joined(separator: ", "))); using the dark theme")
    }
}
