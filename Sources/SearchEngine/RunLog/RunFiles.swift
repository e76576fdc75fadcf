import FNASCore
import Foundation

// The files of a run directory `runs/<name>/`:
//   config.json      the full SearchConfiguration (written once)
//   events.jsonl     append-only JSON lines (`LogLine`); a trial's line is fsync'ed before
//                    the next episode starts
//   checkpoint.json  controller weights + optimiser state + baseline + spec + RNG, after each episode
//   trials.csv       every trial, one row each (rewritten atomically)
//   best.json        the best child meeting the spec, with its per-layer tiling (atomic)
//   run.lock         flock'ed by the one process writing the run; holds its pid (RunLock)

/// File names inside a run directory.
public enum RunFiles {
    public static let configuration = "config.json"
    public static let events = "events.jsonl"
    public static let checkpoint = "checkpoint.json"
    public static let trials = "trials.csv"
    public static let best = "best.json"
    public static let lock = "run.lock"

    static func path(_ directory: String, _ file: String) -> String {
        (directory as NSString).appendingPathComponent(file)
    }

    static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        // Infinity appears in no field we write, but a NaN loss must not abort the run.
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    /// Reads events.jsonl and checkpoint.json: the same values as ``decoder()``, without the
    /// dictionary per object that made reading a long run back slow.
    static let reader = JSONReader(nonConformingFloats: JSONReader.NonConformingFloats(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan"))

    static func decoder() -> JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}
