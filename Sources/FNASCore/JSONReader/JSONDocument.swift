/// A JSON text (RFC 8259) parsed once into a flat list of nodes, for ``JSONReader``.
///
/// Every value is one node: its kind, its bytes, its parent and the index just past its
/// subtree, so a container's members are walked without building a dictionary or a string per
/// key. An object's members are stored as a key node (a string) followed by the value's
/// subtree. Strings and numbers stay bytes until a decoder asks for them.
///
/// The parse is iterative (an explicit stack), looks at every byte a bounded number of times,
/// and refuses nesting deeper than ``maximumDepth``, as Foundation's decoder does.
final class JSONDocument {
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    struct Node {
        var kind: Kind
        /// Bytes of the value: a string's without its quotes, a container's from its bracket.
        var start: Int
        var end: Int
        /// The node's parent, -1 for the top-level value.
        var parent: Int
        /// The index of the first node after this one's subtree.
        var after: Int
        /// Members of an object, elements of a list; for a string, whether it holds a `\` escape
        /// (1) or not (0); for a number, whether it is a plain integer (1) or not (0).
        var count: Int
    }

    static let maximumDepth = 512

    /// NULs after the text: a word read that starts at or before the first one stays inside.
    static let padding = MemoryLayout<UInt64>.size

    // Constants once parsed: a `var` of a class is checked for exclusive access on every read.
    /// The text with ``padding`` NULs after it, so a scan can always look ahead: one byte at a
    /// time, or a word at a time up to the first NUL.
    let bytes: [UInt8]
    let nodes: [Node]
    /// Strings that stand for non-finite numbers, if any.
    let nonConformingFloats: JSONReader.NonConformingFloats?

    /// Parses `text`.
    ///
    /// - Throws: ``JSONReader/SyntaxError`` at the first byte that is not JSON.
    /// - Parameter storage: arrays to parse into, emptied first: a document's own, from a
    ///   text read before, so that reading many small texts allocates little.
    init(_ text: some Collection<UInt8>, nonConformingFloats: JSONReader.NonConformingFloats?,
         storage: (bytes: [UInt8], nodes: [Node]) = ([], [])) throws(JSONReader.SyntaxError) {
        var (bytes, nodes) = storage
        bytes.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
        bytes.reserveCapacity(text.count + Self.padding)
        bytes.append(contentsOf: text)
        bytes.append(contentsOf: repeatElement(0, count: Self.padding))
        let length = text.count
        try bytes.withUnsafeBufferPointer { (text) throws(JSONReader.SyntaxError) in
            var parser = Parser(p: text.baseAddress!)
            swap(&parser.nodes, &nodes)   // moved, not copied: appending must not copy them
            parser.nodes.reserveCapacity(max(4, length / 8))
            try parser.parse(length: length)
            swap(&parser.nodes, &nodes)
        }
        self.nodes = nodes
        self.bytes = bytes
        self.nonConformingFloats = nonConformingFloats
    }

    // MARK: - Parsing

    /// Reads through a pointer: the text ends in a NUL that stops every scan, so no read
    /// needs a bounds check of its own (each is at most the NUL's index).
    private struct Parser {
        let p: UnsafePointer<UInt8>
        var nodes: [Node] = []

