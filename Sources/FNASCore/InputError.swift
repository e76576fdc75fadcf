/// A problem with something the user gave fnas: a file, a flag value, a field inside a file.
///
/// Every error says where the problem is (the file or flag, and the field or line inside it)
/// and what is wrong, as one sentence, so the command-line tool can print it as is and exit
/// non-zero.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file path the bad value came from, e.g. `"net.json"`, or the name of the setting
    /// (see ``setting``) when it came from no file.
    public var source: String
    /// The setting the bad value was given for, when it came from no file: a configuration
    /// field path such as `"spec"`, `"layers"` or `"training.batchSize"`.
    ///
    /// Libraries name settings, never command-line flags; a front end that reads its settings
    /// from flags maps this name to the flag the user typed.
    public var setting: String?
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

    /// Creates an error about the value given for `setting` (and optionally one `field` in it).
    public init(setting: String, field: String? = nil, _ message: String) {
        self.init(source: setting, field: field, message)
        self.setting = setting
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

    /// The same error re-attributed to `setting`, keeping the field and message.
    public func from(setting: String) -> InputError {
        InputError(setting: setting, field: field, message)
    }

    /// The error a configuration check raised about one of its fields, re-attributed to that
    /// field as a setting (for example `training.batchSize`), so a front end can name the flag
    /// that sets it. Unchanged when the error names no field or points into a file.
    public func asSetting() -> InputError {
        guard let field, location == nil, setting == nil else { return self }
        return InputError(setting: field, message)
    }

    /// The same error placed at its field's value in the JSON text `map` was read from (or at
    /// the nearest enclosing value that is there, e.g. the object missing a required key);
    /// unchanged when it already has a location or names no field.
    public func located(in map: JSONSourceMap) -> InputError {
        guard location == nil, let field, let place = map.location(of: field) else { return self }
        return InputError(source: source, field: field, at: place, message)
    }
}
