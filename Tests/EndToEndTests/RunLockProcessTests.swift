import FNASCore
import FNASTestSupport
import Foundation
import Testing
@testable import SearchEngine

#if canImport(Glibc)
import Glibc
#endif

/// The run lock held by a real `fnas` process.
@Suite("Run directory lock, across processes", .serialized)
struct RunLockProcessTests {
    /// A real `fnas search` holds the lock; this process and a second `fnas` are refused with its
    /// pid; once it is killed with SIGKILL (no chance to clean up), the run resumes.
    @Test func aRunningFnasHoldsTheLockUntilItDies() throws {
        let binary = try #require(FnasBinary.path, Comment(rawValue: FnasBinary.missing))
        let dir = temporaryDirectory("lock-process")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: binary)
        child.arguments = ["search", "--headless", "--space", "embedded", "--board", "pynq-z1", "--spec", "0.3ms",
                           "--episodes", "500", "--epochs", "1", "--train-limit", "256", "--threads", "1",
                           "--seed", "3", "--out", dir]
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL); child.waitUntilExit() } }
        let pid = child.processIdentifier
        let deadline = Date().addingTimeInterval(120)
        while child.isRunning && Date() < deadline
            && !(RunLockTests.lockText(dir) == "\(pid)" && (try? RunLog.load(dir))?.trials.isEmpty == false) {
            usleep(20_000)
        }
        try #require(child.isRunning && RunLockTests.lockText(dir) == "\(pid)", "the child did not start its run within 120 s")

        #expect(throws: RunInUseError(directory: dir, pid: pid)) { _ = try RunLock(directory: dir) }
        let second = try FnasBinary.run(binary, ["search", "--headless", "--resume", dir, "--episodes", "600"])
        #expect(second.status == 1)
        #expect(second.standardError == "fnas search: error: \(RunInUseError(directory: dir, pid: pid))\n")

        kill(pid, SIGKILL)
        child.waitUntilExit()
        #expect(RunLockTests.lockText(dir) == "\(pid)", "a killed process leaves its lock file behind")
        let lock = try RunLock(directory: dir)
        #expect(RunLockTests.lockText(dir) == "\(getpid())", "the dead holder's lock file does not block the next writer")
        lock.abandon()
    }
}

enum RunLockTests {
    static func lockText(_ dir: String) -> String? {
        (try? String(contentsOfFile: RunFiles.path(dir, RunFiles.lock), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
