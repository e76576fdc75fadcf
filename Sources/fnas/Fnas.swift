import ArgumentParser

@main
struct Fnas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fnas",
        abstract: "FPGA-implementation-aware neural architecture search.",
        subcommands: [LatencyCommand.self, BoardsCommand.self, TrainCommand.self, SearchCommand.self, SpacesCommand.self, ExperimentCommand.self])
}
