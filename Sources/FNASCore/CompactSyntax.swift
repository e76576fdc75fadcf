/// Parsing of the compact one-line forms: an input shape `28x28x1` and a layer list
/// `5x6,5x16` or `k3f32s2`.
public enum CompactSyntax {
    /// Parses `HxWxC` (or `HxW` for one channel).
    ///
    /// - Throws: ``InputError`` about `setting`.
    public static func inputShape(_ text: String, setting: String = "input") throws -> InputShape {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3,
              let h = Int(parts[0]), let w = Int(parts[1]),
              let c = parts.count == 3 ? Int(parts[2]) : 1
        else {
            throw InputError(setting: setting, "expected HxWxC such as 28x28x1, got \"\(text)\"")
        }
        guard h > 0, w > 0, c > 0 else {
            throw InputError(setting: setting, "every dimension must be at least 1, got \"\(text)\"")
        }
        return InputShape(height: h, width: w, channels: c)
    }

    /// Parses a comma-separated layer list. Each layer is `KxF` (kernel x filters), optionally
    /// followed by `sS` (stride) and `v` (valid padding), or the letter form `kKfF[sS][v]`.
    public static func layers(_ text: String, setting: String = "layers") throws -> [ConvLayer] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !text.trimmingCharacters(in: " ").isEmpty else {
            throw InputError(setting: setting, "the layer list is empty")
        }
        return try items.enumerated().map { i, item in
            try layer(String(item).trimmingCharacters(in: " "), setting: setting, field: "layer \(i + 1)")
        }
    }

    static func layer(_ text: String, setting: String, field: String) throws -> ConvLayer {
        // Made only when thrown: building the message for every layer was most of a parse.
        func bad() -> InputError {
            InputError(setting: setting, field: field, "expected KxF[sS] such as 5x16 or k3f32s2, got \"\(text)\"")
        }
        var s = Substring(text.lowercased())
        var padding = Padding.same
        if s.hasSuffix("v") { padding = .valid; s = s.dropLast() }
        func number() -> Int? {
            let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
            guard !digits.isEmpty, let v = Int(digits) else { return nil }
            s = s.dropFirst(digits.count)
            return v
        }
        let kernel: Int, filters: Int
        if s.first == "k" {
            s = s.dropFirst()
            guard let k = number(), s.first == "f" else { throw bad() }
            s = s.dropFirst()
            guard let f = number() else { throw bad() }
            kernel = k; filters = f
        } else {
            guard let k = number(), s.first == "x" else { throw bad() }
            s = s.dropFirst()
            guard let f = number() else { throw bad() }
            kernel = k; filters = f
        }
        var stride = 1
        if s.first == "s" {
            s = s.dropFirst()
            guard let v = number() else { throw bad() }
            stride = v
        }
        guard s.isEmpty else { throw bad() }
        // Found by fuzzing: "2x0" used to parse, and failed later as an architecture field
        // the user never wrote.
        if let name = kernel < 1 ? "kernel" : filters < 1 ? "filters" : stride < 1 ? "stride" : nil {
            throw InputError(setting: setting, field: field, "\(name) must be at least 1, got \"\(text)\"")
        }
        return ConvLayer(kernel: kernel, filters: filters, stride: stride, padding: padding)
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var sub = Substring(self)
        while sub.first == set { sub = sub.dropFirst() }
        while sub.last == set { sub = sub.dropLast() }
        return String(sub)
    }
}
