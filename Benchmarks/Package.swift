// swift-tools-version: 6.1
// Function-level benchmarks of modelwarden, kept out of the main package so that its build and
// its tests do not grow: `script/bench-functions` runs them and checks the malloc thresholds.
import PackageDescription

let package = Package(
    name: "modelwarden-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "modelwarden", path: ".."),
        // Only the malloc interposer: its counts are what CI checks.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "WardenBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "WardenCore", package: "modelwarden"),
                .product(name: "PiecesModels", package: "modelwarden"),
            ],
            path: "Benchmarks/WardenBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
