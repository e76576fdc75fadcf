import ArgumentParser
import FNASCore
import Foundation
import SearchEngine

/// The exit statuses of every `fnas` command (the README's "Exit status" table lists them).
enum ExitStatus {
    /// Bad input (a flag value, a file, a run directory), no terminal for the explorer, or a
    /// search that failed.
    static let failure: Int32 = 1
    /// `fnas latency`: the architecture cannot be mapped onto the board.
    static let doesNotFit: Int32 = 3
    /// Quit at once by a second Ctrl-C (128 + SIGINT); the run directory stays resumable.
    static let interrupted: Int32 = 130
    // 64 (bad usage) comes from ArgumentParser's own validation.
}

/// How a command talks to its user outside its normal output: `fnas <command>: <text>` notes,
/// and one `fnas <command>: error: <what is wrong>` line with exit status 1 for any failure.
///
/// Every subcommand runs its body through ``run(_:)``, so every error type (bad input, a taken
/// run directory, a run in use, a missing terminal, a failed search) prints the same way.
struct CommandReporter: Sendable {
    /// `fnas search`, `fnas train`, ...: the prefix of every line.
    let command: String
    /// How settings named by the libraries appear to this command's user.
    let flags: FlagNames

    init(_ command: String, flags: FlagNames = .none) {
        self.command = command
        self.flags = flags
    }

    /// Runs `body`; an error becomes one line on stderr and exit status 1. Exit codes and
    /// ArgumentParser's own errors (usage, help) pass through unchanged.
    func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            self.error(error)
            throw ExitCode(ExitStatus.failure)
        }
    }

    /// Prints `fnas <command>: error: <message>`.
    func error(_ error: any Error) {
        write("error: \(message(for: error))")
    }

    /// Prints `fnas <command>: <text>` on stderr (remarks, warnings, what is happening).
    func note(_ text: String) {
        write(text)
    }

    /// The one sentence that says what went wrong, with settings named by this command's flags.
    func message(for error: any Error) -> String {
        switch error {
        case let e as InputError:
            guard let setting = e.setting else { return e.description }
            var named = e
            named.source = flags.name(setting)
            return named.description
        case let e as RunDirectoryConflict:
            return describe(e)
        default:
            return "\(error)"
        }
    }

    /// A run-directory conflict with the advice worded in this command's flags.
    func describe(_ conflict: RunDirectoryConflict) -> String {
        let dir = conflict.directory
        let differences = { (d: [SettingDifference]) in SettingDifference.list(d, naming: flags.name) }
        switch conflict.reason {
        case .holdsRun:
            return "\(dir): already holds a run; continue it with --resume \(dir) or choose another --out"
        case .holdsOtherExperiment(let d):
            return "\(dir): holds an experiment with other settings: \(differences(d)); "
                + "rerun it with the same settings (or --resume \(dir)) or choose another --out"
        case .notAnExperiment(let entry):
            return "\(dir): exists and is not an experiment directory (it holds \(entry) and no experiment.json); choose another --out"
        case .runWithOtherSettings(let d):
            return "\(dir): was run with other settings: \(differences(d)); rerun with the same settings or choose another --out"
        case let .moreEpisodes(have, wanted):
            return "\(dir): already has \(have) episodes, more than --episodes \(wanted)"
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data("\(command): \(text)\n".utf8))
    }
}
