/// One setting whose value differs between an earlier run and the one asked for now.
///
/// `setting` is a configuration field path (`epochs`, `training.batchSize`, ...), the same
/// names validation errors use, so a front end can show the flag that sets it.
public struct SettingDifference: Sendable, Hashable, CustomStringConvertible {
    public var setting: String
    /// The earlier value, as shown to the user.
    public var earlier: String
    /// The value asked for now.
    public var now: String
    /// Why the difference matters, when the values alone do not say (e.g. "episodes may only grow").
    public var note: String?

    public init(setting: String, earlier: String, now: String, note: String? = nil) {
        self.setting = setting
        self.earlier = earlier
        self.now = now
        self.note = note
    }

    /// `setting earlier (now value[; note])`, with the setting named by `name`.
    public func text(naming name: (String) -> String) -> String {
        "\(name(setting)) \(earlier) (now \(now)\(note.map { "; \($0)" } ?? ""))"
    }

    public var description: String { text { $0 } }

    /// The differences joined with "; ", settings named by `name`.
    public static func list(_ differences: [SettingDifference], naming name: (String) -> String = { $0 }) -> String {
        differences.map { $0.text(naming: name) }.joined(separator: "; ")
    }
}
