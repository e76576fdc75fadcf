/// A value of a parsed ``JSONDocument`` as a `Decoder`: two words (the document and a node
/// index), so passing one as `any Decoder` allocates nothing.
struct JSONNodeDecoder: Decoder {
    let document: JSONDocument
    let node: Int

    var codingPath: [any CodingKey] { document.codingPath(to: node) }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        try document.expect(.object, at: node, for: [String: Any].self)
        return KeyedDecodingContainer(JSONKeyedContainer<Key>(document: document, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try document.expect(.array, at: node, for: [Any].self)
        return JSONUnkeyedContainer(document: document, node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONSingleValueContainer(document: document, node: node)
    }
}

// MARK: - Scalars

extension JSONDocument {
    func decode<T: Decodable>(_ type: T.Type, at node: Int) throws -> T {
        try T(from: JSONNodeDecoder(document: self, node: node))
    }

    func decodeBool(at node: Int) throws -> Bool {
        switch nodes[node].kind {
        case .true: return true
        case .false: return false
        default: throw mismatch(Bool.self, at: node)
        }
    }

    func decodeString(at node: Int) throws -> String {
        guard nodes[node].kind == .string else { throw mismatch(String.self, at: node) }
        guard let text = string(at: node) else { throw corrupted(at: node, "The string is not valid Unicode text (bytes that are not UTF-8, or an escaped lone surrogate).") }
        return text
    }

    func decodeFloat<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type, at node: Int) throws -> T {
        switch nodes[node].kind {
        case .number:
            // Parsed as T itself: a Float read through a Double could round twice.
            let n = nodes[node]
            // Beyond the type's range either way (1e400, or 1e-400 rounding to zero) is refused,
            // as Foundation refuses it, rather than read as infinity or zero.
            guard let value = T(String(decoding: bytes[n.start..<n.end], as: UTF8.self)), value.isFinite,
                  value != 0 || !hasNonZeroDigit(n) else {
                throw corrupted(at: node, "Number \(excerpt(node)) is not representable in Swift.")
            }
            return value
        case .string:
            if let names = nonConformingFloats {
                if stringNode(node, equals: names.positiveInfinity) { return .infinity }
                if stringNode(node, equals: names.negativeInfinity) { return -.infinity }
                if stringNode(node, equals: names.nan) { return .nan }
            }
            throw mismatch(T.self, at: node)
        default:
            throw mismatch(T.self, at: node)
        }
    }

    /// Whether a number's digits before its exponent are not all zeros.
    private func hasNonZeroDigit(_ n: Node) -> Bool {
        var i = n.start
        while i < n.end, bytes[i] != UInt8(ascii: "e"), bytes[i] != UInt8(ascii: "E") {
            if bytes[i] >= UInt8(ascii: "1") && bytes[i] <= UInt8(ascii: "9") { return true }
            i += 1
        }
        return false
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type, at node: Int) throws -> T {
        guard nodes[node].kind == .number else { throw mismatch(T.self, at: node) }
        guard let value = integer(at: node, as: T.self) else {
            throw corrupted(at: node, "Number \(excerpt(node)) is not representable in Swift.")
        }
        return value
    }

    /// Checks that `node` is a container of `kind` before a container is made for it.
    func expect(_ kind: Kind, at node: Int, for type: Any.Type) throws {
        guard nodes[node].kind == kind else { throw mismatch(type, at: node) }
    }

    func mismatch(_ type: Any.Type, at node: Int) -> DecodingError {
        let path = codingPath(to: node)
        if nodes[node].kind == .null {
            return .valueNotFound(type, .init(codingPath: path, debugDescription: "Cannot get value of type \(type) -- found null value instead"))
        }
        let found = switch nodes[node].kind {
        case .object: "a dictionary"
        case .array: "an array"
        case .string: "a string"
        case .number: "number \(excerpt(node))"
        case .true, .false: "bool"
        case .null: "null"
        }
        return .typeMismatch(type, .init(codingPath: path, debugDescription: "Expected to decode \(type) but found \(found) instead."))
    }

    func corrupted(at node: Int, _ description: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath(to: node), debugDescription: description))
    }
}

// MARK: - Containers

