import Testing
@testable import FNASCore

/// Every duration fnas prints (headless summary, explorer header, experiment report) comes
/// from `formatDuration`, so these are the only expected forms.
@Suite struct DurationFormatTests {
    @Test func zeroSecondsKeepsOneDecimal() {
        #expect(formatDuration(0) == "0.0s")
    }

    @Test func underAMinuteIsSecondsWithOneDecimal() {
        #expect(formatDuration(59) == "59.0s")
        #expect(formatDuration(45.24) == "45.2s")
    }

    /// 59.96 s rounds to a minute: it must not print as `60.0s`.
    @Test func aMinuteSwitchesToMinutesAndTwoDigitSeconds() {
        #expect(formatDuration(60) == "1m00s")
        #expect(formatDuration(59.96) == "1m00s")
        #expect(formatDuration(723) == "12m03s")
        #expect(formatDuration(3599.4) == "59m59s")
    }

    @Test func anHourSwitchesToHoursAndTwoDigitMinutes() {
        #expect(formatDuration(3600) == "1h00m")
        #expect(formatDuration(3599.6) == "1h00m")
        #expect(formatDuration(7500) == "2h05m")
    }

    /// Saved time is mean training seconds (from the log on resume) x pruned count; a corrupt
    /// 1e300 trapped converting to Int.
    @Test func corruptValuesNeverTrap() {
        #expect(formatDuration(1e300) == ">1e6h")
        #expect(formatDuration(.nan) == "-")
        #expect(formatDuration(-.infinity) == "-")
        #expect(formatDuration(-3) == "-")
    }
}
