import FNASCore

/// Text formatting shared by the panes (no Foundation formatters: output is stable in tests).
public enum Format {
    /// `45.2s`, `12m03s`, `2h05m`.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "-" }
        if seconds < 60 { return formatDecimal(seconds, places: 1) + "s" }
        // Beyond a century the hours do not fit the header anyway; a corrupt log can say 1e300 s.
        if seconds >= 3_600_000_000 { return ">1e6h" }
        let total = Int(seconds.rounded())
        if total < 3600 { return "\(total / 60)m" + pad2(total % 60) + "s" }
        return "\(total / 3600)h" + pad2((total % 3600) / 60) + "m"
    }

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

    /// Left-aligns `text` in `width` columns, truncating with `ellipsis`.
    public static func left(_ text: String, _ width: Int, ellipsis: Character = "~") -> String {
        guard width > 0 else { return "" }
        if text.count > width { return String(text.prefix(width - 1)) + String(ellipsis) }
        return text + String(repeating: " ", count: width - text.count)
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
