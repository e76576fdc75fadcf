import FNASCore

/// Mean and spread of one measure over repeats.
public struct Spread: Sendable, Hashable {
    public var mean: Double
    /// Sample standard deviation (0 for a single value).
    public var deviation: Double
    public var count: Int

    /// Summarises the finite values; nil when there are none.
    public init?(_ values: [Double]) {
        let v = values.filter(\.isFinite)
        guard !v.isEmpty else { return nil }
        count = v.count
        mean = v.reduce(0, +) / Double(v.count)
        if v.count > 1 {
            let m = mean
            deviation = (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
        } else {
            deviation = 0
        }
    }

    /// `mean` alone for one value, `mean ± deviation` for several.
    public func formatted(places: Int, scale: Double = 1, suffix: String = "") -> String {
        let m = formatDecimal(mean * scale, places: places) + suffix
        return count > 1 ? m + " ± " + formatDecimal(deviation * scale, places: places) + suffix : m
    }
}
