import FNASCore
import Foundation
import FuzzSupport

/// A board file (`--board-file`): every board decoded and validated, and written back and read
/// again unchanged.
Fuzz.run { input in
    let bytes = Data(input)
    guard let boards = Fuzz.expectInputError(source: "board.json", { try DescriptionFiles.decodeBoards(bytes, source: "board.json") }) else { return }
    if boards.isEmpty { Fuzz.fail("a board file decoded to no boards") }
    for board in boards {
        if board.dsp < 1 || board.bram18k < 1 { Fuzz.fail("a board with no resources passed validation: \(board)") }
        do {
            let again = try DescriptionFiles.decodeBoards(try DescriptionFiles.encodeBoard(board), source: "again.json")
            if again != [board] { Fuzz.fail("a board changed when written and read back: \(board) -> \(again)") }
        } catch {
            Fuzz.fail("a valid board could not be written and read back: \(error)")
        }
    }
}
