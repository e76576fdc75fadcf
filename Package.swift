// swift-tools-version:6.0
//
// fnas: FPGA-implementation-aware neural architecture search (Jiang et al., DAC 2019)
// with a live terminal explorer. The target list mirrors the architecture: C shims,
// domain engines that know nothing of terminals, a pure UI, a thin curses backend,
// and an executable that only parses arguments and wires things together.
import PackageDescription

/// `-Ounchecked` is not used: bounds checks stay on. `-target-cpu` is not portable, so the
/// trainer relies on OpenBLAS for the heavy arithmetic instead of hand-written SIMD.
let package = Package(
    name: "fnas",
    products: [
        .executable(name: "fnas", targets: ["fnas"]),
        .executable(name: "fnas-bench", targets: ["fnas-bench"]),
        .library(name: "FNASCore", targets: ["FNASCore"]),
        .library(name: "FPGAModel", targets: ["FPGAModel"]),
        .library(name: "ChildTrainer", targets: ["ChildTrainer"]),
        .library(name: "SearchEngine", targets: ["SearchEngine"]),
        .library(name: "SearchServices", targets: ["SearchServices"]),
        .library(name: "ExplorerUI", targets: ["ExplorerUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // MARK: - C shims
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CBLAS",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(
            name: "CFFTW",
            providers: [.apt(["libfftw3-dev"])]
        ),

        // MARK: - Domain engines (no terminal code)
        .target(name: "FNASCore"),
        .target(name: "FPGAModel", dependencies: ["FNASCore"]),
        .target(
            name: "ChildTrainer",
            dependencies: ["FNASCore", "CBLAS", "CZlib", "CMalloc", "CFFTW"],
            resources: [.copy("Resources/fashion-mnist-subset")]
        ),
        // The engine drives its latency model and trainer through protocols, so neither it nor
        // the UI above it links the trainer (or OpenBLAS and zlib); SearchServices wires the real ones.
        .target(name: "SearchEngine", dependencies: ["FNASCore", "FPGAModel"]),
        .target(name: "SearchServices", dependencies: ["FNASCore", "FPGAModel", "ChildTrainer", "SearchEngine"]),

        // MARK: - User interface
        .target(name: "ExplorerUI", dependencies: ["FNASCore", "FPGAModel", "SearchEngine"]),
        .target(name: "CursesBackend", dependencies: ["ExplorerUI", "SearchEngine", "CNcursesw"]),

        // MARK: - Executables
        .executableTarget(
            name: "fnas",
            dependencies: [
                "FNASCore", "FPGAModel", "ChildTrainer", "SearchEngine", "SearchServices", "ExplorerUI", "CursesBackend",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "fnas-bench",
            dependencies: ["FNASCore", "FPGAModel", "ChildTrainer", "SearchEngine", "SearchServices", "ExplorerUI"],
            path: "Benchmarks/fnas-bench"
        ),

        // MARK: - Tests
        // Helpers shared by the test targets (no product; only tests depend on it).
        .target(name: "FNASTestSupport", path: "Tests/FNASTestSupport"),
        // Engine test doubles (an analytic latency, a scripted trainer, an event recorder) for
        // every test target that drives a SearchEngine without the real trainer.
        .target(
            name: "EngineTestSupport",
            dependencies: ["FNASCore", "FPGAModel", "SearchEngine"],
            path: "Tests/EngineTestSupport"
        ),
        .testTarget(name: "FNASCoreTests", dependencies: ["FNASCore", "FNASTestSupport"]),
        .testTarget(name: "FPGAModelTests", dependencies: ["FNASCore", "FPGAModel"]),
        .testTarget(name: "ChildTrainerTests", dependencies: ["FNASCore", "ChildTrainer"]),
        .testTarget(
            name: "SearchEngineTests",
            dependencies: ["FNASCore", "FPGAModel", "SearchEngine", "FNASTestSupport", "EngineTestSupport"]
        ),
        // Tests that run the built `fnas` as a user would (kill -9, locks, exit codes): slower,
        // so `make test` runs them in their own step after the unit targets.
        .testTarget(name: "EndToEndTests", dependencies: ["FNASCore", "SearchEngine", "SearchServices", "FNASTestSupport"]),
        .testTarget(
            name: "SearchServicesTests",
            dependencies: ["FNASCore", "FPGAModel", "ChildTrainer", "SearchEngine", "SearchServices", "FNASTestSupport"]
        ),
        .testTarget(
            name: "ExplorerUITests",
            dependencies: ["FNASCore", "FPGAModel", "SearchEngine", "ExplorerUI"],
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "CursesBackendTests",
            dependencies: ["FNASCore", "FPGAModel", "SearchEngine", "ExplorerUI", "CNcursesw", "CursesBackend"]
        ),
    ]
)
