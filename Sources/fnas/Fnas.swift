import ArgumentParser

@main
struct Fnas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fnas",
        abstract: "FPGA-implementation-aware neural architecture search.",
        discussion: "With no subcommand, fnas opens the live explorer on a search (see `fnas explore --help`).",
        subcommands: [LatencyCommand.self, BoardsCommand.self, TrainCommand.self, SearchCommand.self, SpacesCommand.self,
                      ExploreCommand.self, ReplayCommand.self, ExperimentCommand.self, TrainChildCommand.self],
        defaultSubcommand: ExploreCommand.self)
}
