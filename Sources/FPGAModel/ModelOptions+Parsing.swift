import FNASCore

// The compact command-line forms of the model's what-if overrides.

extension Tiling {
    /// Parses `Tm,Tn,Tr,Tc`, e.g. `16,6,20,20`.
    ///
    /// - Throws: ``InputError`` about `setting` for a malformed list or a factor below 1.
    public init(parsing text: String, setting: String = "tiling") throws {
        let v = try parseCounts(text, names: ["Tm", "Tn", "Tr", "Tc"], example: "16,6,20,20", setting: setting)
        self.init(Tm: v[0], Tn: v[1], Tr: v[2], Tc: v[3])
    }
}

extension PortWidths {
    /// Parses `W,I,O` words per cycle, e.g. `2,2,2`.
    ///
    /// - Throws: ``InputError`` about `setting` for a malformed list or a width below 1.
    public init(parsing text: String, setting: String = "ports") throws {
        let v = try parseCounts(text, names: ["W", "I", "O"], example: "2,2,2", setting: setting)
        self.init(weights: v[0], input: v[1], output: v[2])
    }
}

/// Comma-separated positive integers, one per name.
private func parseCounts(_ text: String, names: [String], example: String, setting: String) throws -> [Int] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        .map { $0.filter { $0 != " " } }
    guard parts.count == names.count else {
        throw InputError(setting: setting, "expected \(names.count) comma-separated numbers \(names.joined(separator: ",")) such as \(example), got \"\(text)\"")
    }
    return try zip(names, parts).map { name, part in
        guard let v = Int(part) else {
            throw InputError(setting: setting, field: name, "expected a whole number, got \"\(part)\"")
        }
        guard v >= 1 else { throw InputError(setting: setting, field: name, "must be at least 1 (got \(v))") }
        return v
    }
}
