/// A theme file that cannot be used, with the file and line at fault.
public struct ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, _ message: String) { self.file = file; self.line = line; self.message = message }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}

/// Reads `theme[key]="#RRGGBB"` files (btop's format). `#` starts a comment line.
public enum ThemeParser {
    /// Parses `text`; keys it leaves out take the dark theme's values.
    ///
    /// - Parameter file: the path or name shown in errors.
    /// - Throws: ``ThemeError`` naming the first bad line (unknown key, bad colour, bad syntax).
    public static func parse(_ text: String, name: String, file: String) throws -> Theme {
        var colors = defaults
        // isNewline, not "\n": in a CRLF file "\r\n" is one Character, so splitting on "\n" saw a
        // single line and, when it began with a comment, silently ignored the whole theme.
        for (offset, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = trimmed(raw)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let (key, value) = try entry(line, file: file, line: offset + 1)
            colors[key] = value
        }
        return Theme(name: name, colors: colors)
    }

    /// `text` without the blanks (spaces, tabs, other non-newline white space) at either end.
    /// Foundation's `trimmingCharacters(in:)` bridges to NSString and was most of a parse.
    static func trimmed(_ text: Substring) -> Substring {
        func blank(_ c: Character) -> Bool { c.isWhitespace && !c.isNewline }
        guard let first = text.firstIndex(where: { !blank($0) }) else { return text[text.endIndex...] }
        let last = text.lastIndex(where: { !blank($0) })!
        return text[first...last]
    }

    static func entry(_ line: Substring, file: String, line number: Int) throws -> (ThemeKey, RGB?) {
        func fail(_ message: String) -> ThemeError { ThemeError(file: file, line: number, message) }
        guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]") else {
            throw fail("expected theme[key]=\"#RRGGBB\", got \(line)")
        }
        let keyText = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
        guard let key = ThemeKey(rawValue: keyText) else {
            throw fail("unknown key \"\(keyText)\" (known: \(ThemeKey.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        var rest = trimmed(line[line.index(after: close)...])
        guard rest.hasPrefix("=") else { throw fail("expected = after theme[\(keyText)]") }
        rest = trimmed(rest.dropFirst())
        if rest.count >= 2, rest.hasPrefix("\""), rest.hasSuffix("\"") { rest = rest.dropFirst().dropLast() }
        if rest.isEmpty { return (key, nil) }
        guard let color = RGB(hex: String(rest)) else { throw fail("\(keyText): expected a colour \"#RRGGBB\", got \"\(rest)\"") }
        return (key, color)
    }

    /// Every key's value in the dark theme.
    public static let defaults: [ThemeKey: RGB?] = {
        var colors: [ThemeKey: RGB?] = [:]
        for raw in BuiltInThemes.dark.split(separator: "\n") {
            let line = trimmed(raw)
            guard !line.isEmpty, !line.hasPrefix("#"), let (k, v) = try? entry(line, file: "dark", line: 0) else { continue }
            colors[k] = v
        }
        return colors
    }()
}
