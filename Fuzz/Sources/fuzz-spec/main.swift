import FNASCore
import FuzzSupport

/// Latency specs (`--spec`, the explorer's spec prompt, `--specs`): parsed; a parsed spec is
/// finite, at least the smallest spec, and its printed form parses again.
Fuzz.run { input in
    let text = Fuzz.text(input)
    guard let spec = Fuzz.expectInputError(source: "spec", { try LatencySpec(parsing: text) }) else { return }
    if !spec.microseconds.isFinite || spec.microseconds < LatencySpec.smallestMicroseconds {
        Fuzz.fail("\"\(text)\" parsed to an impossible spec \(spec.microseconds) us")
    }
    if Fuzz.expectInputError(source: "spec", { try LatencySpec(parsing: spec.description) }) == nil {
        Fuzz.fail("\"\(text)\" parsed to \(spec), whose printed form does not parse")
    }
}
