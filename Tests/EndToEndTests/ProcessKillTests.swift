import FNASCore
import FNASTestSupport
import Foundation
import Testing
@testable import SearchEngine

#if canImport(Glibc)
import Glibc
#endif

/// Kills a real headless `fnas search` (the built binary) with SIGKILL in the middle of the run,
/// resumes it, and checks that the trials are episodes 1...N with no gap or duplicate.
@Suite("Killed search process", .serialized)
struct ProcessKillTests {
    func launch(_ binary: String, _ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    func committedTrials(_ dir: String) -> Int {
        guard let text = try? String(contentsOfFile: RunFiles.path(dir, RunFiles.events), encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { $0.contains(#""type":"trial""#) }.count
    }

    @Test func killedSearchResumesWithEpisodesOneToNWithoutGapOrDuplicate() throws {
        guard let binary = FnasBinary.path else {
            Issue.record(Comment(rawValue: FnasBinary.missing))
            return
        }
        let dir = temporaryDirectory("kill")
        let args = ["search", "--headless", "--space", "embedded", "--board", "pynq-z1", "--spec", "0.3ms",
                    "--episodes", "20", "--epochs", "1", "--train-limit", "256", "--batch", "64", "--threads", "1",
                    "--seed", "5", "--out", dir]
        let first = try launch(binary, args)
        let deadline = Date().addingTimeInterval(300)
        while committedTrials(dir) < 4 && first.isRunning && Date() < deadline { usleep(20_000) }
        #expect(first.isRunning, "the search should still be running when it is killed")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        let before = try RunLog.load(dir)
        #expect(before.trials.count >= 4 && before.trials.count < 20)

        let second = try launch(binary, ["search", "--headless", "--resume", dir])
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        let after = try RunLog.load(dir)
        #expect(after.trials.map(\.episode) == Array(1...20))
        #expect(Array(after.trials.prefix(before.trials.count)) == before.trials, "no committed trial changed")
        #expect(after.checkpoint?.episode == 20)
    }
}
