import Foundation
import Testing
@testable import ExplorerUI

@Suite struct ThemeTests {
    @Test func parsesKeysColoursCommentsAndEmptyValues() throws {
        let theme = try ThemeParser.parse("""
            # a comment
            theme[ok_fg]="#00FF7f"

            theme[main_bg]=""
            """, name: "t", file: "t.theme")
        #expect(theme.colors[.ok_fg] == RGB(0, 255, 127))
        #expect(theme.colors[.main_bg] == .some(nil))
        #expect(theme.style(.ok).foreground == RGB(0, 255, 127))
    }

    /// Every line of a CRLF file ended in "\r" and was refused as a bad colour.
    @Test func crlfLineEndingsAreAccepted() throws {
        let theme = try ThemeParser.parse("# windows\r\ntheme[bad_fg]=\"#FF0000\"\r\ntheme[ok_fg]=\"#00FF00\"\r\n",
                                          name: "crlf", file: "crlf.theme")
        #expect(theme.style(.bad).foreground == RGB(255, 0, 0))
        #expect(theme.style(.ok).foreground == RGB(0, 255, 0))
    }

    @Test func partialThemeTakesTheDarkDefaultsForMissingKeys() throws {
        let theme = try ThemeParser.parse("theme[bad_fg]=\"#FF0000\"", name: "partial", file: "partial.theme")
        let dark = try ThemeParser.parse(BuiltInThemes.dark, name: "dark", file: "dark")
        #expect(theme.style(.bad).foreground == RGB(255, 0, 0))
        #expect(theme.style(.ok) == dark.style(.ok))
        #expect(ThemeKey.allCases.allSatisfy { theme.colors[$0] != nil })
    }

    @Test func malformedColourNamesTheFileAndLine() {
        #expect(throws: ThemeError(file: "my.theme", line: 3, "ok_fg: expected a colour \"#RRGGBB\", got \"#12345\"")) {
            try ThemeParser.parse("# mine\ntheme[main_fg]=\"#FFFFFF\"\ntheme[ok_fg]=\"#12345\"", name: "my", file: "my.theme")
        }
    }

    @Test func unknownKeyAndBadSyntaxAreErrorsWithLines() {
        do {
            _ = try ThemeParser.parse("theme[okay]=\"#FFFFFF\"", name: "x", file: "x.theme")
            Issue.record("accepted an unknown key")
        } catch let error as ThemeError {
            #expect(error.line == 1)
            #expect(error.description.hasPrefix("x.theme:1: unknown key \"okay\""))
        } catch { Issue.record("unexpected \(error)") }
        #expect(throws: ThemeError.self) { try ThemeParser.parse("\n\nmain_fg = red", name: "x", file: "x.theme") }
    }

    @Test func monoHasNoColoursAndSelectionUsesReverseVideo() throws {
        let mono = try ThemeParser.parse(BuiltInThemes.mono, name: "mono", file: "mono")
        for role in StyleRole.allCases {
            #expect(mono.style(role).foreground == nil && mono.style(role).background == nil)
        }
        #expect(mono.style(.selected).reverse)
        #expect(mono.style(.title).bold)
    }

    @Test func builtInThemesMatchThePackageThemeFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../themes").standardizedFileURL
        for (name, text) in BuiltInThemes.all {
            let file = try String(contentsOf: folder.appendingPathComponent("\(name).theme"), encoding: .utf8)
            #expect(file == text + "\n", "themes/\(name).theme differs from the built-in copy")
        }
    }

    @Test func libraryLoadsFolderThemesAndReportsMalformedFiles() throws {
        let source = MemoryThemeSource(files: [
            "/cfg/themes/solar.theme": "theme[ok_fg]=\"#010203\"\n",
            "/cfg/themes/broken.theme": "theme[ok_fg]=\"#010203\"\ntheme[bad_fg]=red\n",
            "/cfg/themes/notes.txt": "not a theme",
        ])
        var library = ThemeLibrary(folders: ["/cfg/themes", "/nonexistent/fnas"], source: source)
        #expect(library.themes.map(\.name) == ["dark", "light", "mono", "solar"])
        #expect(library.themes.last?.colors[.ok_fg] == RGB(1, 2, 3))
        #expect(library.warnings == ["/cfg/themes/broken.theme:2: bad_fg: expected a colour \"#RRGGBB\", got \"red\""])
        #expect(library.select("light").index == 1)
        #expect(library.select(nil).index == 0)
        let missing = library.select("neon")
        #expect(missing.index == 0)
        #expect(missing.warning == "no theme named \"neon\" (have dark, light, mono, solar); using the dark theme")
        let byName = library.select("broken")
        #expect(byName.index == 0)
        #expect(byName.warning == "/cfg/themes/broken.theme:2: bad_fg: expected a colour \"#RRGGBB\", got \"red\"; using the dark theme")
        let broken = library.select("/cfg/themes/broken.theme")
        #expect(broken.index == 0)
        #expect(broken.warning?.hasSuffix("using the dark theme") == true)
    }

    @Test func aThemeGivenByPathIsReadThroughTheSourceAndAdded() {
        // 0xE9 alone is "é" in Latin-1 and an invalid byte in UTF-8.
        let source = MemoryThemeSource(files: ["/home/u/sea.theme": "theme[ok_fg]=\"#0a0b0c\"\n"],
                                       raw: ["/home/u/latin1.theme": [0x23, 0x20, 0xE9, 0x0A]])
        var library = ThemeLibrary(folders: [], source: source)
        let sea = library.select("/home/u/sea.theme")
        #expect(sea.index == 3 && sea.warning == nil && library.themes.map(\.name) == ["dark", "light", "mono", "sea"])
        #expect(library.select("/home/u/latin1.theme").warning == "/home/u/latin1.theme: the theme file is not UTF-8 text; using the dark theme")
        #expect(library.select("/home/u/gone.theme").warning == "/home/u/gone.theme: cannot read the theme file; using the dark theme")
        var builtIn = ThemeLibrary()
        #expect(builtIn.select("/home/u/sea.theme").index == 0 && builtIn.themes.count == 3, "the built-in library reads no files")
    }

    @Test func searchFoldersFollowTheInstallLayoutAndXDG() {
        let folders = ThemeLibrary.searchFolders(executablePath: "/opt/fnas/.build/release/fnas", currentDirectory: "/home/u/w",
                                                 environment: ["XDG_CONFIG_HOME": "/home/u/.cfg", "HOME": "/home/u"])
        #expect(folders == ["/opt/fnas/themes", "/opt/fnas/.build/share/fnas/themes", "/home/u/w/themes", "/home/u/.cfg/fnas/themes"])
        let home = ThemeLibrary.searchFolders(executablePath: "/x/fnas", currentDirectory: "/w", environment: ["HOME": "/h"])
        #expect(home.last == "/h/.config/fnas/themes")
    }
}

/// Theme files held in memory: `files` as UTF-8 text, `raw` as bytes (which win over `files`).
struct MemoryThemeSource: ThemeSource {
    var files: [String: String]
    var raw: [String: [UInt8]] = [:]

    func fileNames(in folder: String) -> [String]? {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        let names = Set(files.keys).union(raw.keys).filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        return names.isEmpty ? nil : names.filter { !$0.contains("/") }
    }

    func contents(of path: String) -> [UInt8]? { raw[path] ?? files[path].map { Array($0.utf8) } }
}
