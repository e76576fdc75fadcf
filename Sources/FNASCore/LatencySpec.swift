/// The latency budget r a child must meet, in microseconds.
public struct LatencySpec: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The budget in microseconds; always positive and finite.
    public let microseconds: Double

    /// Creates a spec; fails on a value that is not positive and finite.
    public init?(microseconds: Double) {
        guard microseconds.isFinite, microseconds > 0 else { return nil }
        self.microseconds = microseconds
    }

    public var milliseconds: Double { microseconds / 1000 }

    /// The smallest spec the parser accepts (one nanosecond), so every spec prints as non-zero.
    public static let smallestMicroseconds = 0.001
    /// The largest spec the parser and the explorer's keys accept: one minute. A larger one
    /// prunes nothing on any board fnas models and reads as a typo (1e9s, 5000s for 5000us).
    public static let largestMicroseconds = 60_000_000.0

    private enum CodingKeys: String, CodingKey { case microseconds }

    /// Decodes `{"microseconds": 500}`, refusing what ``init(microseconds:)`` refuses, so an
    /// edited config.json or checkpoint cannot smuggle in a zero or negative spec.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let value = try c.decode(Double.self, forKey: .microseconds)
        guard value.isFinite, value > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .microseconds, in: c,
                                                   debugDescription: "a latency spec must be positive (got \(value) us)")
        }
        microseconds = value
    }

    /// Parses `2ms`, `2.5 ms`, `800us`, `800µs`, `0.002s` or a bare number of milliseconds.
    ///
    /// - Throws: ``InputError`` about `setting` for a malformed, zero or negative spec.
    public init(parsing text: String, setting: String = "spec") throws {
        let t = text.lowercased().filter { $0 != " " }
        let units: [(String, Double)] = [("ms", 1000), ("us", 1), ("µs", 1), ("s", 1_000_000)]
        var scale = 1000.0
        var number = Substring(t)
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            scale = factor
            number = t.dropLast(suffix.count)
            break
        }
        // Double(_:) also reads hexadecimal ("0x10") and "nan"/"inf"; a latency is decimal.
        let decimal = number.allSatisfy { $0.isASCII && ($0.isNumber || "+-.e".contains($0)) }
        guard decimal, let value = Double(number), value.isFinite else {
            throw InputError(setting: setting, "expected a latency such as 2ms or 800us, got \"\(text)\"")
        }
        guard value > 0, (value * scale) > 0 else {
            throw InputError(setting: setting, "a latency spec must be positive, got \"\(text)\"")
        }
        // Also catches a value that overflows to infinity in microseconds (1e305s).
        guard value * scale <= Self.largestMicroseconds, let spec = LatencySpec(microseconds: value * scale) else {
            throw InputError(setting: setting, "\"\(text)\" is above the largest latency spec, 60s (a minute per image is beyond every board)")
        }
        // One clock cycle of the fastest board is nanoseconds; a smaller spec prunes everything
        // and would print as 0ms.
        guard spec.microseconds >= Self.smallestMicroseconds else {
            throw InputError(setting: setting, "\"\(text)\" is below the smallest latency spec, 0.001us")
        }
        self = spec
    }

    public static func < (a: LatencySpec, b: LatencySpec) -> Bool { a.microseconds < b.microseconds }

    /// Milliseconds with up to three significant decimals, e.g. `2ms`, `3.5ms`, `0.8ms`.
    public var description: String { Self.formatMilliseconds(milliseconds) }

    /// Formats a millisecond value the way specs are shown everywhere in fnas.
    public static func formatMilliseconds(_ ms: Double) -> String {
        if ms > 0 && ms < 0.01 {
            // Sub-10-microsecond values read better in microseconds than as 0.001ms.
            var us = formatDecimal(ms * 1000, places: 3)
            while us.hasSuffix("0") { us.removeLast() }
            if us.hasSuffix(".") { us.removeLast() }
            return us + "us"
        }
        var s = ms >= 100 ? formatDecimal(ms, places: 0) : formatDecimal(ms, places: ms >= 10 ? 2 : 3)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s + "ms"
    }
}

/// Formats `value` with a fixed number of decimal places, without Foundation.
///
/// Magnitudes too large for exact fixed-point digits (2^53 and up once scaled: a spec of
/// 1e300 ms, a 1e308 MHz clock from a board file) fall back to Swift's shortest exponent form
/// rather than trapping in the conversion to `Int`.
public func formatDecimal(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<max(0, places) { scale *= 10 }
    let scaled = (abs(value) * scale).rounded()
    guard scaled < 9_007_199_254_740_992 else { return String(value) }
    let negative = value < 0 && scaled > 0
    let whole = Int(scaled / scale)
    let frac = Int(scaled - Double(whole) * scale)
    var text = String(whole)
    if places > 0 {
        let f = String(frac)
        text += "." + String(repeating: "0", count: places - f.count) + f
    }
    return negative ? "-" + text : text
}
