import Testing
@testable import FNASCore

/// Libraries name the setting a bad value was given for; a front end turns it into its flag.
@Suite struct SettingErrorTests {
    @Test func parsersNameTheSettingNotAFlag() {
        let cases: [(String, () throws -> Void)] = [
            ("spec", { _ = try LatencySpec(parsing: "fast") }),
            ("input", { _ = try CompactSyntax.inputShape("28by28") }),
            ("layers", { _ = try CompactSyntax.layers("5x,3x3") }),
            ("board", { _ = try BoardCatalog().board(named: "pynq-z9") }),
        ]
        for (setting, parse) in cases {
            let e = #expect(throws: InputError.self, "\(setting)") { try parse() }
            #expect(e?.setting == setting && e?.source == setting, "\(setting): \(String(describing: e))")
            #expect(e?.description.hasPrefix("\(setting): ") == true && e?.description.contains("--") == false)
        }
    }

    @Test func aConfigurationFieldBecomesItsSetting() {
        let checked = InputError(source: "fnas search", field: "training.batchSize", "must be at least 2 (got 1)")
        #expect(checked.asSetting() == InputError(setting: "training.batchSize", "must be at least 2 (got 1)"))
        #expect(checked.asSetting().description == "training.batchSize: must be at least 2 (got 1)")
    }

    @Test func anErrorInAFileStaysInTheFile() {
        let located = InputError(source: "b.json", field: "dsp", at: TextLocation(line: 3, column: 12), "must be positive")
        #expect(located.asSetting() == located)
        let whole = InputError(source: "b.json", "no such file")
        #expect(whole.asSetting() == whole, "no field: nothing to name")
        #expect(whole.setting == nil)
    }
}
