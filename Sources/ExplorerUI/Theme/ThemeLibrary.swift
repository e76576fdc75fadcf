import Foundation

/// Finds themes: the built-in ones, then `*.theme` files in the search folders (a file named
/// like a built-in theme replaces it).
public struct ThemeLibrary: Sendable {
    /// Loaded themes in cycling order, the default first.
    public private(set) var themes: [Theme]
    /// Problems met while loading (malformed files), one sentence each, for the status line.
    public private(set) var warnings: [String]

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

    /// Loads the built-in themes and every readable `*.theme` file in `folders`.
    public init(folders: [String]) {
        var themes: [Theme] = []
        var warnings: [String] = []
        for (name, text) in BuiltInThemes.all {
            if let t = try? ThemeParser.parse(text, name: name, file: "built-in \(name)") { themes.append(t) }
        }
        let fm = FileManager.default
        for folder in folders {
            guard let names = try? fm.contentsOfDirectory(atPath: folder) else { continue }
            for file in names.sorted() where file.hasSuffix(".theme") {
                let path = (folder as NSString).appendingPathComponent(file)
                let name = String(file.dropLast(".theme".count))
                do {
                    let theme = try Self.load(path: path, name: name)
                    if let i = themes.firstIndex(where: { $0.name == name }) { themes[i] = theme } else { themes.append(theme) }
                } catch {
                    warnings.append("\(error)")
                }
            }
        }
        self.themes = themes
        self.warnings = warnings
    }

    /// Reads and parses one theme file.
    public static func load(path: String, name: String? = nil) throws -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, line: nil, "cannot read the theme file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
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
                let theme = try Self.load(path: request)
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
