// swift-tools-version:6.0
//
// libFuzzer targets for every parser fnas reads user or disk input with. A package of its own,
// so the main build never sees them: each target hands its check to libFuzzer's driver, which
// exists only in builds with `-sanitize=fuzzer` (see run.sh, `make fuzz`).
import PackageDescription

let fnas: [Target.Dependency] = [
    .product(name: "FNASCore", package: "fnas"),
]

/// gold crashes linking a Swift main and libFuzzer together ("internal error in
/// format_file_lineno"); the toolchain's lld links them.
func fuzzTarget(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: "fuzz-" + name, dependencies: ["FuzzSupport"] + dependencies,
                      linkerSettings: [.unsafeFlags(["-use-ld=lld"])])
}

let package = Package(
    name: "fnas-fuzz",
    dependencies: [.package(name: "fnas", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"] + fnas),
        fuzzTarget("architecture", fnas),
        fuzzTarget("board", fnas),
        fuzzTarget("space", [.product(name: "SearchEngine", package: "fnas")] + fnas),
        fuzzTarget("layers", fnas),
        fuzzTarget("spec", fnas),
        fuzzTarget("theme", [.product(name: "ExplorerUI", package: "fnas")]),
        fuzzTarget("idx", [.product(name: "ChildTrainer", package: "fnas")] + fnas),
        fuzzTarget("cifar", [.product(name: "ChildTrainer", package: "fnas")] + fnas),
        fuzzTarget("runlog", [.product(name: "SearchEngine", package: "fnas")] + fnas),
    ]
)
