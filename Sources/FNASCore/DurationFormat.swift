/// Formats a duration the way fnas prints every duration: `45.2s`, `12m03s`, `2h05m`.
///
/// Under a minute: seconds with one decimal. Under an hour: whole minutes and two-digit
/// seconds. From an hour on: whole hours and two-digit minutes. The value is rounded before the
/// unit is chosen, so 59.96 seconds reads `1m00s` rather than `60.0s`.
///
/// Durations can come from a run log on resume, so any value is accepted: a negative or
/// non-finite one prints as `-`, and one past a million hours as `>1e6h` (a corrupt 1e300 must
/// not trap converting to `Int`).
///
/// - Parameter seconds: the duration in seconds.
/// - Returns: the compact text, at most 10 characters for any input.
public func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "-" }
    if seconds >= 3_600_000_000 { return ">1e6h" }
    let tenths = (seconds * 10).rounded()
    if tenths < 600 { return formatDecimal(tenths / 10, places: 1) + "s" }
    let total = Int(seconds.rounded())
    func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    if total < 3600 { return "\(total / 60)m" + twoDigits(total % 60) + "s" }
    return "\(total / 3600)h" + twoDigits((total % 3600) / 60) + "m"
}
