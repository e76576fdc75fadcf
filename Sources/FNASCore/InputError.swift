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

    /// Creates an error about `source` (and optionally one `field` in it).
    public init(source: String, field: String? = nil, _ message: String) {
        self.source = source
        self.field = field
        self.message = message
    }

    public var description: String {
        if let field, !field.isEmpty { return "\(source): \(field): \(message)" }
        return "\(source): \(message)"
    }

    /// The same error re-attributed to another source, keeping the field and message.
    public func from(_ source: String) -> InputError {
        InputError(source: source, field: field, message)
    }
}
