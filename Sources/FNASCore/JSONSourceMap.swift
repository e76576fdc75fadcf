import Foundation

/// Where things are in a JSON text: the start of each value by field path, every number's
/// own text, and the first syntax error, all found in one pass over the bytes.
///
/// Foundation's parsers say where a problem is only as a character offset ("around character
/// 812") or not at all (a fraction given for an integer field is "not valid JSON", with no
/// path). Error messages use this map to say `FILE:LINE:COLUMN: field path: what is wrong`.
/// Building it is linear in the text (paths are a tree of nodes, not strings); ``location(of:)``
/// is a dictionary look-up per path component and a binary search of the line starts.
///
/// Field paths are written as the errors write them: keys joined by `.`, list positions in
/// brackets, e.g. `boards[1].ports.input`; the top-level value is the empty path.
public struct JSONSourceMap: Sendable {
    /// A number token of the text, with the path of the field that holds it.
    struct Number: Sendable {
        /// The value's node in ``tree``.
        var node: Int
        /// Byte offsets of the token in the text.
        var range: Range<Int>
        /// The token as written, e.g. `2.5` or `1e309`.
        var text: String
    }

    /// The first thing that makes the text not JSON, at a byte offset.
    struct Problem: Sendable {
        var offset: Int
        /// The field whose value is bad (a number beyond Double's range), when known.
        var field: String?
        var message: String
    }

    let bytes: [UInt8]
    /// Byte offset where each line starts; line n (1-based) starts at `lineStarts[n - 1]`.
    let lineStarts: [Int]
    /// Every value, by field path, with the byte offset where it starts.
    let tree: JSONPathTree
    let numbers: [Number]
    let problem: Problem?

    /// Scans `data` once.
    public init(_ data: Data) {
        bytes = [UInt8](data)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 0x0A { starts.append(i + 1) }
        lineStarts = starts
        var scanner = JSONScanner(bytes)
        scanner.scan()
        tree = scanner.tree
        numbers = scanner.numbers
        problem = scanner.problem
    }

    /// The line and column of byte `offset` (clamped to the text), by binary search of the
    /// line starts.
    public func location(atOffset offset: Int) -> TextLocation {
        let offset = min(max(offset, 0), bytes.count)
        var lo = 0, hi = lineStarts.count   // the line is the last start <= offset
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid }
        }
        // UTF-8 continuation bytes (10xxxxxx) do not start a character.
        let column = bytes[lineStarts[lo]..<offset].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return TextLocation(line: lo + 1, column: column)
    }

    /// Where the value of `field` starts, or of its nearest enclosing value in the text (for a
    /// missing key, the object that lacks it); nil when no part of the path is in the text.
    public func location(of field: String) -> TextLocation? {
        tree.deepestNode(along: field).map { location(atOffset: tree.offsets[$0]) }
    }

    /// The field path of a number, e.g. `boards[0].dsp` ("" for a top-level number).
    func path(of number: Number) -> String { tree.path(of: number.node) }

    /// The error for a text that is not JSON, at its line and column, or nil when this scan
    /// found nothing wrong (Foundation may still refuse it, e.g. for an encoding it detects).
    public func syntaxError(source: String) -> InputError? {
        guard let problem else { return nil }
        return InputError(source: source, field: problem.field, at: location(atOffset: problem.offset),
                          problem.field == nil ? "is not valid JSON: \(problem.message)" : problem.message)
    }

    /// `text` with the number tokens at `replaced` positions of ``numbers`` written as `1`:
    /// a copy of the bytes, linear in the text.
    func replacingNumbers(_ replaced: (Int) -> Bool) -> Data {
        var out = Data(capacity: bytes.count)
        var next = 0
        for (index, number) in numbers.enumerated() where replaced(index) {
            out.append(contentsOf: bytes[next..<number.range.lowerBound])
            out.append(0x31)   // "1"
            next = number.range.upperBound
        }
        out.append(contentsOf: bytes[next...])
        return out
    }
}