        mutating func parse(length: Int) throws(JSONReader.SyntaxError) {
            var i = 0
            if length >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }   // a UTF-8 byte-order mark
            // The innermost container not yet closed (-1: none); the ones around it are its
            // parents, so the nodes are the stack and the parse allocates nothing else.
            var top = -1, depth = 0
            func fail(_ message: String) -> JSONReader.SyntaxError { JSONReader.SyntaxError(offset: i, message: message) }
            func skipSpace() {
                while true {
                    let b = p[i]
                    guard b <= 0x20, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
                    i += 1
                }
            }
            value: while true {
                skipSpace()
                guard i < length else { throw fail("the text ends where a value was expected") }
                let node = nodes.count
                let parent = top
                switch p[i] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let isObject = p[i] == UInt8(ascii: "{")
                    guard depth < JSONDocument.maximumDepth else { throw fail("values are nested more than \(JSONDocument.maximumDepth) deep") }
                    nodes.append(Node(kind: isObject ? .object : .array, start: i, end: i, parent: parent, after: node + 1, count: 0))
                    i += 1
                    skipSpace()
                    if p[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) && i < length {
                        i += 1
                        nodes[node].end = i
                    } else {
                        top = node
                        depth += 1
                        nodes[node].count = 1
                        if isObject { try key(parent: node, &i, length) }
                        continue value
                    }
                case UInt8(ascii: "\""):
                    try string(parent: parent, &i, length)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    try number(parent: parent, &i, length)
                case UInt8(ascii: "t"): try literal("true", .true, parent: parent, &i, length)
                case UInt8(ascii: "f"): try literal("false", .false, parent: parent, &i, length)
                case UInt8(ascii: "n"): try literal("null", .null, parent: parent, &i, length)
                default:
                    throw fail("unexpected \(JSONDocument.shown(p[i])) where a value was expected")
                }
                // After a value: close finished containers, or go on to the next member or element.
                while true {
                    skipSpace()
                    guard top >= 0 else {
                        if i < length { throw fail("unexpected \(JSONDocument.shown(p[i])) after the end of the JSON value") }
                        return
                    }
                    guard i < length else { throw fail("the text ends inside a \(nodes[top].kind == .object ? "object" : "list")") }
                    let isObject = nodes[top].kind == .object
                    switch p[i] {
                    case UInt8(ascii: ","):
                        i += 1
                        skipSpace()
                        // A comma before the closing bracket is allowed, as Foundation allows it.
                        if i < length, p[i] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) { continue }
                        nodes[top].count += 1
                        if isObject { try key(parent: top, &i, length) }
                        continue value
                    case isObject ? UInt8(ascii: "}") : UInt8(ascii: "]"):
                        i += 1
                        nodes[top].end = i
                        nodes[top].after = nodes.count
                        top = nodes[top].parent
                        depth -= 1
                    default:
                        throw fail("expected , or \(isObject ? "}" : "]") after \(isObject ? "a member" : "an element"), found \(JSONDocument.shown(p[i]))")
                    }
                }
            }
        }

        /// Reads `"key":` as a string node of `parent`.
        private mutating func key(parent: Int, _ i: inout Int, _ length: Int) throws(JSONReader.SyntaxError) {
            while p[i] <= 0x20, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
            guard i < length, p[i] == UInt8(ascii: "\"") else {
                throw JSONReader.SyntaxError(offset: i, message: i < length ? "expected a quoted key, found \(JSONDocument.shown(p[i]))" : "the text ends where a key was expected")
            }
            try string(parent: parent, &i, length, isKey: true)
            while p[i] <= 0x20, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
            guard i < length, p[i] == UInt8(ascii: ":") else {
                throw JSONReader.SyntaxError(offset: i, message: "expected : after a key")
            }
            i += 1
        }

        /// A string from its opening quote; escapes are checked here and resolved when read. A
        /// key's UTF-8 is checked here too (a value's when it is read), as Foundation checks
        /// every key of an object it enters, wanted or not.
        private mutating func string(parent: Int, _ i: inout Int, _ length: Int, isKey: Bool = false) throws(JSONReader.SyntaxError) {
            let open = i
            i += 1
            var escaped = false, ascii = true
            while true {
                i += JSONDocument.plainRun(at: p + i)
                guard i < length else { break }
                switch p[i] {
                case UInt8(ascii: "\""):
                    if isKey, !ascii, String(validating: UnsafeBufferPointer(start: p + open + 1, count: i - open - 1), as: UTF8.self) == nil {
                        throw JSONReader.SyntaxError(offset: open, message: "the key starting here is not valid UTF-8")
                    }
                    nodes.append(Node(kind: .string, start: open + 1, end: i, parent: parent, after: nodes.count + 1, count: escaped ? 1 : 0))
                    i += 1
                    return
                case UInt8(ascii: "\\"):
                    escaped = true
                    switch p[i + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        guard i + 6 <= length, (2..<6).allSatisfy({ JSONDocument.hexValue(p[i + $0]) != nil }) else {
                            throw JSONReader.SyntaxError(offset: i, message: "\\u must be followed by four hex digits")
                        }
                        i += 6
                    default:
                        throw JSONReader.SyntaxError(offset: i, message: "invalid escape in a string")
                    }
                case 0..<0x20:
                    throw JSONReader.SyntaxError(offset: i, message: "a control character (byte \(p[i])) inside a string")
                default:   // 0x80 and above: part of a multi-byte character
                    ascii = false
                    i += 1
                }
            }
            throw JSONReader.SyntaxError(offset: open, message: "the string starting here is never closed")
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
        private mutating func number(parent: Int, _ i: inout Int, _ length: Int) throws(JSONReader.SyntaxError) {
            let start = i
            func digits() -> Int {
                let first = i
                while p[i] &- UInt8(ascii: "0") < 10 { i += 1 }
                return i - first
            }
            var integer = true
            if p[i] == UInt8(ascii: "-") { i += 1 }
            if p[i] == UInt8(ascii: "0") {
                i += 1
            } else if digits() == 0 {
                throw JSONReader.SyntaxError(offset: i, message: "a number needs digits after -")
            }
            if p[i] == UInt8(ascii: ".") {
                i += 1
                integer = false
                guard digits() > 0 else { throw JSONReader.SyntaxError(offset: i, message: "a number needs digits after its decimal point") }
            }
            if p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E") {
                i += 1
                integer = false
                if p[i] == UInt8(ascii: "+") || p[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw JSONReader.SyntaxError(offset: i, message: "a number needs digits in its exponent") }
            }
            // The NUL after the text stops every scan above; a number cannot run past `length`.
            nodes.append(Node(kind: .number, start: start, end: i, parent: parent, after: nodes.count + 1, count: integer ? 1 : 0))
        }

        private mutating func literal(_ word: StaticString, _ kind: Kind, parent: Int, _ i: inout Int, _ length: Int) throws(JSONReader.SyntaxError) {
            let count = word.utf8CodeUnitCount
            guard i + count <= length, (0..<count).allSatisfy({ p[i + $0] == word.utf8Start[$0] }) else {
                throw JSONReader.SyntaxError(offset: i, message: "unexpected \(JSONDocument.shown(p[i])) where a value was expected")
            }
            nodes.append(Node(kind: kind, start: i, end: i + count, parent: parent, after: nodes.count + 1, count: 0))
            i += count
        }

    }

    /// How many bytes from `p` on go into a string as they are: exactly the bytes before the
    /// first quote, backslash, control or non-ASCII byte (the NUL padding ends every run),
    /// counted a word at a time. A fuzzing build traces every comparison, and a word costs one
    /// instead of eight.
    @inline(__always)
    static func plainRun(at p: UnsafePointer<UInt8>) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        var run = 0
        while true {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + run).loadUnaligned(as: UInt64.self))
            // A byte's high bit ends up set when it is below 0x20, a quote (0x22 ^ 0x22 = 0, minus
            // one borrows), a backslash, or 0x80 and above; a borrow can only mark bytes after
            // the first such byte, so the lowest mark is exact.
            let marks = ((w &- ones &* 0x20) | ((w ^ (ones &* 0x22)) &- ones) | ((w ^ (ones &* 0x5C)) &- ones) | w) & high
            if marks != 0 { return run + marks.trailingZeroBitCount / 8 }
            run += 8
        }
    }

    static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// A byte as a message shows it: `'x'` (or `x` unquoted) for printable ASCII, else its value.
    static func shown(_ b: UInt8, quoted: Bool = true) -> String {
        guard (0x21..<0x7F).contains(b) else { return "byte \(b)" }
        let c = String(Character(UnicodeScalar(b)))
        return quoted ? "'\(c)'" : c
    }
}
