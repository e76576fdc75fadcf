import Foundation

/// The built `fnas` executable, for tests that run it as a user would.
enum FnasBinary {
    /// The `fnas` binary next to the test bundle (`swift build --build-tests` builds it), or $FNAS.
    static var path: String? {
        if let env = ProcessInfo.processInfo.environment["FNAS"], FileManager.default.isExecutableFile(atPath: env) { return env }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("fnas").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static let missing = "the fnas binary was not found next to the tests; build it with `swift build --build-tests` or set FNAS"

    /// What one run printed and how it ended.
    struct Outcome {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `fnas arguments` in `directory` to its end (killed after `timeout` seconds).
    static func run(_ binary: String, _ arguments: [String], in directory: String? = nil, timeout: Double = 120) throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read while it runs, so a full pipe cannot block it.
        let outData = Reader(out.fileHandleForReading), errData = Reader(err.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate(); kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, standardOutput: outData.text(), standardError: errData.text())
    }

    /// Collects a pipe's bytes on a background thread.
    private final class Reader: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }.start()
        }

        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}
