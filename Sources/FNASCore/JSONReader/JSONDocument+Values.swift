import Foundation

/// Scalars read out of a parsed ``JSONDocument``, with the errors Foundation's `JSONDecoder`
/// gives for the same text.
extension JSONDocument {
    /// A string node's text, escapes resolved; nil when it is not Unicode text (bytes that are
    /// not UTF-8, an escaped lone surrogate).
    func string(at node: Int) -> String? {
        let n = nodes[node]
        return bytes.withUnsafeBufferPointer { all -> String? in
            let raw = UnsafeBufferPointer(rebasing: all[n.start..<n.end])
            guard n.count == 1 else { return String(validating: raw, as: UTF8.self) }
            var text = [UInt8]()
            text.reserveCapacity(raw.count)
            var i = 0
            while i < raw.count {
                guard raw[i] == UInt8(ascii: "\\") else { text.append(raw[i]); i += 1; continue }
                let letter = raw[i + 1]
                i += 2
                switch letter {
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    var unit = Self.hex4(raw, i)
                    i += 4
                    // A high surrogate followed by an escaped low one is one scalar; a lone
                    // surrogate is no character, and the string is refused as Foundation refuses it.
                    if (0xD800..<0xDC00).contains(unit), i + 6 <= raw.count, raw[i] == UInt8(ascii: "\\"),
                       raw[i + 1] == UInt8(ascii: "u"), case let low = Self.hex4(raw, i + 2), (0xDC00..<0xE000).contains(low) {
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                    guard let scalar = Unicode.Scalar(unit) else { return nil }
                    text.append(contentsOf: String(Character(scalar)).utf8)
                default: text.append(letter)   // " \ /
                }
            }
            return String(validating: text, as: UTF8.self)
        }
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt32 {
        (at..<at + 4).reduce(0) { $0 << 4 | (hexValue(raw[$1]) ?? 0) }
    }

    /// Whether a string node's bytes are exactly `text` (no escapes involved).
    func stringNode(_ node: Int, equals text: String) -> Bool {
        let n = nodes[node]
        guard n.count == 0 else { return string(at: node) == text }
        var text = text
        return text.withUTF8 { wanted in
            wanted.count == n.end - n.start && bytes.withUnsafeBufferPointer { all in
                wanted.isEmpty || memcmp(all.baseAddress! + n.start, wanted.baseAddress!, wanted.count) == 0
            }
        }
    }

    /// A number node's value as `T`; nil when it is not an integer or does not fit. An integer
    /// may be written with a fraction or an exponent (`2.0`, `1e3`): it is read digit by digit,
    /// so `9007199254740993.0` is exact, not rounded through a Double.
    func integer<T: FixedWidthInteger>(at node: Int, as type: T.Type) -> T? {
        let n = nodes[node]
        var i = n.start
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        func accumulate(_ value: inout T, _ digit: UInt8) -> Bool {
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? shifted.subtractingReportingOverflow(T(digit)) : shifted.addingReportingOverflow(T(digit))
            value = next
            return !o1 && !o2
        }
        if n.count == 1 {   // plain digits, as every integer we write
            var value: T = 0
            while i < n.end {
                guard accumulate(&value, bytes[i] - UInt8(ascii: "0")) else { return nil }
                i += 1
            }
            return value
        }
        var digits: [UInt8] = []   // the significant digits, integer part then fraction
        var scale = 0              // the value is digits × 10^scale
        while i < n.end, bytes[i] != UInt8(ascii: "e"), bytes[i] != UInt8(ascii: "E") {
            if bytes[i] == UInt8(ascii: ".") {
                scale = -(n.end - i - 1)   // corrected below for an exponent
            } else if !(digits.isEmpty && bytes[i] == UInt8(ascii: "0")) {
                digits.append(bytes[i] - UInt8(ascii: "0"))
            }
            i += 1
        }
        if scale < 0 { scale += n.end - i }   // the fraction's digits end where the exponent starts
        if i < n.end {   // an exponent
            i += 1
            let exponentNegative = bytes[i] == UInt8(ascii: "-")
            if bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
            var exponent = 0
            while i < n.end {
                exponent = min(exponent * 10 + Int(bytes[i] - UInt8(ascii: "0")), 100_000)   // beyond any integer
                i += 1
            }
            scale += exponentNegative ? -exponent : exponent
        }
        if digits.isEmpty { return 0 }
        if scale < 0 {
            // Not an integer unless every digit below the units is zero.
            guard -scale <= digits.count, digits.suffix(-scale).allSatisfy({ $0 == 0 }) else { return nil }
            digits.removeLast(-scale)
            scale = 0
        }
        guard digits.count + scale <= 40 else { return nil }   // more digits than any T holds
        var value: T = 0
        for digit in digits + [UInt8](repeating: 0, count: scale) {
            guard accumulate(&value, digit) else { return nil }
        }
        return value
    }

    /// The text of a node, shortened, for a message.
    func excerpt(_ node: Int) -> String {
        let n = nodes[node]
        let end = min(n.end, n.start + 40)
        return String(decoding: bytes[n.start..<end], as: UTF8.self) + (end < n.end ? "…" : "")
    }

    /// The coding path of a node: its keys and list positions from the top-level value.
    func codingPath(to node: Int) -> [any CodingKey] {
        var path: [any CodingKey] = []
        var child = node
        while nodes[child].parent >= 0 {
            let parent = nodes[child].parent
            if nodes[parent].kind == .object {
                path.append(JSONReader.PathKey(stringValue: string(at: child - 1) ?? "?"))
            } else {
                var index = 0, sibling = parent + 1
                while sibling != child { sibling = nodes[sibling].after; index += 1 }
                path.append(JSONReader.PathKey(intValue: index))
            }
            child = parent
        }
        return path.reversed()
    }
}
