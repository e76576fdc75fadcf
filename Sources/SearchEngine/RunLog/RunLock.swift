import FNASCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lock that makes one process at a time the writer of a run directory: an advisory
/// `flock` on `run.lock` inside it, holding the writer's pid as text.
///
/// The kernel drops the lock when its descriptor closes, however the process ends (kill -9
/// included), so a lock file left by a dead process never blocks; only its pid text stays. The
/// file is never removed while in use: a process that unlinked it could let two others lock
/// two different files of one name. ``abandon()`` (a refused resume) undoes its own changes.
///
/// Not thread-safe; owned by the writer of the run.
final class RunLock {
    let path: String
    private var fd: Int32
    /// The lock file's bytes before this process locked it; nil when this process created it.
    private let previous: Data?

    /// Locks `directory` (which must exist) for this process.
    ///
    /// - Throws: ``RunInUseError`` when another process (or another writer in this one) holds
    ///   it; ``RunFileError`` when the lock file cannot be created or read.
    init(directory: String) throws {
        path = RunFiles.path(directory, RunFiles.lock)
        (fd, previous) = try Self.lock(path, directory: directory)
        let text = Data("\(getpid())\n".utf8)
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else {
            close(fd)
            throw RunFileError(path: path, operation: "write")
        }
        do { try AtomicFile.writeAll(fd, text, path: path) } catch {
            close(fd)
            throw error
        }
    }

    /// The locked descriptor of the file at `path`, and its bytes before (nil: created here).
    private static func lock(_ path: String, directory: String) throws -> (Int32, Data?) {
        while true {
            // Open an existing file, else create it exclusively, so the caller knows which it was.
            var created = false
            var descriptor = open(path, O_RDWR | O_CLOEXEC)
            if descriptor < 0 && errno == ENOENT {
                descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                if descriptor < 0 && errno == EEXIST { continue }   // another process created it first
                created = true
            }
            guard descriptor >= 0 else { throw RunFileError(path: path, operation: "open") }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let busy = errno == EWOULDBLOCK
                let holder = pid(in: contents(descriptor))
                close(descriptor)
                if busy { throw RunInUseError(directory: directory, pid: holder) }
                throw RunFileError(path: path, operation: "lock")
            }
            // A process abandoning a lock file it created unlinks it: if that happened between
            // our open and our flock, we hold a lock on a file no longer at `path`. Start again.
            var held = stat(), named = stat()
            guard fstat(descriptor, &held) == 0, stat(path, &named) == 0,
                  held.st_ino == named.st_ino, held.st_dev == named.st_dev else {
                close(descriptor)
                continue
            }
            return (descriptor, created ? nil : contents(descriptor))
        }
    }

    /// Releases the lock and puts the lock file back as it was before ``init(directory:)``:
    /// removed if this process created it, else its old bytes (a refused resume changes no byte).
    func abandon() {
        guard fd >= 0 else { return }
        if let previous {
            if ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 { try? AtomicFile.writeAll(fd, previous, path: path) }
        } else {
            unlink(path)
        }
        close(fd)
        fd = -1
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// The whole file behind `fd`, read from its start.
    private static func contents(_ fd: Int32) -> Data {
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: 256)
        var offset: off_t = 0
        while true {
            let n = pread(fd, &buffer, buffer.count, offset)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return out }
            out.append(contentsOf: buffer[..<n])
            offset += off_t(n)
        }
    }

    /// The pid written in a lock file, if it holds one.
    private static func pid(in data: Data) -> Int32? {
        Int32(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
