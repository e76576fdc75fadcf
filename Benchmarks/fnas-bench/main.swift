import Foundation
// fnas-bench: release-mode benchmarks that print figures (architectures/s, images/s,
// ratios). Run all with `make bench`, or name suites: `swift run -c release fnas-bench latency`.
// Numbers on a shared 2-core machine are noisy; compare ratios within one run.

/// Every benchmark suite, by name. Each suite prints its own figures.
let suites: [(name: String, run: () throws -> Void)] = [
    ("latency", LatencyBench.run),
    ("engine", runEngineBenchmark),
    ("ui", UIBench.run),
    ("trainer", TrainerBench.run),
    ("search", SearchBench.run),
]

let requested = Array(CommandLine.arguments.dropFirst())
// The two halves of `make bench-trainer` that Benchmarks/trainer-vs-pytorch.py calls.
// `trainer-profile [CASE...]`: where a training step's time goes, layer by layer.
if let command = requested.first, ["trainer-cases", "trainer-child", "trainer-profile"].contains(command) {
    do {
        switch command {
        case "trainer-cases": try TrainerComparison.listCases()
        case "trainer-child": try TrainerComparison.runChild(Array(requested.dropFirst()))
        default: try TrainerProfile.run(Array(requested.dropFirst()))
        }
        exit(0)
    } catch {
        print("fnas-bench: \(command) failed: \(error)")
        exit(1)
    }
}
let unknown = requested.filter { name in !suites.contains { $0.name == name } }
if !unknown.isEmpty {
    print("fnas-bench: unknown suite(s) \(unknown.joined(separator: ", ")); known: \(suites.map(\.name).joined(separator: ", "))")
    exit(2)
}
for suite in suites where requested.isEmpty || requested.contains(suite.name) {
    print("== \(suite.name) ==")
    do { try suite.run() } catch { print("fnas-bench: \(suite.name) failed: \(error)"); exit(1) }
}
