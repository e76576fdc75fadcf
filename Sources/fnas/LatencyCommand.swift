import ArgumentParser
import FNASCore
import FPGAModel
import Foundation


/// `fnas latency`: maps one architecture onto a board and prints its latency.
struct LatencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Estimate an architecture's inference latency on an FPGA board.",
        discussion: """
        Give the architecture as a file (--arch net.json) or inline (--input 28x28x1 --layers 5x6,5x16).

        Exit status: 0 the architecture fits the board; 1 bad input (file, board or flag value); \
        3 the architecture cannot be mapped onto the board (the report says why); 64 bad usage.
        """)

    @Option(help: "Architecture JSON file (format fnas-architecture).")
    var arch: String?
    @Option(help: "Input shape HxWxC, with --layers.")
    var input: String?
    @Option(help: "Conv layers KxF[sS][v], comma-separated, e.g. 5x6,5x16 or k3f32s2.")
    var layers: String?
    @Option(help: "Board name (see `fnas boards`).")
    var board: String
    @Option(name: .customLong("board-file"), help: "Board JSON file adding boards to the built-in ones.")
    var boardFile: String?
    @Option(help: "Accelerator template: pipelined, sequential or shared.")
    var template: AcceleratorTemplate = .pipelined
    @Option(help: "Design-space exploration: paper (the authors' routine) or full.")
    var dse: DesignSpaceExploration = .full
    @Option(help: "One tiling Tm,Tn,Tr,Tc for every layer (clamped per layer), instead of the search.")
    var tiling: String?
    @Option(help: "Port widths W,I,O in words per cycle, replacing the board's.")
    var ports: String?
    @Option(help: "Data width 16 or 32, replacing the board's.")
    var bits: Int?
    @Option(help: "DSP slices, replacing the board's.")
    var dsp: Int?
    @Flag(inversion: .prefixedNo, help: "Input tiles with the convolution halo (default: on for full, off for paper).")
    var halo: Bool?
    @Option(help: "Latency spec, e.g. 2ms or 800us; adds a meets/violates verdict.")
    var spec: String?
    @Flag(help: "Draw the tile schedule as a text Gantt chart, one row per layer engine.")
    var gantt = false
    @Option(name: .customLong("gantt-width"), help: "Columns of the Gantt chart.")
    var ganttWidth = 72
    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        if arch != nil && (input != nil || layers != nil) {
            throw ValidationError("give either --arch FILE or --input with --layers, not both")
        }
        if arch == nil && (input == nil || layers == nil) {
            throw ValidationError("give --arch FILE, or both --input HxWxC and --layers LIST")
        }
        if ganttWidth < 10 { throw ValidationError("--gantt-width must be at least 10 (got \(ganttWidth))") }
        // A chart is one row per layer of `width` cells: 10^8 columns ran for minutes.
        if ganttWidth > LatencyReport.maximumGanttWidth {
            throw ValidationError("--gantt-width must be at most \(LatencyReport.maximumGanttWidth) (got \(ganttWidth))")
        }
    }

    func run() throws {
        try CommandReporter("fnas latency", flags: .latency).run {
            let architecture: Architecture
            let source: String
            if let arch {
                architecture = try DescriptionFiles.readArchitecture(path: arch)
                source = arch
            } else {
                architecture = Architecture(input: try CompactSyntax.inputShape(input ?? ""),
                                            layers: try CompactSyntax.layers(layers ?? ""))
                source = "--input/--layers"
            }
            let chosen = try BoardsCommand.catalog(boardFile: boardFile).board(named: board)
            let options = ModelOptions(
                template: template, dse: dse,
                tilingOverride: try tiling.map { try Tiling(parsing: $0) },
                ports: try ports.map { try PortWidths(parsing: $0) },
                bits: bits, dsp: dsp, halo: halo)
            let latencySpec = try spec.map { try LatencySpec(parsing: $0) }
            let report = try LatencyModel(board: chosen, options: options).estimate(architecture, source: source)

            if json {
                let data = try LatencyJSON(report, spec: latencySpec).encoded()
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("\(architecture.name.map { $0 + ": " } ?? "")\(architecture)")
                print(report.table())
                print(report.summary())
                if let latencySpec { print("spec: \(report.verdict(against: latencySpec))") }
                if gantt { print(report.gantt(width: ganttWidth)) }
            }
            if !report.feasible { throw ExitCode(ExitStatus.doesNotFit) }
        }
    }
}
