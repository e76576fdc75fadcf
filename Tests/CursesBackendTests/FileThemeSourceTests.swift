import Foundation
import Testing
@testable import CursesBackend
@testable import ExplorerUI

@Suite struct FileThemeSourceTests {
    @Test func themeFilesInAFolderAreListedReadAndLoaded() throws {
        let dir = NSTemporaryDirectory() + "fnas-theme-source-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "theme[ok_fg]=\"#010203\"\n".write(toFile: dir + "/solar.theme", atomically: true, encoding: .utf8)
        try "theme[bad_fg]=red\n".write(toFile: dir + "/broken.theme", atomically: true, encoding: .utf8)

        let source = FileThemeSource()
        #expect(source.fileNames(in: dir)?.sorted() == ["broken.theme", "solar.theme"])
        #expect(source.contents(of: dir + "/solar.theme") == Array("theme[ok_fg]=\"#010203\"\n".utf8))
        #expect(source.fileNames(in: dir + "/missing") == nil && source.contents(of: dir + "/missing.theme") == nil)

        let library = ThemeLibrary(folders: [dir], source: source)
        #expect(library.themes.map(\.name) == ["dark", "light", "mono", "solar"])
        #expect(library.themes.last?.colors[.ok_fg] == RGB(1, 2, 3))
        #expect(library.warnings == ["\(dir)/broken.theme:1: bad_fg: expected a colour \"#RRGGBB\", got \"red\""])
    }
}
