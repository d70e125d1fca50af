public import ArgumentParser
import Logging
import RocfaultCore
import RocfaultSources
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
import Glibc
#endif

/// `rocfaultd`: follows the kernel log and the journal, records GPU failure incidents.
public struct RocfaultDaemonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "rocfaultd",
        abstract: "Follow the kernel log and the journal and record AMD GPU failure incidents."
    )

    @OptionGroup public var options: DaemonOptions

    public init() {}

    /// Parses the process's arguments and runs the daemon (the executable's whole `main`).
    public static func runFromCommandLine() async { await main() }

    public func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "rocfaultd")
        let configuration = DaemonConfiguration(options: options, rulesDirectory: try Self.rulesDirectory(options))
        let setup: DaemonSetup
        do {
            setup = try DaemonSetup.prepare(configuration: configuration, logger: logger)
        } catch {
            throw ValidationError("\(error)")
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [DaemonService(setup: setup, logger: logger)],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        try await group.run()
    }

    private static func rulesDirectory(_ options: DaemonOptions) throws -> String {
        if let rules = options.rules { return rules }
        if let fromEnvironment = getenv("ROCFAULT_RULES_DIR").map({ String(cString: $0) }), !fromEnvironment.isEmpty {
            return fromEnvironment
        }
        for candidate in ["/usr/local/share/rocfault/rules", "/usr/share/rocfault/rules"]
        where access(candidate, R_OK) == 0 {
            return candidate
        }
        throw ValidationError("no rule directory found; pass --rules DIR or set ROCFAULT_RULES_DIR")
    }
}
