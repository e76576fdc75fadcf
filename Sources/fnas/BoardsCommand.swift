import ArgumentParser
import FNASCore
import FPGAModel

/// `fnas boards`: lists the boards the latency model knows, with their resources.
struct BoardsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boards",
        abstract: "List the built-in boards (and those of a board file) with their resources.")

    @Option(name: .customLong("board-file"), help: "Board JSON file adding boards to the built-in ones.")
    var boardFile: String?

    func run() throws {
        try CommandReporter("fnas boards").run {
            var rows = Board.builtIn.map { (board: $0, origin: "built-in") }
            if let boardFile {
                for b in try DescriptionFiles.readBoards(path: boardFile) {
                    rows.removeAll { $0.board.name.lowercased() == b.name.lowercased() }
                    rows.append((b, boardFile))
                }
            }
            print(Board.table(rows))
        }
    }

    /// The built-in boards plus those of `boardFile` (a file board replaces a built-in of the same name).
    static func catalog(boardFile: String?) throws -> BoardCatalog {
        var catalog = BoardCatalog()
        if let boardFile { for b in try DescriptionFiles.readBoards(path: boardFile) { catalog.add(b) } }
        return catalog
    }
}
