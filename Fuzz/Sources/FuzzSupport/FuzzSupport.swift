import CLibFuzzer
import FNASCore
import Foundation

/// What every fuzz target checks besides "no crash": a parser either returns a value that
/// holds its invariants, or throws the error type users see, naming where the problem is.
/// A broken invariant ends the run with a message, which libFuzzer reports as a crash.
public enum Fuzz {
    /// Runs libFuzzer with the process's arguments, calling `check` with every input; does not
    /// return.
    public static func run(_ check: @escaping ([UInt8]) -> Void) -> Never {
        current = check
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            Fuzz.current?(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
            return 0
        })
    }

    // The one check of this process: libFuzzer's callback is a C function and cannot capture it.
    nonisolated(unsafe) private static var current: (([UInt8]) -> Void)?

    /// The input as text, decoded as UTF-8 with invalid bytes replaced (as a file read would be).
    public static func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Fails the run: `what` broke an invariant.
    public static func fail(_ what: String) -> Never {
        FileHandle.standardError.write(Data("fuzz invariant broken: \(what)\n".utf8))
        abort()
    }

    /// Checks that `body` succeeds or throws an ``InputError`` that names `source` (or, for
    /// values given as settings, the setting) and says what is wrong.
    public static func expectInputError<T>(source: String, _ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let e as InputError {
            if e.message.isEmpty { fail("an InputError without a message: \(e)") }
            if e.setting == nil && !e.source.hasPrefix(source) { fail("an InputError about \(e.source), not \(source): \(e)") }
            return nil
        } catch {
            fail("\(type(of: error)) instead of an InputError: \(error)")
        }
    }
}
