/// One terminal cell: a character and the style role it is drawn with.
///
/// Every character the explorer draws is one column wide (ASCII, box drawing, blocks,
/// braille and the verdict symbols); wider text is replaced when written.
public struct Cell: Sendable, Hashable {
    public var character: Character
    public var role: StyleRole

    public init(_ character: Character, _ role: StyleRole = .normal) {
        self.character = character; self.role = role
    }

    public static let blank = Cell(" ", .normal)
}
