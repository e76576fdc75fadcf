/// A run or experiment directory that already holds something other than what was asked for.
///
/// Typed rather than an ``InputError`` so that a front end can add its own advice (how its user
/// resumes a run or picks another directory); ``description`` is a complete sentence without it.
public struct RunDirectoryConflict: Error, Sendable, Hashable, CustomStringConvertible {
    /// What the directory holds that stops the run.
    public enum Reason: Sendable, Hashable {
        /// A run is already there; starting a new one would overwrite it.
        case holdsRun
        /// An experiment with other settings is there (`experiment.json` differs).
        case holdsOtherExperiment([SettingDifference])
        /// The directory exists and holds `foreignEntry`, which belongs to no experiment.
        case notAnExperiment(foreignEntry: String)
        /// One search's run was made with other settings.
        case runWithOtherSettings([SettingDifference])
        /// One search's run already has more episodes than the experiment asks for.
        case moreEpisodes(have: Int, wanted: Int)
    }

    /// The directory, as the user gave it.
    public var directory: String
    public var reason: Reason

    public init(directory: String, reason: Reason) {
        self.directory = directory
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .holdsRun:
            "\(directory): already holds a run; resume it or choose another run directory"
        case .holdsOtherExperiment(let differences):
            "\(directory): holds an experiment with other settings: \(SettingDifference.list(differences)); "
                + "rerun it with the same settings or choose another directory"
        case .notAnExperiment(let entry):
            "\(directory): exists and is not an experiment directory (it holds \(entry) and no experiment.json); "
                + "choose another directory"
        case .runWithOtherSettings(let differences):
            "\(directory): was run with other settings: \(SettingDifference.list(differences)); "
                + "rerun with the same settings or choose another directory"
        case let .moreEpisodes(have, wanted):
            "\(directory): already has \(have) episodes, more than the \(wanted) episodes asked for"
        }
    }
}
