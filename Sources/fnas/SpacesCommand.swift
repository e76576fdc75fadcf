import ArgumentParser
import FNASCore
import Foundation
import SearchEngine

/// `fnas spaces`: lists the search spaces (built-in, or user files) with their size.
struct SpacesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spaces",
        abstract: "List the search spaces: layers, choices per layer, number of architectures.",
        discussion: """
        Built-in: embedded (default), fnas-mnist, fnas-cifar, fnas-cifar-10, fnas-cifar-14.
        A user space is a JSON file passed to `fnas search --space FILE.json`:
          {"format": "fnas-space", "version": 1, "name": "mine",
           "input": {"height": 28, "width": 28, "channels": 1}, "layers": 3,
           "kernels": [3, 5], "filters": [8, 16], "strides": [1, 2],
           "padding": "same", "classes": 10, "dataset": "fashion-mnist-subset"}
        strides, padding, classes and dataset are optional (1, same, 10, fashion-mnist-subset).
        Exit status: 0 ok; 1 a file is malformed (the message names the file and field).
        """)

    @Argument(help: "Space JSON files to check and list after the built-in spaces.")
    var files: [String] = []

    func run() throws {
        try CommandReporter("fnas spaces").run {
            let user = try files.map { try SearchSpace.read(path: $0) }
            for line in SearchSpace.table(SearchSpace.presets + user) { print(line) }
        }
    }
}
