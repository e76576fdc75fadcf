/// Decodes `Decodable` values from JSON text, as Foundation's `JSONDecoder` does, several times
/// faster on the run log's lines.
///
/// Foundation's decoder builds a dictionary (and a string per key) for every object it
/// enters; a trial line of events.jsonl holds dozens of small objects, so reading a long run
/// back was mostly allocation. This reader parses the text once into a flat node list
/// (``JSONDocument``) and looks keys up by comparing bytes in place.
///
/// Same results as `JSONDecoder` with its default strategies for every text both accept:
/// unknown keys are ignored, an integer may be written `1e3`, and the errors are
/// `DecodingError`s with the coding path. Not thread-safe to share a decode in progress;
/// a reader value itself is immutable and `Sendable`.
public struct JSONReader: Sendable {
    /// Strings that stand for non-finite floating-point values, as
    /// `JSONDecoder.NonConformingFloatDecodingStrategy.convertFromString` names them.
    public struct NonConformingFloats: Sendable, Hashable {
        public var positiveInfinity: String
        public var negativeInfinity: String
        public var nan: String

        public init(positiveInfinity: String, negativeInfinity: String, nan: String) {
            self.positiveInfinity = positiveInfinity
            self.negativeInfinity = negativeInfinity
            self.nan = nan
        }
    }

    /// nil: a non-finite value in the text is an error, as with `JSONDecoder`'s default.
    public var nonConformingFloats: NonConformingFloats?

    public init(nonConformingFloats: NonConformingFloats? = nil) {
        self.nonConformingFloats = nonConformingFloats
    }

    /// Decodes a `T` from the JSON text in `bytes`.
    ///
    /// - Throws: `DecodingError.dataCorrupted` when the text is not JSON (naming the byte
    ///   offset), or the `DecodingError` a `JSONDecoder` would throw for the value.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>) throws -> T {
        try parse(bytes).decode(T.self, at: 0)
    }

    /// Decodes a `T` from `bytes` as ``decode(_:from:)`` does, parsing into the storage of
    /// the text `workspace` last held: for the lines of a log, one workspace for them all.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: some Collection<UInt8>, reusing workspace: Workspace) throws -> T {
        // Taken out, so the arrays are unique while the document fills them.
        let storage = (workspace.bytes, workspace.nodes)
        (workspace.bytes, workspace.nodes) = ([], [])
        let document = try parse(bytes, storage: storage)
        defer { (workspace.bytes, workspace.nodes) = (document.bytes, document.nodes) }
        return try document.decode(T.self, at: 0)
    }

    /// The storage one text's parse leaves for the next (see ``decode(_:from:reusing:)``).
    /// Not for sharing between threads.
    public final class Workspace {
        var bytes: [UInt8] = []
        var nodes: [JSONDocument.Node] = []

        public init() {}
    }

    private func parse(_ bytes: some Collection<UInt8>, storage: (bytes: [UInt8], nodes: [JSONDocument.Node]) = ([], [])) throws -> JSONDocument {
        do {
            return try JSONDocument(bytes, nonConformingFloats: nonConformingFloats, storage: storage)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "The given data was not valid JSON: \(error.message) at byte \(error.offset)."))
        }
    }

    /// Where and why a text is not JSON.
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    /// A key of a coding path in an error: an object's key or a list's position.
    struct PathKey: CodingKey {
        var stringValue: String
        var intValue: Int?

        init(stringValue: String) { self.stringValue = stringValue; intValue = nil }
        init(intValue: Int) { stringValue = "Index \(intValue)"; self.intValue = intValue }
    }
}
