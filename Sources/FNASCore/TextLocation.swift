/// A place in a text file: 1-based line and column (columns count Unicode scalars, so a
/// non-ASCII name before the place counts once per character, as an editor shows it).
public struct TextLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, the form editors and compilers use after a file name.
    public var description: String { "\(line):\(column)" }
}
