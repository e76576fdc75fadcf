import Foundation

/// Reading and writing the versioned JSON files for architectures and boards.
///
/// Architecture file (`"format": "fnas-architecture"`, `"version": 1`):
///
///     { "format": "fnas-architecture", "version": 1, "name": "lenet-ish",
///       "input": { "height": 28, "width": 28, "channels": 1 }, "classes": 10,
///       "layers": [ { "kernel": 5, "filters": 6 }, { "kernel": 5, "filters": 16, "stride": 2 } ] }
///
/// Board file (`"format": "fnas-board"`, `"version": 1`), one board or `"boards": [...]`:
///
///     { "format": "fnas-board", "version": 1, "name": "my-board", "part": "XC7Z020",
///       "dsp": 220, "bram18k": 280, "clockMHz": 100,
///       "ports": { "weights": 2, "input": 2, "output": 2 }, "bits": 16, "ddrGBps": 4.3 }
///
/// `format` and `version` may be omitted; when present they must match. Errors name the file,
/// the line and column, and the field: `board.json:3:12: dsp: expected a whole number, got 2.5`.
public enum DescriptionFiles {
    public static let architectureFormat = "fnas-architecture"
    public static let boardFormat = "fnas-board"
    public static let version = 1

    /// Reads and validates an architecture file.
    ///
    /// - Throws: ``InputError`` naming the file and the bad field.
    public static func readArchitecture(path: String) throws -> Architecture {
        let data = try readFile(path)
        let arch = try decodeArchitecture(data, source: path)
        do { try arch.validated(source: path) } catch let e as InputError { throw e.located(in: JSONSourceMap(data)) }
        return arch
    }

    /// Decodes an architecture from JSON bytes (checks format and version, not the values).
    public static func decodeArchitecture(_ data: Data, source: String) throws -> Architecture {
        try checkHeader(data, expected: architectureFormat, source: source)
        return try decode(Architecture.self, from: data, source: source)
    }

    /// Encodes an architecture with its format header, pretty-printed with sorted keys.
    public static func encodeArchitecture(_ arch: Architecture) throws -> Data {
        try encodeWithHeader(arch, format: architectureFormat)
    }

    /// Reads one board, or several under `"boards"`, and validates each.
    public static func readBoards(path: String) throws -> [Board] {
        try decodeBoards(readFile(path), source: path)
    }

    /// Decodes and validates the boards of a board file's bytes; errors name `source` and the
    /// field at its line and column.
    public static func decodeBoards(_ data: Data, source: String) throws -> [Board] {
        do { return try boards(in: data, source: source) } catch let e as InputError { throw e.located(in: JSONSourceMap(data)) }
    }

    private static func boards(in data: Data, source path: String) throws -> [Board] {
        try checkHeader(data, expected: boardFormat, source: path)
        struct Many: Decodable { var boards: [Board] }
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        let boards: [Board]
        if object?["boards"] != nil {
            boards = try decode(Many.self, from: data, source: path).boards
        } else {
            boards = [try decode(Board.self, from: data, source: path)]
        }
        if boards.isEmpty { throw InputError(source: path, field: "boards", "the file lists no boards") }
        // Which of two same-named boards a search picks would be an accident of order.
        for (i, b) in boards.enumerated() {
            if let first = boards[..<i].firstIndex(where: { $0.name == b.name }) {
                throw InputError(source: path, field: "boards[\(i)].name", "\"\(b.name)\" is already the name of boards[\(first)]")
            }
        }
        for (i, b) in boards.enumerated() {
            do { try b.validate(source: path) } catch let e as InputError where boards.count > 1 {
                throw InputError(source: path, field: "boards[\(i)].\(e.field ?? "")", e.message)
            }
        }
        return boards
    }

    /// Encodes a board with its format header.
    public static func encodeBoard(_ board: Board) throws -> Data {
        try encodeWithHeader(board, format: boardFormat)
    }

    // MARK: - Helpers

    static func readFile(_ path: String) throws -> Data {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(source: path, "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(source: path, "cannot be read")
        }
        return data
    }

    /// Checks that `data` is a JSON object whose `format` and `version`, when present, are
    /// `expected` and ``version``.
    ///
    /// - Throws: ``InputError`` at the line and column of the syntax error or the bad field.
    public static func checkHeader(_ data: Data, expected: String, source: String) throws {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw syntaxError(error, in: data, source: source)
        }
        guard let object = parsed as? [String: Any] else {
            throw InputError(source: source, "expected a JSON object at the top level")
        }
        if let format = object["format"] {
            guard let f = format as? String, f == expected else {
                throw InputError(source: source, field: "format", "expected \"\(expected)\", got \(jsonText(format))")
                    .located(in: JSONSourceMap(data))
            }
        }
        if let version = object["version"] {
            guard let v = version as? Int, v == Self.version else {
                throw InputError(source: source, field: "version",
                                 "this fnas reads version \(Self.version), got \(jsonText(version))")
                    .located(in: JSONSourceMap(data))
            }
        }
    }

    /// A header value as it appears in the file: `"1"` (a string) must not read like `1`.
    public static func jsonText(_ value: Any) -> String {
        if let s = value as? String { return "\"\(s)\"" }
        return "\(value)"
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, source: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw inputError(error, decoding: T.self, from: data, source: source)
        } catch {
            throw InputError(source: source, "cannot be decoded: \(error)")
        }
    }

    static func encodeWithHeader<T: Encodable>(_ value: T, format: String) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let body = try encoder.encode(value)
        guard var object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else { return body }
        object["format"] = format
        object["version"] = version
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
