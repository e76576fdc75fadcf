/// Another process is writing the run directory (it holds the run's lock).
public struct RunInUseError: Error, Sendable, Hashable, CustomStringConvertible {
    public var directory: String
    /// The holder's process id, as it wrote it into the lock file (nil if it had not yet).
    public var pid: Int32?

    public init(directory: String, pid: Int32?) {
        self.directory = directory
        self.pid = pid
    }

    public var description: String {
        "run \(directory) is in use by \(pid.map { "pid \($0)" } ?? "another process"); wait for it to end or stop it first"
    }
}
