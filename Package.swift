// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "rocfault",
    products: [
        .executable(name: "rocfault", targets: ["rocfault"]),
        .executable(name: "rocfaultd", targets: ["rocfaultd"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // C libraries from Debian, wrapped as module maps.
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CUdev",
            pkgConfig: "libudev",
            providers: [.apt(["libudev-dev"])]
        ),
        // Multi-literal prefilter: pure computation over byte buffers. `-O3` is an unsafe flag, and
        // SwiftPM refuses unsafe flags in a versioned dependency, so RocfaultCore is not offered as a
        // library product (nothing outside this package used it); see docs/platform.md.
        .target(
            name: "CRocfaultScan",
            cSettings: [.unsafeFlags(["-O3"])]
        ),
        // Pure logic: records, rules, matching, correlation, classification. No I/O.
        .target(
            name: "RocfaultCore",
            dependencies: [
                "CPCRE2",
                "CRocfaultScan",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The POSIX layer every I/O target stands on: paths of the installation, syscalls, threads,
        // processes, clocks.
        .target(name: "RocfaultPlatform", dependencies: ["RocfaultCore"]),
        // Log sources: files, /dev/kmsg, sd-journal.
        .target(
            name: "RocfaultSources",
            dependencies: ["RocfaultCore", "RocfaultPlatform", "CSystemd"]
        ),
        // Machine facts: GPUs (udev, sysfs, KFD topology) and GPU-using processes.
        .target(
            name: "RocfaultSystem",
            dependencies: ["RocfaultCore", "RocfaultPlatform", "CUdev"]
        ),
        // SQLite store of incidents, evidence, processes, coverage and cursors.
        .target(
            name: "RocfaultStore",
            dependencies: [
                "RocfaultCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Bug-report bundle writer.
        .target(
            name: "RocfaultReport",
            dependencies: ["RocfaultCore", "RocfaultPlatform", "RocfaultStore", "CZlib"]
        ),
        // The `rocfault` command tree, as a library so tests can drive it.
        .target(
            name: "RocfaultCLI",
            dependencies: [
                "RocfaultCore",
                "RocfaultPlatform",
                "RocfaultSources",
                "RocfaultSystem",
                "RocfaultStore",
                "RocfaultReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The daemon's services.
        .target(
            name: "RocfaultDaemon",
            dependencies: [
                "RocfaultCore",
                "RocfaultPlatform",
                "RocfaultSources",
                "RocfaultSystem",
                "RocfaultStore",
                "RocfaultReport",  // GzipCompressor for the device coredump copies
                "CSystemd",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // Test support shared by the test targets: a real journald started by hand, kmsg writers,
        // temporary trees and files, child processes, stream time-outs. Depends on nothing here.
        .target(name: "RocfaultTestKit", dependencies: ["RocfaultPlatform"]),
        .executableTarget(name: "rocfault", dependencies: ["RocfaultCLI"]),
        .executableTarget(name: "rocfaultd", dependencies: ["RocfaultDaemon"]),
        .testTarget(
            name: "RocfaultCoreTests",
            dependencies: ["RocfaultCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "RocfaultPlatformTests", dependencies: ["RocfaultPlatform", "RocfaultTestKit"]),
        .testTarget(
            name: "RocfaultSourcesTests",
            dependencies: ["RocfaultSources", "RocfaultPlatform", "RocfaultTestKit"]
        ),
        .testTarget(
            name: "RocfaultSystemTests",
            dependencies: ["RocfaultSystem", "RocfaultPlatform", "RocfaultTestKit"]
        ),
        .testTarget(name: "RocfaultStoreTests", dependencies: ["RocfaultStore", "RocfaultTestKit"]),
        .testTarget(
            name: "RocfaultDaemonTests",
            dependencies: ["RocfaultDaemon", "RocfaultCore", "RocfaultSources", "RocfaultStore"]
        ),
        .testTarget(
            name: "RocfaultEndToEndTests",
            dependencies: ["RocfaultCore", "RocfaultStore", "RocfaultTestKit"]
        ),
        .testTarget(
            name: "RocfaultReportTests",
            // RocfaultCLI: NextStepWordingTests and TerminalSafeRenderingTests render report fixtures with the CLI.
            dependencies: ["RocfaultReport", "RocfaultCLI", "RocfaultCore", "RocfaultStore"]
        ),
        .testTarget(name: "RocfaultCLITests", dependencies: ["RocfaultCLI", "RocfaultCore", "RocfaultStore"]),
    ]
)

// Strict settings for every Swift target, applied in one place.
for target in package.targets where [.executable, .test, .regular].contains(target.type) {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}

// libFuzzer targets (Fuzz/, run by `make fuzz`), declared only when ROCFAULT_FUZZ=1 so that the
// normal build and tests never see them. They reach the parsers' internal types by @testable import.
if Context.environment["ROCFAULT_FUZZ"] == "1" {
    package.targets.append(
        .target(name: "FuzzSupport", dependencies: ["RocfaultCore"], path: "Fuzz/Sources/FuzzSupport")
    )
    let fuzzTargets = [
        "FuzzKmsg", "FuzzLogText", "FuzzJournalJSON", "FuzzJSONReader", "FuzzJournalExport", "FuzzRuleYAML",
    ]
    for name in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: name,
                dependencies: ["RocfaultCore", "FuzzSupport"],
                path: "Fuzz/Sources/\(name)",
                swiftSettings: [.unsafeFlags(["-parse-as-library"])]
            )
        )
    }
}
