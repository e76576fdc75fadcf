import ArgumentParser
import FPGAModel

// The model's option enums as command-line values (`--template shared`, `--dse paper`), declared
// once here for every subcommand that takes them.
extension AcceleratorTemplate: ExpressibleByArgument {}
extension DesignSpaceExploration: ExpressibleByArgument {}
