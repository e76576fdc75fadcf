import ExplorerUI
import FuzzSupport

/// Theme files (`--theme FILE`, themes/*.theme): parsed, or refused with a ThemeError naming
/// the file (and the line, for a bad entry).
Fuzz.run { input in
    let text = Fuzz.text(input)
    do {
        let theme = try ThemeParser.parse(text, name: "fuzz", file: "fuzz.theme")
        if theme.name != "fuzz" { Fuzz.fail("a parsed theme lost its name") }
    } catch let e as ThemeError {
        if e.file != "fuzz.theme" || e.message.isEmpty { Fuzz.fail("a ThemeError that does not say where or what: \(e)") }
    } catch {
        Fuzz.fail("\(type(of: error)) instead of a ThemeError: \(error)")
    }
}
