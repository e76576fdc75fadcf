import Testing
@testable import FNASCore

/// Formatting must never trap, whatever magnitude a file or flag smuggles in.
@Suite struct FormattingTests {
    @Test func ordinaryValuesKeepFixedPlaces() {
        #expect(formatDecimal(0.8, places: 3) == "0.800")
        #expect(formatDecimal(-2.25, places: 1) == "-2.3")
        #expect(formatDecimal(100, places: 0) == "100")
        #expect(LatencySpec.formatMilliseconds(250.4) == "250ms")
    }

    /// A 1e308 MHz clock in a board file (`fnas boards --board-file`) and a `--spec 1e300ms`
    /// used to trap converting the scaled value to Int.
    @Test func hugeMagnitudesFallBackToExponentForm() throws {
        #expect(formatDecimal(1e308, places: 1) == "1e+308")
        #expect(formatDecimal(-1e300, places: 3) == "-1e+300")
        #expect(formatDecimal(9.3e18, places: 0) == "9.3e+18")
        #expect(LatencySpec.formatMilliseconds(1e300) == "1e+300ms")
        #expect(formatDecimal(12345.678, places: 2) == "12345.68")
    }

    /// 1e305 s overflows to infinity in microseconds (it once said "must be positive"), and 1e9 s
    /// was accepted: both name the largest spec.
    @Test func aSpecAboveAMinuteIsRefused() throws {
        for text in ["1e305s", "1e9s", "60001ms", "1e300ms"] {
            #expect(throws: InputError(setting: "spec", "\"\(text)\" is above the largest latency spec, 60s (a minute per image is beyond every board)")) {
                try LatencySpec(parsing: text)
            }
        }
        #expect(try LatencySpec(parsing: "60s").microseconds == 60_000_000)
        #expect(throws: InputError(setting: "spec", "a latency spec must be positive, got \"1e-330ms\"")) {
            try LatencySpec(parsing: "1e-330ms")
        }
    }
}
