// swift-tools-version: 6.1
import PackageDescription

/// A release build lays out first, together, the functions the common commands run
/// (link/modelwarden.order, written by script/link-order): a pass touched code all over .text,
/// and the kernel maps 64 KiB of the file around each page it faults in. lld skips names the
/// file lists that the binary no longer has. SwiftPM does not know the file is an input: a
/// changed order takes effect at the next link.
let startUpOrder: LinkerSetting = .unsafeFlags(
    ["-Xlinker", "--symbol-ordering-file=\(Context.packageDirectory)/link/modelwarden.order",
     "-Xlinker", "--no-warn-symbol-ordering"],
    .when(platforms: [.linux], configuration: .release)
)

/// The agent links with the toolchain's lld and packs its relative relocations (DT_RELR, glibc
/// 2.36+): 133,000 of them took 3 MB of the file, and the loader's pass over them made 5 MiB of
/// each process's resident memory. The binary stays position-independent. Gold can neither pack
/// nor take lld's ordering file. The static runtime's link arguments export every symbol of
/// ours (42,700); nothing looks them up, and the runtime's one `dladdr` at start-up read them
/// all (1.1 million instructions), so the agent exports none (`--no-export-dynamic` comes
/// after them and wins).
let agentLinking: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs", "-Xlinker", "--no-export-dynamic"],
        .when(platforms: [.linux])),
    startUpOrder,
]

let package = Package(
    name: "modelwarden",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "modelwarden", targets: ["modelwarden"]),
        .executable(name: "modelwarden-sim", targets: ["modelwarden-sim"]),
        .library(name: "PiecesModels", targets: ["PiecesModels"]),
        .library(name: "WardenCore", targets: ["WardenCore"]),
        .library(name: "ModelsSimulator", targets: ["ModelsSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .target(
            name: "PiecesModels",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "WardenCore",
            dependencies: [
                "PiecesModels",
                "CSystemd",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            plugins: ["VersionStamp"]
        ),
        .plugin(name: "VersionStamp", capability: .buildTool()),
        .target(
            name: "ModelsSimulator",
            dependencies: [
                "PiecesModels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "modelwarden",
            dependencies: [
                "WardenCore",
                "PiecesModels",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: agentLinking
        ),
        .executableTarget(
            name: "modelwarden-sim",
            dependencies: [
                "ModelsSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "PiecesModelsTests",
            dependencies: ["PiecesModels", "ModelsSimulator", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "WardenCoreTests",
            dependencies: [
                "WardenCore", "TestSupport", "ModelsSimulator",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ModelsSimulatorTests",
            dependencies: [
                "ModelsSimulator", "PiecesModels", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "modelwarden", "modelwarden-sim", "PiecesModels", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Conformance")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
