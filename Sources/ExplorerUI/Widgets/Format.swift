import FNASCore

/// Text formatting shared by the panes (no Foundation formatters: output is stable in tests).
public enum Format {
    /// A latency in milliseconds with two decimals, or `infeasible`.
    public static func ms(_ microseconds: Double) -> String {
        guard microseconds.isFinite else { return "infeasible" }
        let ms = microseconds / 1000
        return formatDecimal(ms, places: ms >= 100 ? 0 : (ms >= 10 ? 1 : 2)) + "ms"
    }

    /// An accuracy in [0, 1] as a percentage with one decimal.
    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return formatDecimal(value * 100, places: 1) + "%"
    }

    /// A signed value with three decimals, e.g. `+0.031`.
    public static func signed(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        return (value >= 0 ? "+" : "") + formatDecimal(value, places: 3)
    }

    /// A compact number for axis labels: `0.91`, `12.5`, `340`, `12k`.
    public static func axis(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        let a = abs(value)
        if a >= 10_000 { return formatDecimal(value / 1000, places: 0) + "k" }
        if a >= 100 { return formatDecimal(value, places: 0) }
        if a >= 10 { return formatDecimal(value, places: 1) }
        return formatDecimal(value, places: 2)
    }

    /// Right-aligns `text` in `width` columns (truncating from the left if longer).
    public static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? String(text.suffix(width)) : String(repeating: " ", count: width - text.count) + text
    }

    /// `part` as a whole percentage of `whole`, rounded half up: every pane and the header say
    /// the same share (37.5 % is 38 % everywhere).
    public static func percent(_ part: Int, of whole: Int) -> Int {
        whole > 0 ? Int((Double(part) * 100 / Double(whole)).rounded(.toNearestOrAwayFromZero)) : 0
    }

    /// Left-aligns `text` in `width` columns, truncating with `ellipsis`.
    public static func left(_ text: String, _ width: Int, ellipsis: Character = "~") -> String {
        guard width > 0 else { return "" }
        if text.count > width { return String(text.prefix(width - 1)) + String(ellipsis) }
        return text + String(repeating: " ", count: width - text.count)
    }
}

extension Format {
    /// `2026-12-08 03:14:07` for `time` (seconds since 1970) at `secondsFromGMT`; with
    /// `withDate` false only the time of day. Civil-date arithmetic, so a frame formats many
    /// times without a formatter object.
    public static func clock(_ time: Double, secondsFromGMT: Int, withDate: Bool = true) -> String {
        guard time.isFinite, abs(time) < 1e12 else { return "?" }
        let seconds = Int(time.rounded(.down)) + secondsFromGMT
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let ofDay = seconds - days * 86_400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let hms = "\(two(ofDay / 3600)):\(two(ofDay / 60 % 60)):\(two(ofDay % 60))"
        guard withDate else { return hms }
        // Days since 1970-01-01 to year, month, day (H. Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return "\(year)-\(two(month))-\(two(day)) \(hms)"
    }
}
