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
/// `format` and `version` may be omitted; when present they must match.
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
        try arch.validated(source: path)
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
        let data = try readFile(path)
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
        // Which of two same-named boards `--board` picks would be an accident of order.
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

    static func checkHeader(_ data: Data, expected: String, source: String) throws {
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw InputError(source: source, "is not valid JSON (\(jsonErrorDetail(error)))")
        }
        guard let object = parsed as? [String: Any] else {
            throw InputError(source: source, "expected a JSON object at the top level")
        }
        if let format = object["format"] {
            guard let f = format as? String, f == expected else {
                throw InputError(source: source, field: "format", "expected \"\(expected)\", got \(jsonText(format))")
            }
        }
        if let version = object["version"] {
            guard let v = version as? Int, v == Self.version else {
                throw InputError(source: source, field: "version",
                                 "this fnas reads version \(Self.version), got \(jsonText(version))")
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

    /// Turns a decoding error into one sentence naming the field path, e.g. `layers[1].kernel`.
    /// ``inputError(_:source:)`` that also locates the field behind Foundation's path-less
    /// "not valid JSON" for a fraction or out-of-range number in an integer field, by decoding
    /// variants of `data` as `type` with `decoder`.
    public static func inputError<T: Decodable>(_ error: DecodingError, decoding type: T.Type, from data: Data,
                                                with decoder: JSONDecoder = JSONDecoder(), source: String) -> InputError {
        if case .dataCorrupted(let ctx) = error, ctx.codingPath.isEmpty,
           let field = unrepresentableNumber(in: data, decoding: type, with: decoder) {
            let whole = Double(field.value).map { $0.rounded() == $0 } ?? false
            return InputError(source: source, field: field.path,
                              whole ? "\(field.value) is out of range for this field" : "expected a whole number, got \(field.value)")
        }
        return inputError(error, source: source)
    }

    public static func inputError(_ error: DecodingError, source: String) -> InputError {
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for key in keys {
                if let i = key.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + key.stringValue }
            }
            return out
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let parent = path(ctx.codingPath)
            return InputError(source: source, field: parent.isEmpty ? key.stringValue : parent + "." + key.stringValue,
                              "required field is missing")
        case .typeMismatch(let type, let ctx):
            return InputError(source: source, field: path(ctx.codingPath), "expected \(typeName(type))")
        case .valueNotFound(let type, let ctx):
            return InputError(source: source, field: path(ctx.codingPath), "expected \(typeName(type)), got null")
        case .dataCorrupted(let ctx):
            return InputError(source: source, field: path(ctx.codingPath), ctx.debugDescription)
        @unknown default:
            return InputError(source: source, "cannot be decoded: \(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let n = String(describing: type)
            return n.hasPrefix("Array") ? "a list" : n.hasPrefix("Dictionary") ? "an object" : "a \(n)"
        }
    }

    /// Foundation's JSONDecoder reports a fraction or an out-of-range number given for an
    /// integer field (`"dsp": 2.5`, `"dsp": 1e30`) only as "not valid JSON", with no path. For
    /// valid JSON this finds the number responsible: each fractional or beyond-Int number is
    /// replaced by 1 in turn, and the one whose replacement lets decoding get past it is named.
    static func unrepresentableNumber<T: Decodable>(in data: Data, decoding: T.Type,
                                                   with decoder: JSONDecoder) -> (path: String, value: String)? {
        guard let root = try? JSONSerialization.jsonObject(with: data) else { return nil }
        var candidates: [[Any]] = []   // paths of String keys and Int indices
        func visit(_ node: Any, _ path: [Any]) {
            if let dict = node as? [String: Any] {
                for key in dict.keys.sorted() { visit(dict[key] as Any, path + [key]) }
            } else if let array = node as? [Any] {
                for (i, v) in array.enumerated() { visit(v, path + [i]) }
            } else if let n = node as? NSNumber {
                let v = n.doubleValue   // whole numbers within Int (and true/false) are never the culprit
                // Negative too: -1 for an unsigned field (a seed) fails the same path-less way.
                if !(v.rounded() == v && abs(v) < 9.2e18) || v < 0 { candidates.append(path) }
            }
        }
        visit(root, [])
        func replacing(_ node: Any, _ path: ArraySlice<Any>) -> Any {
            guard let head = path.first else { return 1 }
            if var dict = node as? [String: Any], let key = head as? String {
                dict[key] = replacing(dict[key] as Any, path.dropFirst())
                return dict
            }
            if var array = node as? [Any], let i = head as? Int {
                array[i] = replacing(array[i], path.dropFirst())
                return array
            }
            return node
        }
        func value(_ node: Any, _ path: ArraySlice<Any>) -> Any? {
            guard let head = path.first else { return node }
            if let dict = node as? [String: Any], let key = head as? String { return dict[key].flatMap { value($0, path.dropFirst()) } }
            if let array = node as? [Any], let i = head as? Int { return value(array[i], path.dropFirst()) }
            return nil
        }
        for path in candidates {
            guard let fixed = try? JSONSerialization.data(withJSONObject: replacing(root, path[...])) else { continue }
            var stillUnlocated = false
            do { _ = try decoder.decode(T.self, from: fixed) } catch DecodingError.dataCorrupted(let ctx) where ctx.codingPath.isEmpty {
                stillUnlocated = true
            } catch {}
            if !stillUnlocated {
                let text = path.enumerated().map { i, k in k is Int ? "[\(k)]" : (i == 0 ? "" : ".") + "\(k)" }.joined()
                return (text, value(root, path[...]).map { "\($0)" } ?? "?")
            }
        }
        return nil
    }

    static func jsonErrorDetail(_ error: any Error) -> String {
        let ns = error as NSError
        if let d = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return d }
        return ns.localizedDescription
    }
}
