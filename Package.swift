// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "gongmap",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gongmap", targets: ["gongmap"]),
        .executable(name: "gongmap-bench", targets: ["gongmap-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(name: "GongCRM"),
        .target(name: "TerminalUI"),
        // ncursesw through a header of small wrappers (see docs/decisions.md and the module's README).
        .systemLibrary(name: "CNCurses", path: "Sources/CNCurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "TerminalNCurses", dependencies: ["CNCurses", "TerminalUI"]),
        .target(name: "Wizard", dependencies: ["TerminalUI", "GongCRM", "CRMExport", "Mapping", "Validation", "Upload", "GongClient"]),
        .target(name: "CRMExport", dependencies: [
            .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "Mapping", dependencies: [
            "GongCRM", "CRMExport",
            .product(name: "Yams", package: "Yams"),
        ]),
        .target(name: "Validation", dependencies: ["GongCRM", "CRMExport", "Mapping"]),
        .target(name: "Upload", dependencies: [
            "GongCRM", "CRMExport", "Mapping", "Validation", "GongClient",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "GongEmulator", dependencies: [
            "GongCRM",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "GongClient", dependencies: [
            "GongCRM",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .executableTarget(name: "gongmap", dependencies: [
            "GongCRM", "CRMExport", "Mapping", "Validation", "Upload", "GongEmulator", "TerminalUI", "TerminalNCurses", "Wizard",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "gongmap-bench", dependencies: [
            "TerminalUI", "Wizard",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "GongCRMTests", dependencies: ["GongCRM"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "WizardTests", dependencies: ["Wizard", "TerminalUI", "GongEmulator", "Upload"]),
        .testTarget(name: "TerminalNCursesTests", dependencies: ["TerminalNCurses", "TerminalUI", "CNCurses"]),
        .testTarget(name: "CRMExportTests", dependencies: ["CRMExport", .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "MappingTests", dependencies: ["Mapping", "CRMExport", "GongCRM"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "Mapping", "CRMExport", "GongCRM"]),
        .testTarget(name: "UploadTests", dependencies: ["Upload", "Validation", "Mapping", "CRMExport", "GongCRM", "GongClient", "GongEmulator", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "GongEmulatorTests", dependencies: ["GongEmulator", "GongCRM"]),
        .testTarget(name: "GongClientTests", dependencies: ["GongClient", "GongEmulator", "GongCRM"]),
        .testTarget(name: "CLITests", dependencies: ["gongmap", "GongCRM"]),
    ],
    swiftLanguageModes: [.v6]
)
