import FNASCore
import FNASTestSupport
import Foundation
import Testing
@testable import SearchEngine

#if canImport(Glibc)
import Glibc
#endif

/// kill -9 at 30 seeded random moments of a real headless search and of its resumes, resuming
/// after each: no finished child is lost, changed or duplicated, every state on disk replays, and
/// once the run completes no `.tmp` file is left.
@Suite("Crash consistency under kill -9", .serialized)
struct CrashConsistencyTests {
    /// Where a kill lands, relative to the process it ends.
    enum Moment: CaseIterable {
        /// 0-400 ms after launch: loading the dataset, reading and checking the run, resuming.
        case starting
        /// As soon as a new trial line is in events.jsonl (polled every 0.5 ms): inside the
        /// checkpoint, trials.csv and best.json writes that follow it.
        case afterCommit
        /// 0-300 ms after a new trial line: estimating or training the next child.
        case working
        /// While checkpoint.json.tmp exists (stat in a busy loop): between the write of the new
        /// checkpoint and its rename. The window is short, so some of these land just after it.
        case checkpointWrite
    }

    /// Spins until checkpoint.json.tmp exists, `process` ends, or a second new trial line shows
    /// that the window was missed twice.
    static func waitForCheckpointWrite(_ dir: String, trials: Int, while process: Process) {
        let temp = RunFiles.path(dir, RunFiles.checkpoint + ".tmp")
        let deadline = Date().addingTimeInterval(60)
        var info = stat(), polls = 0
        while process.isRunning && Date() < deadline {
            if stat(temp, &info) == 0 { return }
            polls += 1
            if polls % 2000 == 0 && trialLines(dir) > max(trials, 0) + 1 { return }
        }
    }

    /// Trial lines in events.jsonl (complete or torn), -1 without the file.
    static func trialLines(_ dir: String) -> Int {
        guard let data = FileManager.default.contents(atPath: RunFiles.path(dir, RunFiles.events)) else { return -1 }
        return String(decoding: data, as: UTF8.self).components(separatedBy: #""type":"trial""#).count - 1
    }

    /// Waits until events.jsonl has more than `count` trial lines or `process` ends; false at the deadline.
    static func waitForTrial(_ dir: String, beyond count: Int, while process: Process, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if trialLines(dir) > count || !process.isRunning { return true }
            usleep(500)
        }
        return false
    }

    @Test func thirtyKillsLoseNoChildAndLeaveTheRunResumable() throws {
        let binary = try #require(FnasBinary.path, Comment(rawValue: FnasBinary.missing))
        let dir = temporaryDirectory("crash")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // More episodes than 30 kills can get through, so every kill lands in a live process.
        let fresh = ["search", "--headless", "--space", "embedded", "--board", "pynq-z1", "--spec", "0.3ms",
                     "--episodes", "400", "--epochs", "1", "--train-limit", "128", "--batch", "32", "--threads", "1",
                     "--seed", "7", "--out", dir]
        var rng = SeededGenerator(seed: 2026)
        var committed: [Trial] = []
        var moments: [Moment: Int] = [:]
        var insideAtomicWrite = 0   // kills that left a `.tmp`: they landed inside a checkpoint (or other) write
        for kill in 1...30 {
            let started = FileManager.default.fileExists(atPath: RunFiles.path(dir, RunFiles.events))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = started ? ["search", "--headless", "--resume", dir] : fresh
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let trials = Self.trialLines(dir)
            try process.run()
            let moment = Moment.allCases.randomElement(using: &rng) ?? .starting
            switch moment {
            case .starting:
                usleep(UInt32.random(in: 0...400_000, using: &rng))
            case .afterCommit:
                try #require(Self.waitForTrial(dir, beyond: max(trials, 0), while: process), "kill \(kill): no new trial in 60 s")
            case .checkpointWrite:
                Self.waitForCheckpointWrite(dir, trials: trials, while: process)
            case .working:
                try #require(Self.waitForTrial(dir, beyond: max(trials, 0), while: process), "kill \(kill): no new trial in 60 s")
                usleep(UInt32.random(in: 0...300_000, using: &rng))
            }
            try #require(process.isRunning, "kill \(kill): the search ended (status \(process.terminationStatus)) before its kill")
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            moments[moment, default: 0] += 1

            guard FileManager.default.fileExists(atPath: RunFiles.path(dir, RunFiles.events)) else {
                #expect(committed.isEmpty, "kill \(kill): events.jsonl vanished after \(committed.count) trials")
                continue   // killed before the run existed: the next launch starts it afresh
            }
            if try FileManager.default.contentsOfDirectory(atPath: dir).contains(where: { $0.hasSuffix(".tmp") }) {
                insideAtomicWrite += 1
            }
            let log = try RunLog.load(dir)
            #expect(log.trials.map(\.episode) == Array(0..<log.trials.count).map { $0 + 1 },
                    "kill \(kill) (\(moment)): episodes are not 1...N")
            #expect(log.trials.count >= committed.count && Array(log.trials.prefix(committed.count)) == committed,
                    "kill \(kill) (\(moment)): a finished child was lost or changed (\(committed.count) -> \(log.trials.count))")
            #expect(log.replayLines.count >= log.trials.count, "kill \(kill): the replay does not read every trial")
            #expect(log.snapshot().trials.count == log.trials.count)
            if let checkpoint = log.checkpoint {
                #expect(checkpoint.episode <= log.trials.count, "kill \(kill): the checkpoint is ahead of the log")
            }
            committed = log.trials
        }
        #expect(moments.count == Moment.allCases.count, "the seeded kills cover every moment: \(moments)")
        print("crash consistency: kills per moment \(moments.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")); \(insideAtomicWrite) left a .tmp (inside an atomic write); \(committed.count) trials")
        #expect(committed.count >= 5, "30 kills should still let the search move on (\(committed.count) trials)")

        // Finished: resume to two episodes past the last kill and look at what is left.
        let total = committed.count + 2
        let last = try FnasBinary.run(binary, ["search", "--headless", "--resume", dir, "--episodes", "\(total)"])
        #expect(last.status == 0, "the final resume failed: \(last.standardError)")
        let log = try RunLog.load(dir)
        #expect(log.trials.map(\.episode) == Array(1...total))
        #expect(Array(log.trials.prefix(committed.count)) == committed)
        #expect(log.checkpoint?.episode == total)
        #expect(log.warnings.isEmpty, "a completed run reads without warnings: \(log.warnings)")
        let stray = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".tmp") }
        #expect(stray.isEmpty, "stray files after the run completed: \(stray)")
        let csv = try String(contentsOfFile: RunFiles.path(dir, RunFiles.trials), encoding: .utf8)
        #expect(csv.split(separator: "\n").count == total + 1, "trials.csv holds every trial once")
    }
}
