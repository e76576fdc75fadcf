import FNASCore
import Foundation
import FuzzSupport
import SearchEngine

/// A run directory as `--resume` and `fnas replay` read it: events.jsonl, then (after a NUL
/// byte, when there is one) checkpoint.json, with the config.json of a real run. A log reads
/// into trials numbered 1...N in order, or is refused with an InputError naming a run file.
// Read once: the config file is not what this target fuzzes (fuzz-space and the
// description-file targets cover its parts), and decoding it per input would halve the rate.
let configuration: SearchConfiguration = {
    do {
        return try RunLog.decode(directory: "run", configuration: Data(runConfigurationJSON.utf8), events: nil, checkpoint: nil).configuration
    } catch {
        Fuzz.fail("the embedded config.json does not read: \(error)")
    }
}()

Fuzz.run { input in
    let bytes = Data(input)
    // memchr, not firstIndex(of:): a generic scan of Data checks exclusive access per byte,
    // which cost more than the decoding under AddressSanitizer.
    let split = input.withUnsafeBytes { raw in
        raw.baseAddress.flatMap { memchr($0, 0, raw.count) }.map { UnsafeRawPointer($0) - raw.baseAddress! }
    }
    let events = split.map { bytes[bytes.startIndex..<$0] } ?? bytes
    let checkpoint = split.map { bytes[bytes.index(after: $0)...] }
    guard let log = Fuzz.expectInputError(source: "run", {
        // Slices of one copy, with indices that do not start at 0, as a caller's data may.
        try RunLog.decode(directory: "run", configuration: configuration, events: events, checkpoint: checkpoint)
    }) else { return }
    for (i, trial) in log.trials.enumerated() where trial.episode != i + 1 {
        Fuzz.fail("trial \(i) has episode \(trial.episode)")
    }
    if log.validLength > events.count { Fuzz.fail("valid length \(log.validLength) beyond \(events.count) bytes") }
    _ = log.replayLines
    _ = log.snapshot()
}
