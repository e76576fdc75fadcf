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
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fnas-theme-test-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "theme[ok_fg]=\"#010203\"\n".write(to: dir.appendingPathComponent("solar.theme"), atomically: true, encoding: .utf8)
        try "theme[ok_fg]=\"#010203\"\ntheme[bad_fg]=red\n".write(to: dir.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)
        var library = ThemeLibrary(folders: [dir.path, "/nonexistent/fnas"])
        #expect(library.themes.map(\.name) == ["dark", "light", "mono", "solar"])
        #expect(library.warnings.count == 1)
        #expect(library.warnings.first?.contains("broken.theme:2: bad_fg: expected a colour") == true)
        #expect(library.select("light").index == 1)
        #expect(library.select(nil).index == 0)
        let missing = library.select("neon")
        #expect(missing.index == 0)
        #expect(missing.warning == "no theme named \"neon\" (have dark, light, mono, solar); using the dark theme")
        let byName = library.select("broken")
        #expect(byName.index == 0)
        #expect(byName.warning == "\(dir.path)/broken.theme:2: bad_fg: expected a colour \"#RRGGBB\", got \"red\"; using the dark theme")
        let broken = library.select(dir.appendingPathComponent("broken.theme").path)
        #expect(broken.index == 0)
        #expect(broken.warning?.hasSuffix("using the dark theme") == true)
    }

    @Test func searchFoldersFollowTheInstallLayoutAndXDG() {
        let folders = ThemeLibrary.searchFolders(executablePath: "/opt/fnas/.build/release/fnas", currentDirectory: "/home/u/w",
                                                 environment: ["XDG_CONFIG_HOME": "/home/u/.cfg", "HOME": "/home/u"])
        #expect(folders == ["/opt/fnas/themes", "/opt/fnas/.build/share/fnas/themes", "/home/u/w/themes", "/home/u/.cfg/fnas/themes"])
        let home = ThemeLibrary.searchFolders(executablePath: "/x/fnas", currentDirectory: "/w", environment: ["HOME": "/h"])
        #expect(home.last == "/h/.config/fnas/themes")
    }
}
