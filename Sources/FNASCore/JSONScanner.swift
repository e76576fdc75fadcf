/// The one pass behind ``JSONSourceMap``: a JSON (RFC 8259) recogniser that records where each
/// value starts and what each number says, and stops at the first syntax error.
///
/// Iterative, with an explicit stack of open containers, so a deeply nested text cannot
/// exhaust the call stack; every byte is looked at a bounded number of times.
struct JSONScanner {
    private let bytes: [UInt8]
    private var i = 0
    private(set) var tree = JSONPathTree()
    private(set) var numbers: [JSONSourceMap.Number] = []
    private(set) var problem: JSONSourceMap.Problem?

    private enum Container {
        case object(node: Int)
        case list(node: Int, count: Int)
    }

    /// What each one-letter escape after a backslash stands for.
    private static let escapes: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08,
                                                 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]

    /// Raised to unwind the scan at the first problem (recorded in `problem`).
    private struct Stop: Error {}

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func scan() {
        do { try scanDocument() } catch {}
    }

    private mutating func scanDocument() throws {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }   // a UTF-8 byte-order mark
        var stack: [Container] = []
        var slot: (parent: Int, component: JSONPathTree.Component)?   // nil: the top-level value
        value: while true {
            skipSpace()
            guard i < bytes.count else { try fail("the text ends where a value was expected") }
            let node = tree.add(parent: slot?.parent, slot?.component, offset: i)
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                skipSpace()
                if peek(UInt8(ascii: "}")) {
                    i += 1
                } else {
                    stack.append(.object(node: node))
                    slot = (node, .key(try member()))
                    continue value
                }
            case UInt8(ascii: "["):
                i += 1
                skipSpace()
                if peek(UInt8(ascii: "]")) {
                    i += 1
                } else {
                    stack.append(.list(node: node, count: 0))
                    slot = (node, .index(0))
                    continue value
                }
            case UInt8(ascii: "\""):
                _ = try string(keepingText: false)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try number(node: node)
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default:
                try fail("unexpected \(shown(bytes[i])) where a value was expected")
            }
            // After a value: close finished containers, or move to the next member or element.
            while true {
                skipSpace()
                guard let top = stack.last else {
                    if i < bytes.count { try fail("unexpected \(shown(bytes[i])) after the end of the JSON value") }
                    return
                }
                guard i < bytes.count else { try fail("the text ends inside \(describe(top))") }
                switch (top, bytes[i]) {
                case (.object(let parent), UInt8(ascii: ",")):
                    i += 1
                    slot = (parent, .key(try member()))
                    continue value
                case (.list(let parent, let count), UInt8(ascii: ",")):
                    i += 1
                    stack[stack.count - 1] = .list(node: parent, count: count + 1)
                    slot = (parent, .index(count + 1))
                    continue value
                case (.object, UInt8(ascii: "}")), (.list, UInt8(ascii: "]")):
                    i += 1
                    stack.removeLast()
                case (.object, _):
                    try fail("expected , or } after a value in an object, found \(shown(bytes[i]))")
                case (.list, _):
                    try fail("expected , or ] after an element of a list, found \(shown(bytes[i]))")
                }
            }
        }
    }

    /// Reads `"key":` and returns the key.
    private mutating func member() throws -> String {
        skipSpace()
        guard peek(UInt8(ascii: "\"")) else {
            try fail(i < bytes.count ? "expected a quoted key, found \(shown(bytes[i]))" : "the text ends where a key was expected")
        }
        let key = try string(keepingText: true)
        skipSpace()
        guard peek(UInt8(ascii: ":")) else { try fail("expected : after the key \"\(key)\"") }
        i += 1
        return key
    }

    /// Reads a string starting at its opening quote; returns its text when asked (keys).
    private mutating func string(keepingText: Bool) throws -> String {
        let start = i
        i += 1
        var text: [UInt8] = []
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                return keepingText ? String(decoding: text, as: UTF8.self) : ""
            case UInt8(ascii: "\\"):
                guard i + 1 < bytes.count else { i = bytes.count; continue }
                let escaped = bytes[i + 1]
                if let plain = Self.escapes[escaped] {
                    text.append(plain)
                    i += 2
                } else if escaped == UInt8(ascii: "u") {
                    guard let unit = hex4(at: i + 2) else { try fail("\\u must be followed by four hex digits") }
                    i += 6
                    var scalar: Unicode.Scalar? = Unicode.Scalar(unit)
                    if (0xD800..<0xDC00).contains(unit), peek(UInt8(ascii: "\\")), i + 1 < bytes.count,
                       bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(at: i + 2), (0xDC00..<0xE000).contains(low) {
                        scalar = Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
                        i += 6
                    }
                    if keepingText { text.append(contentsOf: Array(String(Character(scalar ?? "\u{FFFD}")).utf8)) }
                } else {
                    try fail("invalid escape \\\(shown(escaped, quoted: false)) in a string")
                }
            case 0..<0x20:
                try fail("a control character (byte \(b)) inside a string; write it as an escape such as \\n")
            default:
                if keepingText { text.append(b) }
                i += 1
            }
        }
        i = start
        try fail("the string starting here is never closed")
    }

    private func hex4(at offset: Int) -> UInt16? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt16 = 0
        for b in bytes[offset..<offset + 4] {
            guard let digit = JSONDocument.hexValue(b) else { return nil }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number(node: Int) throws {
        let start = i
        if peek(UInt8(ascii: "-")) { i += 1 }
        if peek(UInt8(ascii: "0")) {
            i += 1
        } else {
            guard digits() > 0 else { try fail("a number needs digits after -") }
        }
        if peek(UInt8(ascii: ".")) {
            i += 1
            guard digits() > 0 else { try fail("a number needs digits after its decimal point") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            i += 1
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { i += 1 }
            guard digits() > 0 else { try fail("a number needs digits in its exponent") }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if let value = Double(text), !value.isFinite {
            i = start
            try fail(field: tree.path(of: node), "\(text) is beyond the largest number a file can hold (about 1.8e308)")
        }
        numbers.append(JSONSourceMap.Number(node: node, range: start..<i, text: text))
    }

    private mutating func digits() -> Int {
        let start = i
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
        return i - start
    }

    private mutating func literal(_ word: String) throws {
        let expected = Array(word.utf8)
        guard bytes[i...].starts(with: expected) else { try fail("unexpected \(shown(bytes[i])) where a value was expected") }
        i += expected.count
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private func peek(_ b: UInt8) -> Bool { i < bytes.count && bytes[i] == b }

    private func describe(_ container: Container) -> String {
        let (kind, node) = switch container {
        case .object(let node): ("object", node)
        case .list(let node, _): ("list", node)
        }
        let depth = tree.depth(of: node)
        if depth == 0 { return "the top-level \(kind)" }
        // A path through thousands of nested lists would make a message of that length.
        return depth <= 8 ? "the \(kind) \(tree.path(of: node))" : "a \(kind) nested \(depth) deep"
    }

    private func shown(_ b: UInt8, quoted: Bool = true) -> String { JSONDocument.shown(b, quoted: quoted) }

    private mutating func fail(field: String? = nil, _ message: String) throws -> Never {
        problem = JSONSourceMap.Problem(offset: i, field: field, message: message)
        throw Stop()
    }
}
