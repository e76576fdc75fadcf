/// A problem with something the user gave fnas: a file, a flag value, a field inside a file.
///
/// Every error says where the problem is (the file or flag, and the field or line inside it)
/// and what is wrong, as one sentence, so the command-line tool can print it as is and exit
/// non-zero.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file path or command-line flag the bad value came from, e.g. `"net.json"` or `"--layers"`.
    public var source: String
    /// The field inside the source, e.g. `"layers[2].kernel"`, or a line such as `"line 4"`.
    public var field: String?
    /// What is wrong, as a sentence fragment without a trailing period.
    public var message: String
    /// Where in the file the bad value is, when the source is a text file.
    public var location: TextLocation?

    /// Creates an error about `source` (and optionally one `field` in it, at `location`).
    public init(source: String, field: String? = nil, at location: TextLocation? = nil, _ message: String) {
        self.source = source
        self.field = field
        self.location = location
        self.message = message
    }

    /// `FILE:LINE:COLUMN: field: what is wrong`, leaving out the parts that are unknown.
    public var description: String {
        let place = location.map { "\(source):\($0)" } ?? source
        if let field, !field.isEmpty { return "\(place): \(field): \(message)" }
        return "\(place): \(message)"
    }

    /// The same error re-attributed to another source, keeping the field and message.
    public func from(_ source: String) -> InputError {
        InputError(source: source, field: field, at: location, message)
    }

    /// The same error placed at its field's value in the JSON text `map` was read from (or at
    /// the nearest enclosing value that is there, e.g. the object missing a required key);
    /// unchanged when it already has a location or names no field.
    public func located(in map: JSONSourceMap) -> InputError {
        guard location == nil, let field, let place = map.location(of: field) else { return self }
        return InputError(source: source, field: field, at: place, message)
    }
}
