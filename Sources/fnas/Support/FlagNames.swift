/// The one place where library setting names (configuration field paths such as `spec` or
/// `training.batchSize`, as ``InputError/setting`` and ``SettingDifference`` carry them) become
/// the command-line flags that set them.
///
/// Libraries never speak in flags; each command reports with the table of its own flags, since
/// one setting can have a different flag per command (`fnas train --lr` sets the trainer's
/// `learningRate`, `fnas search --controller-lr` the controller's).
struct FlagNames: Sendable {
    private let table: [String: String]

    init(_ table: [String: String]) { self.table = table }

    /// The flag that sets `setting`, or the setting's own name when this command has no flag for it.
    func name(_ setting: String) -> String { table[setting] ?? setting }

    /// This table with more entries (a command's own flags on top of shared ones).
    func adding(_ more: [String: String]) -> FlagNames {
        FlagNames(table.merging(more) { _, new in new })
    }

    /// No flags: messages name settings as the libraries do.
    static let none = FlagNames([:])

    /// The flags of the search settings shared by `fnas`, `fnas explore`, `fnas search` and
    /// `fnas experiment` (``SearchSettingsOptions`` and ``SearchOptions``).
    static let search = FlagNames([
        "spec": "--spec", "episodes": "--episodes", "strategy": "--strategy", "out": "--out", "resume": "--resume",
        "board": "--board", "space": "--space", "seed": "--seed", "epochs": "--epochs", "reward": "--reward",
        "exploration": "--exploration", "temperature": "--temperature", "learningRate": "--controller-lr",
        "greedy": "--greedy", "reuseDuplicates": "--no-reuse",
        "evolution.population": "--population", "evolution.sampleSize": "--tournament",
        "latency.template": "--template", "latency.dse": "--dse",
        "training.dataset": "--dataset", "training.batchSize": "--batch", "training.learningRate": "--lr",
        "training.trainLimit": "--train-limit", "training.threads": "--threads",
    ])

    /// `fnas experiment`: the search flags plus the experiment's own.
    static let experiment = search.adding(["specs": "--specs", "repeats": "--repeats", "strategies": "--strategies"])

    /// `fnas latency` (and `fnas boards`).
    static let latency = FlagNames([
        "input": "--input", "layers": "--layers", "board": "--board", "tiling": "--tiling", "ports": "--ports",
        "spec": "--spec", "latency.template": "--template", "latency.dse": "--dse",
    ])

    /// `fnas train`: the trainer's ``TrainingOptions`` fields and the command's data flags.
    static let train = FlagNames([
        "input": "--input", "layers": "--layers", "epochs": "--epochs", "batchSize": "--batch",
        "learningRate": "--lr", "weightDecay": "--weight-decay", "seed": "--seed",
        "threads": "--threads", "validationFraction": "--validation", "trainLimit": "--train-limit",
        "dataset": "--dataset", "optimizer": "--optimizer",
    ])
}