struct JSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let document: JSONDocument
    let node: Int

    var codingPath: [any CodingKey] { document.codingPath(to: node) }

    var allKeys: [Key] {
        var keys: [Key] = []
        var member = node + 1
        for _ in 0..<document.nodes[node].count {
            if let text = document.string(at: member), let key = Key(stringValue: text) { keys.append(key) }
            member = document.nodes[member + 1].after
        }
        return keys
    }

    /// The value node of `key`, or nil. Objects here hold a few dozen keys at most, and a
    /// walk comparing bytes costs less than the dictionary it replaces.
    private func find(_ key: Key) -> Int? {
        let name = key.stringValue
        var member = node + 1
        for _ in 0..<document.nodes[node].count {
            if document.stringNode(member, equals: name) { return member + 1 }
            member = document.nodes[member + 1].after
        }
        return nil
    }

    private func value(_ key: Key) throws -> Int {
        guard let value = find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "No value associated with key \(key.stringValue) (\"\(key.stringValue)\")."))
        }
        return value
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }
    func decodeNil(forKey key: Key) throws -> Bool { document.nodes[try value(key)].kind == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try document.decodeBool(at: value(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try document.decodeString(at: value(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try document.decodeFloat(type, at: value(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try document.decodeFloat(type, at: value(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try document.decodeInteger(type, at: value(key)) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try document.decodeInteger(type, at: value(key)) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try document.decode(type, at: value(key)) }

    // One walk of the members per optional key: the protocol's default `decodeIfPresent`
    // looks the key up three times (contains, decodeNil, decode).
    private func present(_ key: Key) -> Int? {
        guard let value = find(key), document.nodes[value].kind != .null else { return nil }
        return value
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(key).map { try document.decodeBool(at: $0) } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(key).map { try document.decodeString(at: $0) } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(key).map { try document.decodeFloat(type, at: $0) } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(key).map { try document.decodeFloat(type, at: $0) } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(key).map { try document.decodeInteger(type, at: $0) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(key).map { try document.decode(type, at: $0) } }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONNodeDecoder(document: document, node: value(key)).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONNodeDecoder(document: document, node: value(key)).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONNodeDecoder(document: document, node: Key(stringValue: "super").flatMap { find($0) } ?? node)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder { JSONNodeDecoder(document: document, node: try value(key)) }
}

/// Three words, so it fits an existential's inline buffer and `any UnkeyedDecodingContainer`
/// allocates no box for it: the position is the next element's node, and its index is
/// counted only when asked for (in errors, mostly).
struct JSONUnkeyedContainer: UnkeyedDecodingContainer {
    let document: JSONDocument
    let node: Int
    /// The node of the next element; the list's `after` once all are read.
    private var next: Int

    init(document: JSONDocument, node: Int) {
        self.document = document
        self.node = node
        next = node + 1
    }

    var codingPath: [any CodingKey] { document.codingPath(to: node) }
    var count: Int? { document.nodes[node].count }
    var isAtEnd: Bool { next >= document.nodes[node].after }

    var currentIndex: Int {
        var index = 0, element = node + 1
        while element < next { element = document.nodes[element].after; index += 1 }
        return index
    }

    /// Decodes the next element with `read` and moves past it only when that succeeds.
    private mutating func advance<T>(_ type: T.Type, _ read: (JSONDocument, Int) throws -> T) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath + [JSONReader.PathKey(intValue: currentIndex)], debugDescription: "Unkeyed container is at end."))
        }
        let value = try read(document, next)
        next = document.nodes[next].after
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, document.nodes[next].kind == .null else {
            if isAtEnd { _ = try advance(Never?.self) { _, _ in nil } }   // throws: at the end
            return false
        }
        next = document.nodes[next].after
        return true
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try advance(type) { try $0.decodeBool(at: $1) } }
    mutating func decode(_ type: String.Type) throws -> String { try advance(type) { try $0.decodeString(at: $1) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try advance(type) { try $0.decodeFloat(type, at: $1) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try advance(type) { try $0.decodeFloat(type, at: $1) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try advance(type) { try $0.decodeInteger(type, at: $1) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try advance(type) { try $0.decode(type, at: $1) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try advance(KeyedDecodingContainer<NestedKey>.self) { try JSONNodeDecoder(document: $0, node: $1).container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try advance((any UnkeyedDecodingContainer).self) { try JSONNodeDecoder(document: $0, node: $1).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try advance((any Decoder).self) { JSONNodeDecoder(document: $0, node: $1) }
    }
}

struct JSONSingleValueContainer: SingleValueDecodingContainer {
    let document: JSONDocument
    let node: Int

    var codingPath: [any CodingKey] { document.codingPath(to: node) }

    func decodeNil() -> Bool { document.nodes[node].kind == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try document.decodeBool(at: node) }
    func decode(_ type: String.Type) throws -> String { try document.decodeString(at: node) }
    func decode(_ type: Double.Type) throws -> Double { try document.decodeFloat(type, at: node) }
    func decode(_ type: Float.Type) throws -> Float { try document.decodeFloat(type, at: node) }
    func decode(_ type: Int.Type) throws -> Int { try document.decodeInteger(type, at: node) }
    func decode(_ type: Int8.Type) throws -> Int8 { try document.decodeInteger(type, at: node) }
    func decode(_ type: Int16.Type) throws -> Int16 { try document.decodeInteger(type, at: node) }
    func decode(_ type: Int32.Type) throws -> Int32 { try document.decodeInteger(type, at: node) }
    func decode(_ type: Int64.Type) throws -> Int64 { try document.decodeInteger(type, at: node) }
    func decode(_ type: UInt.Type) throws -> UInt { try document.decodeInteger(type, at: node) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try document.decodeInteger(type, at: node) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try document.decodeInteger(type, at: node) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try document.decodeInteger(type, at: node) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try document.decodeInteger(type, at: node) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try document.decode(type, at: node) }
}
